/**
 * report.json: DESIGN.md's shape, keys in DESIGN.md's order (the copy `redactReport` makes),
 * indented, one trailing newline. Deterministic for a given report.
 */
import { redactReport, type RedactionOptions } from './redact.js';
import type { Report } from './result.js';

export function renderReportJson(report: Report, redaction: RedactionOptions = {}): string {
  const safe = redactReport(report, redaction);
  return `${JSON.stringify(safe, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`;
}
