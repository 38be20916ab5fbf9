/**
 * The terminal edge of a certification, shared by `verify` and `start`: run it (progress on a
 * TTY, one line per operation; quiet otherwise), write the reports with the report stage's
 * writer, print the verdict table, and say which exit code it means.
 */
import type { Report } from '../report/result.js';
import { certify, type CertifyHooks, type OperationDone } from './certify.js';
import { formatFailureList } from '../report/failure-list.js';
import { redactReport, SENSITIVE_HEADERS } from '../report/redact.js';
import { formatVerdictTable } from '../report/verdict-table.js';
import { writeReports, writeRunSummary } from '../report/write-reports.js';
import { secretValues, type VerifyOptions } from './options.js';
import { mdCode } from '../report/markdown.js';
import { baselineHolds, compareWithBaseline, formatBaselineMarkdown, formatBaselineText, updatedBaseline, writeBaseline, type Baseline, type BaselineOutcome } from './baseline.js';

/** One progress line per operation, on a TTY only (CI logs stay clean). */
export function operationLine(d: OperationDone): string {
  const count = (v: string): number => d.results.filter((r) => r.verdict === v).length;
  const ms = Math.max(0, ...d.results.map((r) => r.durationMs));
  const parts = [`${count('pass')} passed`, `${count('fail')} failed`];
  if (count('warn')) parts.push(`${count('warn')} warned`);
  if (count('error')) parts.push(`${count('error')} errored`);
  return `  ${d.profile} ${d.operation}: ${parts.join(', ')} (${ms} ms)\n`;
}

export interface RunAndReport {
  exitCode: 0 | 1 | 2 | 3;
  reports: Report[];
  /** The folder each report went to, index-aligned with `reports`. */
  dirs: string[];
}

/** `verify --baseline FILE` (loaded before the run) and `--update-baseline`. */
export interface BaselineRun {
  file: string;
  /** Undefined when the file does not exist yet (only with `update`). */
  baseline?: Baseline;
  update: boolean;
}

/** Exit code of a judged run held against a baseline: new or expired failures fail it; a partial run still needs --allow-partial. */
function baselineExitCode(reports: readonly Report[], outcome: BaselineOutcome, allowPartial: boolean): 0 | 1 {
  if (!baselineHolds(outcome)) return 1;
  return reports.some((r) => r.verdict === 'partial' || r.scope?.narrowed) && !allowPartial ? 1 : 0;
}

/** Certify, write the reports, print the verdict table; shared by `verify` and `start`. */
export async function runAndReport(options: VerifyOptions, reportsDir: string, hooks: Pick<CertifyHooks, 'inputs' | 'onPlanned'> = {}, baseline?: BaselineRun): Promise<RunAndReport> {
  const live = Boolean(process.stderr.isTTY) && !process.env.CI;
  const outcome = await certify(options, {
    ...hooks,
    ...(live ? { onOperationDone: (d: OperationDone) => process.stderr.write(operationLine(d)) } : {}),
  });
  if (outcome.kind === 'unreachable') {
    process.stderr.write(`callconform: target unreachable: ${outcome.url}: ${outcome.reason}\n`);
    return { exitCode: 3, reports: [], dirs: [] };
  }
  const secrets = secretValues(options);
  const secretNames = (options.headers ?? []).filter((h) => h.secret).map((h) => h.name.toLowerCase());
  const redaction = {
    ...(secrets.length > 0 ? { secrets } : {}),
    ...(secretNames.length > 0 ? { sensitiveHeaders: [...SENSITIVE_HEADERS, ...secretNames] } : {}),
  };
  const today = new Date().toISOString().slice(0, 10);
  // A run that was not judged says nothing about which checks fail: it is not held against the baseline.
  const judged = outcome.exitCode !== 2;
  let compared = baseline && judged ? compareWithBaseline(baseline.file, baseline.baseline ?? { accepted: [] }, outcome.reports, today) : undefined;
  if (baseline?.update && compared) {
    const next = updatedBaseline(baseline.baseline, compared, today);
    writeBaseline(baseline.file, next);
    process.stdout.write(`baseline updated: ${baseline.file} (${next.accepted.length} accepted)\n`);
    compared = compareWithBaseline(baseline.file, next, outcome.reports, today);
  }
  let written;
  let run;
  try {
    written = writeReports(reportsDir, outcome.reports, redaction);
    run = writeRunSummary(reportsDir, outcome.reports, written, { ...redaction, ...(compared ? { summaryPreface: formatBaselineMarkdown(compared, mdCode) } : {}) });
  } catch (err) {
    // The verdict is known even when it cannot be saved (a disk filled during the run): show it, then the error.
    process.stdout.write(formatVerdictTable(outcome.reports));
    throw err;
  }
  process.stdout.write(formatVerdictTable(outcome.reports, written));
  process.stdout.write(`run summary: ${run.summaryMd} (and index.html)\n`);
  const safe = outcome.reports.map((r) => redactReport(r, redaction));
  process.stdout.write(formatFailureList(safe));
  const problem = safe.find((r) => r.configuration)?.configuration;
  // Last, where a CI log's reader looks: the results were written, but they judge the configuration.
  if (compared) process.stdout.write(formatBaselineText(compared));
  if (problem) process.stderr.write(`callconform: configuration error: ${problem.message} (results written, not judged)\nhint: ${problem.hint}\n`);
  const exitCode = compared ? baselineExitCode(outcome.reports, compared, options.allowPartial === true) : outcome.exitCode;
  return { exitCode, reports: outcome.reports, dirs: written.map((w) => w.dir) };
}

