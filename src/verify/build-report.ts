/** Results of one profile → its `Report` (report.json shape; DESIGN.md), verdict and counts by the report stage's rules. */
import { readFileSync } from 'node:fs';
import { deriveVerdict, summarize } from '../report/verdict.js';
import type { CheckResult, Report, RunScope } from '../report/result.js';

export const toolVersion: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** What a report records beyond its results: the run's scope and the inputs it was computed from. */
export interface ReportContext {
  scope?: RunScope;
  inputs?: Report['inputs'];
  /** A configuration problem the run showed: the verdict is then `not-judged`. */
  configuration?: Report['configuration'];
  citations?: Report['citations'];
}

export function buildReport(profile: string, target: string, startedAt: Date, durationMs: number, results: CheckResult[], context: ReportContext = {}): Report {
  return {
    tool: { name: 'callconform', version: toolVersion },
    target,
    profile,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(durationMs),
    verdict: context.configuration ? 'not-judged' : deriveVerdict(results, context.scope),
    summary: summarize(results),
    ...(context.scope ? { scope: context.scope } : {}),
    ...(context.configuration ? { configuration: context.configuration } : {}),
    ...(context.inputs ? { inputs: context.inputs } : {}),
    ...(context.citations ? { citations: context.citations } : {}),
    results,
  };
}
