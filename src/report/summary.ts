/**
 * summary.md: a Markdown summary for a CI job summary (GitHub's `$GITHUB_STEP_SUMMARY` takes at
 * most 1 MiB per step). Verdict line, counts table, then what needs attention — failures, errors,
 * warnings — each with its requirement, expected vs actual, the doc source file:line and the curl
 * line that reproduces it; then, if room is left, every result. Long evidence is truncated and,
 * should the whole still not fit, the remaining entries are counted instead of shown.
 */
import { capBytes, mdCode, mdFence, mdLink, mdText, utf8Bytes } from './markdown.js';
import { redactReport, type RedactionOptions } from './redact.js';
import type { CheckResult, Citation, Evidence, Report, ResultVerdict, RunVerdict } from './result.js';
import type { Source } from '../spec/model.js';
import { byAttention, curlLines, displayValue, formatDuration, oneLine, scopeText, sourceRef, truncate } from './text.js';
import { overallVerdict } from './verdict.js';

/** GitHub's limit for one step's job summary. */
export const JOB_SUMMARY_LIMIT = 1024 * 1024;

export interface SummaryOptions extends RedactionOptions {
  /** Size limit of the whole document in UTF-8 bytes; default 1 MiB less 16 KiB of headroom. */
  maxBytes?: number;
  /** Longest evidence block (a body, expected, actual) in characters; default 2000. */
  evidenceChars?: number;
  /** Where each report's files are (index-aligned with the reports), shown as "Full report". */
  reportDirs?: readonly (string | undefined)[];
  /** Markdown placed after the overall verdict (the baseline comparison), counted in the size limit. */
  preface?: string;
}

const RUN_MARK: Record<RunVerdict, string> = { conformant: '✅', nonconformant: '❌', error: '⚠️', partial: '🟡', 'not-judged': '🚫' };
const RESULT_MARK: Record<ResultVerdict, string> = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️', error: '💥' };
const SECTION: Partial<Record<ResultVerdict, string>> = {
  fail: 'Failures — requirements not met',
  error: 'Errors — checks that could not be judged',
  warn: 'Warnings — SHOULD requirements not met',
};
/** Exchanges of one result shown at most (the main one and follow-ups). */
const MAX_EXCHANGES = 4;

function exchangeBlocks(evidence: Evidence, chars: number, label: string, budget: { left: number }): string[] {
  if (budget.left <= 0) return [];
  budget.left--;
  const out: string[] = [];
  const { request, response } = evidence;
  if (request) {
    out.push(`**${label} request** ${mdCode(`${request.method ?? ''} ${request.url ?? ''}`.trim())}`);
    if (request.body !== undefined) out.push(mdFence(truncate(displayValue(request.body), chars), typeof request.body === 'string' ? '' : 'json'));
  }
  if (response) {
    if (response.error !== undefined) out.push(`**${label} response** none: ${mdCode(truncate(response.error, chars))}`);
    else out.push(`**${label} response** ${mdCode(String(response.status ?? '?'))}`);
    const headers = Object.entries(response.headers ?? {});
    if (headers.length > 0) out.push(mdFence(truncate(headers.map(([k, v]) => `${k}: ${v}`).join('\n'), chars)));
    if (response.body !== undefined) out.push(mdFence(truncate(displayValue(response.body), chars), typeof response.body === 'string' ? '' : 'json'));
  }
  evidence.more?.forEach((m, i) => out.push(...exchangeBlocks(m, chars, `${label}.${i + 1}`, budget)));
  return out;
}

type Citations = Readonly<Record<string, Citation>>;

/** `file:line` as a code span in a table cell, linked to the published page, then the cited line quoted. */
function citation(source: Source, citations: Citations, quoted = true): string {
  const c = citations[sourceRef(source)];
  const link = mdLink(mdCode(sourceRef(source), true), c?.url);
  return quoted && c?.quote ? `${link} “${mdText(c.quote)}”` : link;
}

