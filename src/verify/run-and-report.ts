/**
 * The terminal edge of a certification, shared by `verify` and `start`: run it (progress on a
 * TTY, one line per operation; quiet otherwise), write the reports with the report stage's
 * writer, print the verdict table, and say which exit code it means.
 */
import type { Report } from '../report/result.js';
import { certify, type CertifyHooks, type OperationDone } from './certify.js';
import { SENSITIVE_HEADERS } from '../report/redact.js';
import { secretValues, type VerifyOptions } from './options.js';

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
  exitCode: 0 | 1 | 3;
  reports: Report[];
  /** The folder each report went to, index-aligned with `reports`. */
  dirs: string[];
}

/** Certify, write the reports, print the verdict table; shared by `verify` and `start`. */
export async function runAndReport(options: VerifyOptions, reportsDir: string, hooks: Pick<CertifyHooks, 'runner' | 'inputs' | 'prepared'> = {}): Promise<RunAndReport> {
  const live = Boolean(process.stderr.isTTY) && !process.env.CI;
  // The report writers load once the checks are under way (the first result): earlier, they
  // would hold up this thread while vitest starts the suite.
  let writers: Promise<[typeof import('../report/write-reports.js'), typeof import('../report/verdict-table.js'), typeof import('../report/failure-list.js'), typeof import('../report/redact.js')]> | undefined;
  const loadWriters = (): NonNullable<typeof writers> => (writers ??= Promise.all([import('../report/write-reports.js'), import('../report/verdict-table.js'), import('../report/failure-list.js'), import('../report/redact.js')]));
  const outcome = await certify(options, {
    ...hooks,
    onFirstResult: () => void loadWriters(),
    ...(live ? { onOperationDone: (d: OperationDone) => process.stderr.write(operationLine(d)) } : {}),
  });
  if (outcome.kind === 'unreachable') {
    process.stderr.write(`callconform: target unreachable: ${outcome.url}: ${outcome.reason}\n`);
    return { exitCode: 3, reports: [], dirs: [] };
  }
  const [{ writeReports, writeRunSummary }, { formatVerdictTable }, { formatFailureList }, { redactReport }] = await loadWriters();
  const secrets = secretValues(options);
  const secretNames = (options.headers ?? []).filter((h) => h.secret).map((h) => h.name.toLowerCase());
  const redaction = {
    ...(secrets.length > 0 ? { secrets } : {}),
    ...(secretNames.length > 0 ? { sensitiveHeaders: [...SENSITIVE_HEADERS, ...secretNames] } : {}),
  };
  const written = writeReports(reportsDir, outcome.reports, redaction);
  const run = writeRunSummary(reportsDir, outcome.reports, written, redaction);
  process.stdout.write(formatVerdictTable(outcome.reports, written));
  process.stdout.write(`run summary: ${run.summaryMd} (and index.html)\n`);
  process.stdout.write(formatFailureList(outcome.reports.map((r) => redactReport(r, redaction))));
  return { exitCode: outcome.exitCode, reports: outcome.reports, dirs: written.map((w) => w.dir) };
}

