/**
 * Regression baselines for CI (`verify --baseline FILE`): a committed YAML list of accepted
 * failures, each a check id with a reason and an optional `until` date. A run then fails only on
 * checks that newly fail (or error) and on accepted ones whose date has passed; accepted checks
 * that now pass are reported as fixed. `--update-baseline` rewrites the file to the run's failures.
 * The reports keep their honest verdict: the baseline changes the exit code, not the results.
 */
import { existsSync } from 'node:fs';
import { stringify } from 'yaml';
import type { Report, ResultVerdict } from '../report/result.js';
import { writeFileAtomic } from '../spec/atomic-write.js';
import { readYamlWithSchema } from '../spec/schema-file.js';
import baselineSchema from './baseline.schema.json' with { type: 'json' };

export { baselineSchema };

export interface BaselineEntry {
  check: string;
  reason: string;
  /** YYYY-MM-DD, the last day the acceptance holds. */
  until?: string;
}

export interface Baseline {
  accepted: BaselineEntry[];
}

/** How the run compares with the baseline; each list holds check ids in report order. */
export interface BaselineOutcome {
  file: string;
  /** Failing or erroring checks the baseline does not accept. */
  new: string[];
  /** Failing checks the baseline accepts. */
  known: string[];
  /** Failing checks whose acceptance ended before today. */
  expired: string[];
  /** Accepted checks that now pass. */
  fixed: string[];
  /** Accepted checks the run did not run (another profile, a filter, a renamed check). */
  unseen: string[];
}

const BAD: readonly ResultVerdict[] = ['fail', 'error'];

/** Read and validate a baseline file; every problem is `file:line: message` (exit 2). */
export function loadBaseline(file: string): Baseline {
  const baseline = readYamlWithSchema<Baseline>(file, baselineSchema, 'baseline');
  return { accepted: baseline.accepted.map((e) => ({ ...e })) };
}

/** `today` is a YYYY-MM-DD date (UTC); an entry holds through its `until` day. */
export function compareWithBaseline(file: string, baseline: Baseline, reports: readonly Report[], today: string): BaselineOutcome {
  const entries = new Map(baseline.accepted.map((e) => [e.check, e]));
  const out: BaselineOutcome = { file, new: [], known: [], expired: [], fixed: [], unseen: [] };
  const seen = new Set<string>();
  for (const result of reports.flatMap((r) => r.results)) {
    seen.add(result.id);
    const entry = entries.get(result.id);
    if (BAD.includes(result.verdict)) {
      if (!entry) out.new.push(result.id);
      else if (entry.until !== undefined && entry.until < today) out.expired.push(result.id);
      else out.known.push(result.id);
    } else if (entry && result.verdict === 'pass') out.fixed.push(result.id);
  }
  out.unseen = baseline.accepted.map((e) => e.check).filter((id) => !seen.has(id));
  return out;
}

/** The run fails on new failures and expired acceptances only. */
export function baselineHolds(outcome: BaselineOutcome): boolean {
  return outcome.new.length === 0 && outcome.expired.length === 0;
}

/**
 * The baseline the run asks for: every check that fails now, keeping the reason and date of
 * entries that had one (expired dates too: renewing them is a decision, not an update), new
 * ones with a reason to fill in; fixed checks drop out, checks the run did not see stay.
 */
export function updatedBaseline(baseline: Baseline | undefined, outcome: BaselineOutcome, today: string): Baseline {
  const previous = new Map((baseline?.accepted ?? []).map((e) => [e.check, e]));
  const keep = new Set([...outcome.known, ...outcome.expired, ...outcome.unseen]);
  const accepted = (baseline?.accepted ?? []).filter((e) => keep.has(e.check));
  for (const id of outcome.new) if (!previous.has(id)) accepted.push({ check: id, reason: `accepted by --update-baseline on ${today}; say why` });
  return { accepted };
}

export function writeBaseline(file: string, baseline: Baseline): void {
  const header = '# callconform baseline: failures this CI run accepts (verify --baseline FILE).\n# Each entry: check (a report.json id), reason, optional until (YYYY-MM-DD). Schema: baseline.schema.json\n';
  writeFileAtomic(file, header + stringify(baseline, { lineWidth: 0 }));
}

/** Whether a baseline file exists yet (`--update-baseline` may create it). */
export function baselineExists(file: string): boolean {
  return existsSync(file);
}

const LISTED = 20;

function listed(title: string, ids: readonly string[], line: (id: string) => string): string[] {
  if (ids.length === 0) return [];
  const more = ids.length > LISTED ? [`  … and ${ids.length - LISTED} more`] : [];
  return [`${title} (${ids.length}):`, ...ids.slice(0, LISTED).map((id) => `  ${line(id)}`), ...more];
}

/** The terminal's account of the comparison. */
export function formatBaselineText(outcome: BaselineOutcome): string {
  const head = `baseline ${outcome.file}: ${outcome.new.length} new, ${outcome.known.length} still known, ${outcome.fixed.length} fixed, ${outcome.expired.length} expired`;
  return [
    '',
    head,
    ...listed('new failures (not in the baseline)', outcome.new, (id) => id),
    ...listed('expired acceptances (fail again)', outcome.expired, (id) => id),
    ...listed('fixed (passing now; --update-baseline drops them)', outcome.fixed, (id) => id),
    '',
  ].join('\n');
}

/** The run summary's section (Markdown). */
export function formatBaselineMarkdown(outcome: BaselineOutcome, code: (text: string) => string): string {
  const row = (label: string, ids: readonly string[]): string => `| ${label} | ${ids.length} | ${ids.slice(0, LISTED).map(code).join('<br>')}${ids.length > LISTED ? `<br>… and ${ids.length - LISTED} more` : ''} |`;
  return [
    `## Baseline ${code(outcome.file)}: ${baselineHolds(outcome) ? '✅ no new failures' : '❌ new failures'}`,
    '',
    '| | Checks | Ids |',
    '|---|---:|---|',
    row('New', outcome.new),
    row('Still known', outcome.known),
    row('Fixed', outcome.fixed),
    row('Expired', outcome.expired),
    '',
    '',
  ].join('\n');
}