/** One failure, error or warning, in full. */
function attentionEntry(r: CheckResult, chars: number, citations: Citations): string {
  const e = r.evidence;
  const rows: [string, string][] = [
    ['Requirement', mdText(r.requirement)],
    ['Level', r.level],
    ['Docs', citation(r.source, citations)],
  ];
  if ('expected' in e) rows.push(['Expected', mdCode(truncate(oneLine(e.expected), chars), true)]);
  if ('actual' in e) rows.push(['Actual', mdCode(truncate(oneLine(e.actual), chars), true)]);
  rows.push(['Message', mdText(truncate(r.message, chars))]);
  if (e.decision) {
    rows.push(['Decision', `${mdCode(e.decision.finding, true)} at ${citation(e.decision.source, citations, false)}: ${mdText(e.decision.ruling)} — ${mdText(e.decision.rationale)}`]);
  }
  rows.push(['Result id', mdCode(r.id, true)]);
  const lines = [
    `#### ${RESULT_MARK[r.verdict]} ${mdText(r.operation)} · ${r.check}`,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
  ];
  const curls = curlLines(e);
  if (curls.length > 0) lines.push('Reproduce:', '', mdFence(curls.map((c) => truncate(c, chars)).join('\n'), 'sh'), '');
  const blocks = exchangeBlocks(e, chars, 'Exchange 1', { left: MAX_EXCHANGES });
  if (blocks.length > 0) lines.push('<details><summary>Evidence</summary>', '', ...blocks.flatMap((b) => [b, '']), '</details>', '');
  return `${lines.join('\n')}\n`;
}

function head(report: Report, dir: string | undefined): string {
  const s = report.summary;
  const facts = [
    `Target ${mdCode(report.target)}`,
    `${mdText(report.tool.name)} ${mdText(report.tool.version)}`,
    `started ${mdText(report.startedAt)}`,
    formatDuration(report.durationMs),
  ];
  if (dir) facts.push(`full report ${mdCode(dir)}`);
  if (report.scope) facts.push(mdText(scopeText(report.scope)));
  return [
    `## ${RUN_MARK[report.verdict]} ${mdText(report.profile)}: ${report.verdict}${report.verdict === 'partial' || report.verdict === 'not-judged' ? ' (not a certificate)' : ''}`,
    '',
    ...(report.configuration ? [`**Configuration problem:** ${mdText(report.configuration.message)}. ${mdText(report.configuration.hint)}`, ''] : []),
    facts.join(' · '),
    '',
    '| Passed | Failed | Warned | Skipped | Errored |',
    '|---:|---:|---:|---:|---:|',
    `| ${s.passed} | ${s.failed} | ${s.warned} | ${s.skipped} | ${s.errored} |`,
    '',
    '',
  ].join('\n');
}

function resultRow(r: CheckResult, citations: Citations): string {
  return `| ${RESULT_MARK[r.verdict]} ${r.verdict} | ${mdText(r.operation)} | ${r.check} | ${r.level} | ${mdText(r.requirement)} | ${citation(r.source, citations)} |\n`;
}

/** The pieces of one report's section, in reading order; each is kept or left out whole. */
function pieces(report: Report, chars: number): { text: string; kind: 'entry' | 'row' | 'frame' }[] {
  const out: { text: string; kind: 'entry' | 'row' | 'frame' }[] = [];
  let section: ResultVerdict | undefined;
  for (const r of byAttention(report.results)) {
    const title = SECTION[r.verdict];
    if (!title) break;
    if (section !== r.verdict) {
      out.push({ text: `### ${title}\n\n`, kind: 'frame' });
      section = r.verdict;
    }
    out.push({ text: attentionEntry(r, chars, report.citations ?? {}), kind: 'entry' });
  }
  if (report.results.length > 0) {
    out.push({
      text: `<details><summary>All ${report.results.length} results</summary>\n\n| Verdict | Operation | Check | Level | Requirement | Docs |\n|---|---|---|---|---|---|\n`,
      kind: 'frame',
    });
    for (const r of byAttention(report.results)) out.push({ text: resultRow(r, report.citations ?? {}), kind: 'row' });
    out.push({ text: '\n</details>\n\n', kind: 'frame' });
  }
  return out;
}

/**
 * Split `budget` among sections that need `needs[i]` bytes: the smaller needs are met in full,
 * what they leave is shared equally by the larger ones.
 */
