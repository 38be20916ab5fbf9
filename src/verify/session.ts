/**
 * The open state of one certification run: one HTTP client and one run context per target,
 * and how a check instance is executed against them. Both ways of running the checks use it:
 * `certify` (a bounded pool, the CLI) and the vitest adapter (`suites/`, one test per instance).
 */
import type { CheckResult } from '../report/result.js';
import type { CheckInstance, RunContext } from './checks/types.js';
import { createRunContext, loadClientsFor, toTarget } from './context.js';
import { executeInstance } from './execute.js';
import { HttpClient } from './http.js';
import type { VerifyOptions } from './options.js';
import { planRun, type Inputs } from './plan.js';
import { probeTargets, type Unreachable } from './probe.js';
import type { RunObservations } from './run-observations.js';

export interface RunSession {
  execute(profile: string, instance: CheckInstance): Promise<CheckResult>;
  close(): Promise<void>;
}

export async function openSession(options: VerifyOptions, inputs: Inputs, observe?: RunObservations): Promise<RunSession> {
  await loadClientsFor(inputs, options.targets.map((t) => t.profile));
  const http = new HttpClient({ timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes, connections: options.concurrency, ...(options.ca ? { ca: options.ca } : {}) });
  const contexts = new Map<string, RunContext>(options.targets.map((t) => [t.profile, createRunContext(toTarget(t), options, inputs, http, observe)]));
  return {
    execute: (profile, instance) => {
      const ctx = contexts.get(profile);
      if (!ctx) throw new Error(`no target for profile ${profile}`);
      return executeInstance(instance, ctx);
    },
    close: () => http.close(),
  };
}

export type StartedRun = ({ kind: 'unreachable' } & Unreachable) | { kind: 'open'; plan: Map<string, CheckInstance[]>; excluded: Map<string, CheckInstance[]>; session: RunSession };

/** Plan the run (an InputError for a bad plan comes first), probe the targets, open the session. */
export async function startRun(options: VerifyOptions, inputs: Inputs, observe?: RunObservations): Promise<StartedRun> {
  const { run: plan, excluded } = planRun(inputs, options);
  const unreachable = await probeTargets(
    options.targets.map((t) => t.url),
    options.timeoutMs,
    options.ca,
  );
  if (unreachable) return { kind: 'unreachable', ...unreachable };
  return { kind: 'open', plan, excluded, session: await openSession(options, inputs, observe) };
}
