/**
 * The verdict table printed on the terminal by `verify` and `npm start`: one row per profile
 * (verdict, counts, where its reports are) and a total row. Plain text, no colours, aligned.
 */
import type { Report } from './result.js';
import { showInvisible } from './text.js';
import { overallVerdict } from './verdict.js';

/** Where a report was written: `writeReports` returns these, index-aligned with its input. */
export interface ReportLocation {
  dir: string;
}

const COUNTS = ['passed', 'failed', 'warned', 'skipped', 'errored'] as const;

/** Terminal-safe: no escape sequences or other controls from profile names or paths. */
function plain(text: string): string {
  return showInvisible(text).replace(/\s+/g, ' ');
}

export function formatVerdictTable(reports: readonly Report[], locations: readonly (ReportLocation | undefined)[] = []): string {
  const header = ['profile', 'verdict', ...COUNTS, 'report'];
  const rows = reports.map((r, i) => [plain(r.profile), r.verdict, ...COUNTS.map((k) => String(r.summary[k])), locations[i] ? `${plain(locations[i].dir)}/` : '']);
  const total = ['overall', overallVerdict(reports), ...COUNTS.map((k) => String(reports.reduce((n, r) => n + r.summary[k], 0))), ''];
  const table = [header, ...rows, total];
  const widths = header.map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length)));
  const numeric = (c: number): boolean => c >= 2 && c < 2 + COUNTS.length;
  const line = (row: string[]): string =>
    row
      .map((cell, c) => (numeric(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${table.map(line).join('\n')}\n`;
}
