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
import type { CheckName } from '../report/result.js';

export interface Inputs {
  operations: OperationSpec[];
  resources: ResourceSpec[];
  decisions: Decision[];
  schemas: ContractSchemas;
}

export function knownProfiles(inputs: Pick<Inputs, 'operations'>): string[] {
  return [...new Set(inputs.operations.map((o) => o.profile))].sort();
}

/** The filters that narrow a run (`--only`, `--operation`, `--exclude-operation`). */
export type PlanFilters = Pick<VerifyOptions, 'only' | 'operations' | 'excludeOperations'>;

function kept(filters: PlanFilters, operation: string, check: string): boolean {
  if (filters.only && !filters.only.includes(check as CheckName)) return false;
  if (filters.operations && !filters.operations.includes(operation)) return false;
  return !filters.excludeOperations?.includes(operation);
}

/** Every instance of one profile, each marked whether the filters keep it. */
function planProfileAll(inputs: Inputs, profile: string, filters: PlanFilters): { instance: CheckInstance; kept: boolean }[] {
  const out: { instance: CheckInstance; kept: boolean }[] = [];
  const operations = inputs.operations.filter((o) => o.profile === profile);
  for (const spec of operations) {
    for (const check of CHECKS) {
      const keep = kept(filters, spec.operation, check.name);
      for (const instance of check.plan({ spec, resources: inputs.resources, decisions: inputs.decisions, schemas: inputs.schemas, operations })) out.push({ instance, kept: keep });
    }
  }
  return out;
}

/** A run's plan: per profile (in the order of `options.targets`) the instances to run and those the filters left out. */
export interface RunPlan {
  run: Map<string, CheckInstance[]>;
  excluded: Map<string, CheckInstance[]>;
}

/** Operation names given to a filter must exist in the chosen profiles: a typo would silently narrow the run. */
function checkOperationNames(inputs: Inputs, options: Pick<VerifyOptions, 'targets'> & PlanFilters): void {
  const profiles = options.targets.map((t) => t.profile);
  const known = [...new Set(inputs.operations.filter((o) => profiles.includes(o.profile)).map((o) => o.operation))].sort();
  for (const [flag, names] of [['--operation', options.operations], ['--exclude-operation', options.excludeOperations]] as const) {
    for (const name of names ?? []) if (!known.includes(name)) throw new InputError(`unknown operation "${name}" for ${flag} (known in ${profiles.join(', ')}: ${known.join(', ')})`);
  }
}

export function planRun(inputs: Inputs, options: Pick<VerifyOptions, 'targets'> & PlanFilters): RunPlan {
  const known = knownProfiles(inputs);
  for (const t of options.targets) if (!known.includes(t.profile)) throw new InputError(`unknown profile "${t.profile}" (known: ${known.join(', ')})`);
  checkOperationNames(inputs, options);
  const plan: RunPlan = { run: new Map(), excluded: new Map() };
  for (const t of options.targets) {
    const all = planProfileAll(inputs, t.profile, options);
    plan.run.set(t.profile, all.filter((x) => x.kept).map((x) => x.instance));
    plan.excluded.set(t.profile, all.filter((x) => !x.kept).map((x) => x.instance));
  }
  return plan;
}
