/**
 * What the conformance suite (`suites/conformance.test.ts`, run by vitest) uses inside vitest's
 * runtime (on the CLI's thread; a worker thread when certify is embedded in a vitest run): the
 * same plan certify made, grouped by operation, and an executor per target. Loaded by path
 * (certify provides it), so the installed package works too.
 */
import type { CheckResult } from '../report/result.js';
import type { CheckInstance, RunContext } from './checks/types.js';
import { createRunContext, loadClientsFor, toTarget } from './context.js';
import { executeInstance } from './execute.js';
import { HttpClient } from './http.js';
import type { VerifyOptions } from './options.js';
import { deserializeInputs, planRun, type SerializedInputs } from './plan.js';

export interface SuiteGroup {
  profile: string;
  operation: string;
  instances: CheckInstance[];
}

export interface SuiteHandle {
  groups: SuiteGroup[];
  execute(instance: CheckInstance): Promise<CheckResult>;
  close(): Promise<void>;
}

/** Group instances by profile and operation, keeping plan order. */
export function groupByOperation(plan: Map<string, CheckInstance[]>): SuiteGroup[] {
  const groups: SuiteGroup[] = [];
  for (const [profile, instances] of plan) {
    for (const inst of instances) {
      let g = groups.find((x) => x.profile === profile && x.operation === inst.operation);
      if (!g) groups.push((g = { profile, operation: inst.operation, instances: [] }));
      g.instances.push(inst);
    }
  }
  return groups;
}

export async function openSuite(options: VerifyOptions, serialized: SerializedInputs): Promise<SuiteHandle> {
  const inputs = deserializeInputs(serialized);
  await loadClientsFor(inputs, options.targets.map((t) => t.profile));
  const plan = planRun(inputs, options);
  const http = new HttpClient({ timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes, connections: options.concurrency });
  const contexts = new Map<string, RunContext>(options.targets.map((t) => [t.profile, createRunContext(toTarget(t), options, inputs, http)]));
  return {
    groups: groupByOperation(plan),
    execute: (instance) => executeInstance(instance, contexts.get(instance.profile) as RunContext),
    close: () => http.close(),
  };
}
