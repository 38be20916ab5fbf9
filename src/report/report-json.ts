/**
 * report.json: DESIGN.md's shape, keys in DESIGN.md's order (any further field after them),
 * indented, one trailing newline. Deterministic for a given report.
 */
import { redactReport, type RedactionOptions } from './redact.js';
import type { CheckResult, Report } from './result.js';

const REPORT_KEYS = ['tool', 'target', 'profile', 'startedAt', 'durationMs', 'verdict', 'summary', 'results'] as const satisfies readonly (keyof Report)[];
const RESULT_KEYS = ['id', 'operation', 'check', 'requirement', 'level', 'verdict', 'message', 'source', 'evidence', 'durationMs'] as const satisfies readonly (keyof CheckResult)[];

/** The same fields, the listed keys first and in that order. */
function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  const out: Partial<T> = {};
  for (const k of keys) if (k in value) out[k] = value[k];
  return { ...out, ...value };
}

export function renderReportJson(report: Report, redaction: RedactionOptions = {}): string {
  const safe = redactReport(report, redaction);
  const shaped = ordered({ ...safe, results: safe.results.map((r) => ordered(r, RESULT_KEYS)) }, REPORT_KEYS);
  return `${JSON.stringify(shaped, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`;
}
