/**
 * Render a drift report as text (terminal), JSON (other tools) or Markdown (CI job summary).
 * Pure: returns strings.
 */
import type { Source } from '../spec/model.js';
import { summarize, type Change, type DriftSummary, type FailOn } from './diff.js';
import type { Party } from './rules.js';

export type DriftFormat = 'text' | 'json' | 'markdown';

export interface DriftReport {
  tool: { name: 'callconform'; version: string };
  /** The OLD and NEW arguments as given. */
  old: string;
  new: string;
  failOn: FailOn;
  summary: DriftSummary;
  changes: Change[];
}

export function driftReport(old: string, next: string, changes: Change[], failOn: FailOn, version: string): DriftReport {
  return { tool: { name: 'callconform', version }, old, new: next, failOn, summary: summarize(changes), changes };
}

function where(source: Source | null): string {
  return source ? `${source.file}:${source.line}` : '—';
}

function whom(breaks: Party[]): string {
  return breaks.join(' and ');
}

function valueChange(c: Change): string {
  if (c.change === 'added') return `+ ${c.new ?? ''}`;
  if (c.change === 'removed') return `- ${c.old ?? ''}`;
  return `${c.old ?? ''} → ${c.new ?? ''}`;
}

function summaryLine(s: DriftSummary): string {
  if (s.changes === 0) return 'no changes';
  const parts: string[] = [];
  if (s.breaksClients > 0) parts.push(`${s.breaksClients} for clients`);
  if (s.breaksImplementations > 0) parts.push(`${s.breaksImplementations} for implementations`);
  const breaking = s.breaking > 0 ? `${s.breaking} breaking (${parts.join(', ')})` : '0 breaking';
  return `${s.changes} change${s.changes === 1 ? '' : 's'}: ${breaking}, ${s.nonBreaking} non-breaking`;
}

function subjectOf(c: Change): string {
  return c.subjectKind === 'operation' ? `${c.profile}/${c.subject}` : `${c.profile}/resources/${c.subject}`;
}

export function formatText(report: DriftReport): string {
  const out: string[] = [`drift ${report.old} → ${report.new}`];
  let subject = '';
  for (const c of report.changes) {
    if (subjectOf(c) !== subject) {
      subject = subjectOf(c);
      out.push('', subject);
    }
    const cls = c.class === 'breaking' ? `BREAKING for ${whom(c.breaks)}` : 'non-breaking';
    out.push(`  ${cls}: ${c.title} [${c.rule}]`);
    out.push(`    ${c.fact}: ${valueChange(c)}`);
    out.push(`    old ${where(c.oldSource)}  new ${where(c.newSource)}`);
    if (c.class === 'breaking') out.push(`    why: ${c.explanation}`);
  }
  out.push('', summaryLine(report.summary));
  return `${out.join('\n')}\n`;
}

export function formatJson(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function cell(text: string | null): string {
  if (text === null || text === '') return '—';
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string | null): string {
  if (text === null || text === '') return '—';
  const t = cell(text);
  return t.includes('`') ? t : `\`${t}\``;
}

export function formatMarkdown(report: DriftReport): string {
  const s = report.summary;
  const out: string[] = [
    `### callconform drift: ${summaryLine(s)}`,
    '',
    `${code(report.old)} → ${code(report.new)}`,
    '',
  ];
  if (report.changes.length > 0) {
    out.push('| class | operation | fact | old | new | rule | sources (old · new) |', '|---|---|---|---|---|---|---|');
    for (const c of report.changes) {
      const cls = c.class === 'breaking' ? `**breaking** for ${whom(c.breaks)}` : 'non-breaking';
      out.push(
        `| ${cls} | ${cell(subjectOf(c))} | ${code(c.fact)} | ${code(c.old)} | ${code(c.new)} | ${cell(c.title)} (\`${c.rule}\`) | ${code(where(c.oldSource))} · ${code(where(c.newSource))} |`,
      );
    }
    const used = [...new Map(report.changes.map((c) => [c.rule, c] as const)).values()];
    out.push('', '<details><summary>Why these classes</summary>', '');
    for (const c of used) out.push(`- \`${c.rule}\` — ${cell(c.explanation)}`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}

export function formatReport(report: DriftReport, format: DriftFormat): string {
  if (format === 'json') return formatJson(report);
  if (format === 'markdown') return formatMarkdown(report);
  return formatText(report);
}
