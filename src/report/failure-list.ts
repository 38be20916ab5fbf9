/**
 * The terminal's failure list, printed after the verdict table as a test runner prints its
 * failures: every failed and errored check with its id, requirement, expected vs actual and the
 * doc line it cites. Plain text, terminal-safe (nothing a target sent can move the cursor).
 */
import type { Report } from './result.js';
import { oneLine, showInvisible, sourceRef, truncate } from './text.js';

/** Longest expected/actual/message shown per check; the report files hold the rest. */
const MAX_VALUE = 300;

function safe(value: unknown): string {
  return truncate(showInvisible(oneLine(value)).replace(/\s+/g, ' '), MAX_VALUE);
}

/** Empty when nothing failed or errored. Secrets must be redacted from `reports` beforehand. */
export function formatFailureList(reports: readonly Report[]): string {
  const bad = reports.flatMap((r) => r.results.filter((x) => x.verdict === 'fail' || x.verdict === 'error'));
  if (bad.length === 0) return '';
  const lines = [`\n${bad.length} ${bad.length === 1 ? 'check' : 'checks'} failed or could not be judged:`];
  bad.forEach((r, i) => {
    lines.push('', `${i + 1}) ${r.verdict === 'fail' ? 'FAIL ' : 'ERROR'} ${safe(r.id)} [${r.level}]`);
    lines.push(`   requires: ${safe(r.requirement)}`);
    const { expected, actual } = r.evidence;
    if (expected !== undefined || actual !== undefined) lines.push(`   expected: ${safe(expected)}`, `   actual:   ${safe(actual)}`);
    else lines.push(`   ${r.verdict === 'fail' ? 'failed' : 'error'}:    ${safe(r.message)}`);
    lines.push(`   docs:     ${safe(sourceRef(r.source))}`);
  });
  return `${lines.join('\n')}\n`;
}
