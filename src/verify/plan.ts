/**
 * Planning: specs + decisions + compiled contracts → the check instances of a run, in a stable
 * order (profile, operation, check, instance). Deterministic, so certify and the suite's runtime
 * in vitest plan the same list independently (instances carry code and cannot travel).
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

/** Inputs as plain data, for the suite's runtime (specs are validated once, where they are read). */
export interface SerializedInputs {
  operations: OperationSpec[];
  resources: ResourceSpec[];
  decisions: Decision[];
  schemaFiles: Record<string, Record<string, unknown>>;
  contractsDir: string;
}

export function serializeInputs(inputs: Inputs): SerializedInputs {
  return {
    operations: inputs.operations,
    resources: inputs.resources,
    decisions: inputs.decisions,
    schemaFiles: Object.fromEntries(inputs.schemas.files),
    contractsDir: inputs.schemas.dir,
  };
}

/** Inputs that crossed a thread: the schema files were checked where they were read, so not again here. */
export function deserializeInputs(s: SerializedInputs): Inputs {
  return {
    operations: s.operations,
    resources: s.resources,
    decisions: s.decisions,
    schemas: new ContractSchemas(new Map(Object.entries(s.schemaFiles)), s.contractsDir, { checked: true }),
  };
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
