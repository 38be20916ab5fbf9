/**
 * Planning: specs + decisions + compiled contracts → the check instances of a run, in a stable
 * order (profile, operation, check, instance). Deterministic: `verify` and the vitest adapter
 * (`suites/`) plan the same list.
 */
import type { Decision } from '../spec/decisions.js';
import { InputError } from '../spec/errors.js';
import type { OperationSpec, ResourceSpec } from '../spec/model.js';
import { CHECKS, type CheckInstance } from './checks/index.js';
import { ContractSchemas } from './contract-schemas.js';
import type { VerifyOptions } from './options.js';

export interface Inputs {
  operations: OperationSpec[];
  resources: ResourceSpec[];
  decisions: Decision[];
  schemas: ContractSchemas;
}

export function knownProfiles(inputs: Pick<Inputs, 'operations'>): string[] {
  return [...new Set(inputs.operations.map((o) => o.profile))].sort();
}

/** The instances of one profile, filtered by `--only`. */
export function planProfile(inputs: Inputs, profile: string, only?: readonly string[]): CheckInstance[] {
  const out: CheckInstance[] = [];
  for (const spec of inputs.operations.filter((o) => o.profile === profile)) {
    for (const check of CHECKS) {
      if (only && !only.includes(check.name)) continue;
      out.push(...check.plan({ spec, resources: inputs.resources, decisions: inputs.decisions, schemas: inputs.schemas }));
    }
  }
  return out;
}

/** Every instance of a run, per profile in the order of `options.targets`. */
export function planRun(inputs: Inputs, options: Pick<VerifyOptions, 'targets' | 'only'>): Map<string, CheckInstance[]> {
  const known = knownProfiles(inputs);
  const plan = new Map<string, CheckInstance[]>();
  for (const t of options.targets) {
    if (!known.includes(t.profile)) throw new InputError(`unknown profile "${t.profile}" (known: ${known.join(', ')})`);
    plan.set(t.profile, planProfile(inputs, t.profile, options.only));
  }
  return plan;
}
