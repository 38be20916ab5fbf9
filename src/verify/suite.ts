/**
 * The vitest adapter's side of the engine (`suites/conformance.test.ts`): the run's options from
 * environment variables, the inputs, the plan grouped by operation and an open session. The
 * suite file turns each instance into a vitest test; `verify` runs the same instances itself.
 */
import type { CheckInstance } from './checks/types.js';
import { loadInputs } from './load-inputs.js';
import { InputError } from '../spec/errors.js';
import { DEFAULTS, resolveVerifyOptions, type VerifyOptions, type VerifySettings } from './options.js';
import { knownProfiles } from './plan.js';
import { startRun, type RunSession } from './session.js';

/** The environment variables the adapter reads, each with the `verify` flag it stands for. */
export const SUITE_ENV = {
  CALLCONFORM_TARGET: { flag: '--target', about: 'base URL of the implementation, including any path prefix (required)' },
  CALLCONFORM_STATE_URL: { flag: '--state-url', about: 'provider-state URL that gives fresh ids per check (docs/target-contract.md)' },
  CALLCONFORM_CALL_ID: { flag: '--call-id', about: 'an existing call to act on (instead of CALLCONFORM_STATE_URL)' },
  CALLCONFORM_PARAM: { flag: '--param', about: 'fixed ids of provider-state parameters, NAME=ID, one per line' },
  CALLCONFORM_TOKEN: { flag: '--token', about: 'sent as "Authorization: Bearer <token>"; never printed' },
  CALLCONFORM_PROFILE: { flag: '--profile', about: 'profiles to certify, comma-separated (default: all)' },
  CALLCONFORM_ONLY: { flag: '--only', about: 'only these checks, comma-separated' },
  CALLCONFORM_COMETD_URL: { flag: '--cometd-url', about: 'Bayeux endpoint (default <target>/api/v2/notifications)' },
  CALLCONFORM_HEADER: { flag: '--header', about: 'extra headers "Name: value", one per line' },
  CALLCONFORM_SECRET_HEADER: { flag: '--secret-header', about: 'extra headers redacted like the token, one per line' },
  CALLCONFORM_TIMEOUT: { flag: '--timeout', about: `time limit in ms per request and awaited notification (default ${DEFAULTS.timeoutMs})` },
  CALLCONFORM_MAX_BODY: { flag: '--max-body', about: `largest response body read, in bytes (default ${DEFAULTS.maxBodyBytes})` },
  CALLCONFORM_CONCURRENCY: { flag: '--concurrency', about: `HTTP connections to the target at once (default ${DEFAULTS.concurrency}); tests in flight are vitest's --maxConcurrency` },
  CALLCONFORM_SPECS: { flag: '--specs', about: 'spec folder (default: the packaged specs/)' },
  CALLCONFORM_CONTRACTS: { flag: '--contracts', about: 'contracts folder (default: the packaged contracts/)' },
} as const;

export type SuiteEnvName = keyof typeof SUITE_ENV;

export interface SuiteGroup {
  profile: string;
  operation: string;
  instances: CheckInstance[];
}

export interface OpenSuite extends RunSession {
  groups: SuiteGroup[];
}

const lines = (v: string | undefined): string[] | undefined => v?.split('\n').map((l) => l.trim()).filter((l) => l !== '');

/** The settings the environment describes; folders default to the ones shipped with the package. */
export function settingsFromEnv(env: NodeJS.ProcessEnv, packagedDir: (name: 'specs' | 'contracts') => string): VerifySettings {
  const get = (name: SuiteEnvName): string | undefined => (env[name] === '' ? undefined : env[name]);
  return {
    target: get('CALLCONFORM_TARGET'),
    profiles: get('CALLCONFORM_PROFILE')?.split(','),
    token: get('CALLCONFORM_TOKEN'),
    headers: lines(get('CALLCONFORM_HEADER')),
    secretHeaders: lines(get('CALLCONFORM_SECRET_HEADER')),
    callId: get('CALLCONFORM_CALL_ID'),
    ...(get('CALLCONFORM_PARAM') !== undefined ? { params: lines(get('CALLCONFORM_PARAM')) } : {}),
    stateUrl: get('CALLCONFORM_STATE_URL'),
    cometdUrl: get('CALLCONFORM_COMETD_URL'),
    only: get('CALLCONFORM_ONLY')?.split(','),
    timeout: get('CALLCONFORM_TIMEOUT') ?? String(DEFAULTS.timeoutMs),
    maxBody: get('CALLCONFORM_MAX_BODY') ?? String(DEFAULTS.maxBodyBytes),
    concurrency: get('CALLCONFORM_CONCURRENCY') ?? String(DEFAULTS.concurrency),
    specsDir: get('CALLCONFORM_SPECS') ?? packagedDir('specs'),
    contractsDir: get('CALLCONFORM_CONTRACTS') ?? packagedDir('contracts'),
  };
}

/** Group instances by profile and operation, keeping plan order. */
function groupByOperation(plan: ReadonlyMap<string, CheckInstance[]>): SuiteGroup[] {
  const groups = new Map<string, SuiteGroup>();
  for (const [profile, instances] of plan) {
    for (const instance of instances) {
      const key = `${profile}\u0000${instance.operation}`;
      const group = groups.get(key) ?? { profile, operation: instance.operation, instances: [] };
      groups.set(key, group);
      group.instances.push(instance);
    }
  }
  return [...groups.values()];
}

const ENV_OF_FLAG = new Map<string, string>(Object.entries(SUITE_ENV).map(([name, { flag }]) => [flag, name]));

/** The settings' messages name `verify`'s flags; here the user set environment variables. */
function inEnvTerms(message: string): string {
  return message.replace(/--[a-z-]+/g, (flag) => ENV_OF_FLAG.get(flag) ?? flag);
}

/**
 * Read the run from the settings, plan it, probe the targets and open a session. Throws an Error
 * with one line for bad settings (an InputError) or an unreachable target; vitest reports it
 * as the file's failure.
 */
export async function openSuite(settings: VerifySettings): Promise<OpenSuite> {
  let inputs: ReturnType<typeof loadInputs> | undefined;
  let options: VerifyOptions;
  try {
    options = resolveVerifyOptions(settings, () => knownProfiles((inputs = loadInputs(settings.specsDir, settings.contractsDir))));
  } catch (err) {
    throw err instanceof InputError ? new Error(inEnvTerms(err.line)) : err;
  }
  const run = await startRun(options, inputs!);
  if (run.kind === 'unreachable') throw new Error(`target unreachable: ${run.url}: ${run.reason}`);
  return { ...run.session, groups: groupByOperation(run.plan) };
}
