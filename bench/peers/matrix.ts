/** Judging fault runs against the clean run, and the Markdown page of results (pure). */
import { newFailures } from './failures.js';
import { TOOL_TITLES, type ToolId, type ToolRun } from './tool-runs.js';

export type Cell =
  | { kind: 'caught'; evidence: string[]; checks?: string[] }
  | { kind: 'warned'; evidence: string[]; checks: string[] }
  | { kind: 'missed' }
  | { kind: 'error'; reason: string }
  | { kind: 'not-run'; reason: string };

/** Caught = the fault run fails where the clean run did not (a new failure key, or any failure after a clean pass). */
export function judge(clean: ToolRun | undefined, fault: ToolRun | undefined, unavailable?: string): Cell {
  if (unavailable) return { kind: 'not-run', reason: unavailable };
  if (!clean || !fault) return { kind: 'not-run', reason: 'no run' };
  if (clean.problem) return { kind: 'not-run', reason: `fails on the clean server: ${clean.problem}` };
  if (fault.problem) return { kind: 'error', reason: fault.problem };
  const fresh = clean.exitCode === 0 ? fault.failures : newFailures(clean.failures, fault.failures);
  if (fault.exitCode !== 0 && fresh.length > 0) return { kind: 'caught', evidence: fresh, ...(fault.checks ? { checks: fault.checks } : {}) };
  const warned = newFailures(clean.warnings ?? [], fault.warnings ?? []);
  if (warned.length > 0) return { kind: 'warned', evidence: warned, checks: fault.warnedChecks ?? [] };
  return { kind: 'missed' };
}

export interface FaultRow {
  name: string;
  check: string;
  description: string;
  profiles: string[];
  cells: Partial<Record<ToolId, Cell>>;
}

export interface TimingRow {
  profile: string;
  /** Median wall time per tool (ms) over the repetitions, or a reason it has none. */
  ms: Partial<Record<ToolId, number | string>>;
  tests: Partial<Record<ToolId, number>>;
}

export interface ToolInfo {
  id: ToolId;
  version: string;
  input: string;
  unavailable?: string;
}

export interface ResultsPage {
  date: string;
  machine: string;
  tools: ToolInfo[];
  clean: Partial<Record<ToolId, ToolRun>>;
  faults: FaultRow[];
  timings: TimingRow[];
  reps: number;
  notes: string[];
  command: string;
  totalMs: number;
}

function cellText(cell: Cell | undefined, row: FaultRow): string {
  if (!cell) return '—';
  switch (cell.kind) {
    case 'caught':
      if (cell.checks) {
        const right = cell.checks.includes(row.check);
        return `**caught** (${cell.checks.join(', ')})${right ? '' : ' ⚠ not by its check'}`;
      }
      return `**caught** (${cell.evidence.length} failing)`;
    case 'warned':
      return `warned (${cell.checks.join(', ')}: SHOULD, exit 0)`;
    case 'missed':
      return 'missed';
    case 'error':
      return `error: ${cell.reason}`;
    case 'not-run':
      return 'not run';
  }
}

function cleanText(run: ToolRun | undefined, info: ToolInfo): string {
  if (info.unavailable) return `not run: ${info.unavailable}`;
  if (!run) return '—';
  if (run.problem) return `cannot run: ${run.problem}`;
  const tests = run.tests === undefined ? '' : `${run.tests} tests, `;
  return run.exitCode === 0 ? `pass (${tests}${run.durationMs} ms)` : `**fails** (${tests}${run.failures.length} failing, ${run.durationMs} ms)`;
}

function ratio(value: number | string | undefined, base: number | string | undefined): string {
  if (typeof value !== 'number') return value ?? '—';
  if (typeof base !== 'number' || base === 0) return `${value} ms`;
  return `${value} ms (×${(value / base).toFixed(2)})`;
}

export function renderResults(page: ResultsPage): string {
  const tools = page.tools.map((t) => t.id);
  const out: string[] = [];
  out.push('# callconform against peer tools: fault matrix and wall times', '');
  out.push(`Measured ${page.date} on ${page.machine}, by \`${page.command}\` (${Math.round(page.totalMs / 1000)} s in all).`, '');
  out.push('## Tools and what each was given', '');
  out.push('| tool | version | input |', '|---|---|---|');
  for (const t of page.tools) out.push(`| ${TOOL_TITLES[t.id]} | ${t.unavailable ? `not run: ${t.unavailable}` : t.version} | ${t.input} |`);
  out.push('');
  out.push('## Clean reference server (all profiles)', '');
  out.push('| tool | result |', '|---|---|');
  for (const t of page.tools) out.push(`| ${TOOL_TITLES[t.id]} | ${cleanText(page.clean[t.id], t)} |`);
  out.push('');
  out.push('## Fault × tool', '');
  out.push(
    'One reference server per fault of the catalogue (`callconform serve --list-faults`), all profiles. **caught** = the tool exits non-zero with a failure the clean run did not have (for `verify`: the checks that failed; ⚠ marks a catch by another check than the one the catalogue names). **warned** = `verify` reports the deviation as a failed SHOULD requirement, a warning that leaves the exit code at 0 by design.',
    '',
  );
  out.push(`| fault | must be caught by | applies to | ${tools.map((t) => TOOL_TITLES[t]).join(' | ')} |`);
  out.push(`|---|---|---|${tools.map(() => '---').join('|')}|`);
  for (const row of page.faults) {
    out.push(`| \`${row.name}\` | ${row.check} | ${row.profiles.join(', ') || '—'} | ${tools.map((t) => cellText(row.cells[t], row)).join(' | ')} |`);
  }
  const count = (t: ToolId, kind: Cell['kind']): number => page.faults.filter((r) => r.cells[t]?.kind === kind).length;
  const total = (t: ToolId): string => `**${count(t, 'caught')} / ${page.faults.length}**${count(t, 'warned') ? ` (+${count(t, 'warned')} warned)` : ''}`;
  out.push(`| **caught** | | | ${tools.map(total).join(' | ')} |`);
  out.push('');
  out.push(`## Wall time per profile (clean server, median of ${page.reps})`, '');
  out.push('Each tool run as a user runs it (a fresh process, JVM start for Specmatic included) over one profile; ×N is the ratio to `callconform verify`.', '');
  out.push(`| profile | ${tools.map((t) => TOOL_TITLES[t]).join(' | ')} |`);
  out.push(`|---|${tools.map(() => '---').join('|')}|`);
  for (const row of page.timings) {
    out.push(`| ${row.profile} | ${tools.map((t) => `${ratio(row.ms[t], row.ms.verify)}${row.tests[t] !== undefined ? `, ${row.tests[t]} tests` : ''}`).join(' | ')} |`);
  }
  out.push('');
  if (page.notes.length > 0) {
    out.push('## Notes', '');
    for (const n of page.notes) out.push(`- ${n}`);
    out.push('');
  }
  return out.join('\n');
}