function fairShares(needs: readonly number[], budget: number): number[] {
  const shares = needs.map(() => 0);
  let left = budget;
  const order = needs.map((need, i) => ({ need, i })).sort((a, b) => a.need - b.need);
  order.forEach(({ need, i }, k) => {
    const share = Math.min(need, Math.floor(left / (order.length - k)));
    shares[i] = share;
    left -= share;
  });
  return shares;
}

/** One row per profile, for a summary of several: the verdicts at a glance before the details. */
function profileTable(reports: readonly Report[]): string {
  const rows = reports.map((r) => `| ${mdText(r.profile)} | ${RUN_MARK[r.verdict]} ${r.verdict} | ${r.summary.passed} | ${r.summary.failed} | ${r.summary.warned} | ${r.summary.skipped} | ${r.summary.errored} |`);
  return ['| Profile | Verdict | Passed | Failed | Warned | Skipped | Errored |', '|---|---|---:|---:|---:|---:|---:|', ...rows, '', ''].join('\n');
}

/** Room kept for the "not shown" note of each report. */
const NOTE_RESERVE = 400;

/**
 * The job summary for one or more reports (one per profile), within `maxBytes`. Secrets are
 * redacted first (see `redactReport`).
 */
export function renderSummaryMarkdown(reports: Report | readonly Report[], options: SummaryOptions = {}): string {
  const list = (Array.isArray(reports) ? reports : [reports]) as readonly Report[];
  const safe = list.map((r) => redactReport(r, options));
  const maxBytes = options.maxBytes ?? JOB_SUMMARY_LIMIT - 16 * 1024;
  const chars = options.evidenceChars ?? 2_000;
  const overall = overallVerdict(safe);
  const conformant = safe.filter((r) => r.verdict === 'conformant').length;
  const title = `# ${RUN_MARK[overall]} callconform: ${overall}\n\n${conformant} of ${safe.length} profile${safe.length === 1 ? '' : 's'} conformant.\n\n${safe.length > 1 ? profileTable(safe) : ''}${options.preface ?? ''}`;
  const heads = safe.map((r, i) => head(r, options.reportDirs?.[i]));
  const fixed = utf8Bytes(title) + heads.reduce((n, h) => n + utf8Bytes(h), 0) + NOTE_RESERVE * safe.length;
  const sections = safe.map((report) => pieces(report, chars));
  const shares = fairShares(
    sections.map((list) => list.reduce((n, p) => n + utf8Bytes(p.text), 0)),
    Math.max(0, maxBytes - fixed),
  );
  let doc = title;
  safe.forEach((report, i) => {
    doc += heads[i] ?? '';
    const share = shares[i] ?? 0;
    let used = 0;
    let omittedEntries = 0;
    let omittedRows = 0;
    let inTable = false;
    for (const piece of sections[i] ?? []) {
      const size = utf8Bytes(piece.text);
      const closesTable = piece.kind === 'frame' && inTable;
      // a frame that closes an open table is always written, so the Markdown stays well-formed
      if (closesTable || (omittedEntries === 0 && omittedRows === 0 && used + size <= share)) {
        doc += piece.text;
        used += size;
        if (piece.kind === 'frame') inTable = piece.text.startsWith('<details>');
      } else if (piece.kind === 'entry') omittedEntries++;
      else if (piece.kind === 'row') omittedRows++;
    }
    if (omittedEntries > 0 || omittedRows > 0) {
      const where = options.reportDirs?.[i] ? ` in ${mdCode(options.reportDirs[i] ?? '')}` : ' in report.json';
      const what = [omittedEntries > 0 ? `${omittedEntries} failure/error/warning entr${omittedEntries === 1 ? 'y' : 'ies'}` : '', omittedRows > 0 ? `${omittedRows} result row${omittedRows === 1 ? '' : 's'}` : '']
        .filter(Boolean)
        .join(' and ');
      doc += capBytes(`> Not shown to stay within the job summary limit: ${what}. See the full report${where}.\n\n`, NOTE_RESERVE);
    }
  });
  return capBytes(doc, maxBytes);
}
