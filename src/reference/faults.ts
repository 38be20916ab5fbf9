/**
 * The fault catalogue of the reference implementation: each fault is one documented deviation
 * the server can be switched into (`callconform serve --fault NAME`), and names the check of
 * the fixed vocabulary (DESIGN.md "Checks") that must catch it. The verifier's mutation test
 * reads this list as data: every fault that applies to a profile must make `verify` fail with
 * its check, and the clean server must pass with zero failures.
 *
 * "Caught" means the named check fails where the fact behind it is MUST, and warns where it is
 * SHOULD (a platform convention): `accept-unknown-call` (404 for an unknown call is a convention)
 * and `status-202` on an operation whose status is by convention only give warnings. `slow`
 * shows only when the verifier's per-request timeout is below the delay (`slow=N`, `--timeout`).
 */
import { InputError } from '../spec/errors.js';
import type { OperationSpec, ResourceSpec } from '../spec/model.js';
import { documentsPaging } from '../spec/paging.js';
import { documentsAuthorization, operationLocation, requiresJsonRequest, responseResource } from './spec-facts.js';

/** The check vocabulary of DESIGN.md, from the report model (a type only: no verify code is shared). */
export type { CheckName } from '../report/result.js';
import type { CheckName } from '../report/result.js';

/**
 * Which spec fact an operation must carry for the fault to show (so a mutation test knows in
 * which profiles to expect it): see `faultApplies`.
 */
export type FaultTrigger =
  | 'any'
  | 'location'
  | 'request-max-length'
  | 'request-enum'
  | 'request-required'
  | 'response-enum'
  | 'auth'
  | 'odata-type'
  | 'json-response'
  | 'json-request'
  | 'notification'
  | 'accumulation'
  | 'documented-reply'
  | 'create'
  | 'delete'
  | 'nested-path'
  | 'list'
  | 'paging';

export interface FaultDefinition {
  name: string;
  /** The check that must catch it. */
  check: CheckName;
  /** The spec fact an operation needs for the fault to make a difference. */
  trigger: FaultTrigger;
  /** What the server does wrong, in one sentence. */
  description: string;
}

export const FAULTS = [
  { name: 'status-202', check: 'status-code', trigger: 'any', description: 'answers a success status other than the required one (202, or 200 where 202 is required)' },
  { name: 'no-location', check: 'location-header', trigger: 'location', description: 'leaves out the Location header' },
  { name: 'relative-location', check: 'location-header', trigger: 'location', description: 'sends Location as a path without scheme and host' },
  { name: 'foreign-location', check: 'location-header', trigger: 'location', description: 'sends Location on another host than the server\'s own origin' },
  { name: 'location-404', check: 'operation-resource', trigger: 'location', description: 'sends a Location whose operation does not exist (GET on it answers 404)' },
  { name: 'accept-over-max-length', check: 'max-length', trigger: 'request-max-length', description: 'accepts strings longer than the documented maximum length' },
  { name: 'reject-max-length', check: 'max-length', trigger: 'request-max-length', description: 'rejects strings of exactly the documented maximum length' },
  { name: 'enum-unchecked', check: 'enum', trigger: 'request-enum', description: 'accepts values outside the documented enum' },
  { name: 'reject-valid-enum', check: 'enum', trigger: 'request-enum', description: 'rejects the last documented value of each enum' },
  { name: 'status-casing', check: 'response-schema', trigger: 'response-enum', description: 'answers enum properties of the response (operation status) in a casing the docs do not use' },
  { name: 'no-auth', check: 'auth', trigger: 'auth', description: 'does not check the Authorization header' },
  { name: 'missing-odata-type', check: 'response-schema', trigger: 'odata-type', description: 'leaves @odata.type out of response bodies' },
  { name: 'wrong-content-type', check: 'content-type', trigger: 'json-response', description: 'labels JSON response bodies as text/plain' },
  { name: 'content-type-unchecked', check: 'content-type', trigger: 'json-request', description: 'accepts request bodies sent with a Content-Type other than the documented one' },
  { name: 'required-unchecked', check: 'required', trigger: 'request-required', description: 'accepts request bodies without their required fields' },
  { name: 'accept-unknown-call', check: 'not-found', trigger: 'any', description: 'answers success for a call that does not exist (creating it on the fly)' },
  { name: 'no-notification', check: 'notification', trigger: 'notification', description: 'publishes no notification' },
  { name: 'wrong-channel', check: 'notification', trigger: 'notification', description: 'publishes the notification on another channel than the documented one' },
  { name: 'userdata-replaced', check: 'notification', trigger: 'accumulation', description: 'replaces accumulating request data (userData) instead of adding to it' },
  { name: 'statuscode-nonzero', check: 'response-schema', trigger: 'documented-reply', description: 'answers success with non-zero numeric fields where the documented reply has 0 (statusCode)' },
  { name: 'create-without-location', check: 'location-header', trigger: 'create', description: 'answers a create with 200 and no Location of the created resource' },
  { name: 'delete-keeps-resource', check: 'not-found', trigger: 'delete', description: 'answers DELETE with success but leaves the resource readable' },
  { name: 'ignore-outer-param', check: 'not-found', trigger: 'nested-path', description: 'finds a nested resource by its own id alone, ignoring the path parameters before it (a participant of another call)' },
  { name: 'list-bare-object', check: 'response-schema', trigger: 'list', description: 'answers a list with a bare object instead of the collection envelope' },
  { name: 'foreign-next-link', check: 'response-schema', trigger: 'paging', description: 'answers a paged list with an @odata.nextLink on another origin' },
  { name: 'slow', check: 'robustness', trigger: 'any', description: 'delays every operation response (50 ms, or slow=N ms); caught when verify --timeout is below the delay' },
] as const satisfies readonly FaultDefinition[];

export type FaultName = (typeof FAULTS)[number]['name'];

/** Default delay of the `slow` fault. */
export const DEFAULT_SLOW_MS = 50;

/** The faults switched on in one server, with their settings. */
export interface FaultSet {
  has(name: FaultName): boolean;
  /** Delay per response under `slow`, 0 otherwise. */
  readonly slowMs: number;
  readonly names: readonly FaultName[];
}

export function isFaultName(name: string): name is FaultName {
  return FAULTS.some((f) => f.name === name);
}

/**
 * Parse `--fault` values: `NAME` or `slow=MS`; repeated and comma-separated values combine.
 * Unknown names are an InputError (exit 2).
 */
export function parseFaults(values: readonly string[]): FaultSet {
  const names = new Set<FaultName>();
  let slowMs = 0;
  for (const raw of values.flatMap((v) => v.split(','))) {
    const item = raw.trim();
    if (item === '') continue;
    const [name = '', setting] = item.split('=', 2);
    if (!isFaultName(name)) {
      throw new InputError(`unknown fault "${name}" (callconform serve --list-faults shows the catalogue)`);
    }
    if (setting !== undefined && name !== 'slow') throw new InputError(`fault "${name}" takes no setting`);
    if (name === 'slow') {
      const ms = setting === undefined ? DEFAULT_SLOW_MS : Number(setting);
      if (!Number.isInteger(ms) || ms < 0 || ms > 600_000) throw new InputError(`fault "slow=${setting ?? ''}": expected milliseconds 0..600000`);
      slowMs = ms;
    }
    names.add(name);
  }
  const list = FAULTS.map((f) => f.name).filter((n) => names.has(n));
  return { has: (name) => names.has(name), slowMs, names: list };
}

export const NO_FAULTS: FaultSet = parseFaults([]);

/** `--list-faults`: one line per fault, `name  check  description`. */
export function formatFaultList(): string {
  const width = Math.max(...FAULTS.map((f) => f.name.length));
  const checkWidth = Math.max(...FAULTS.map((f) => f.check.length));
  return FAULTS.map((f) => `${f.name.padEnd(width)}  ${f.check.padEnd(checkWidth)}  ${f.description}`).join('\n') + '\n';
}

/**
 * Whether a fault makes a difference for one operation, judged from its spec facts only.
 * A mutation test expects a fault to be caught in a profile when it applies to one of its operations.
 */
export function faultApplies(fault: FaultDefinition, spec: OperationSpec, resources: readonly ResourceSpec[]): boolean {
  const params = spec.request.body?.parameters ?? [];
  const body = spec.response.body;
  switch (fault.trigger) {
    case 'any':
      return true;
    case 'location':
      return operationLocation(spec) !== undefined;
    case 'request-max-length':
      return params.some((p) => p.maxLength !== undefined);
    case 'request-enum':
      return params.some((p) => p.enum !== undefined);
    case 'request-required':
      return params.some((p) => p.required);
    case 'response-enum':
      // Only operation resources: their enum values (status) are the server's own, not echoed input.
      return operationLocation(spec) !== undefined && (responseResource(spec, resources)?.properties.some((p) => p.enum !== undefined) ?? false);
    case 'auth':
      return documentsAuthorization(spec);
    case 'odata-type':
      return body?.odataType !== undefined || hasOdataType(body?.example?.json);
    case 'json-response':
      return body !== undefined;
    case 'json-request':
      return requiresJsonRequest(spec);
    case 'notification':
      return spec.notifications.length > 0;
    case 'accumulation':
      return spec.notifications.some((n) => (n.accumulates?.length ?? 0) > 0);
    case 'create':
      return spec.shape?.kind === 'create';
    case 'delete':
      return spec.shape?.kind === 'delete';
    case 'nested-path':
      return spec.paths.some((p) => (p.template.match(/\{[^{}]+\}/g)?.length ?? 0) > 1);
    case 'list':
      return spec.shape?.kind === 'list';
    case 'paging':
      return documentsPaging(spec);
    case 'documented-reply':
      return body !== undefined && body.resource === undefined && body.odataType === undefined && hasZeroNumber(body.example?.json);
  }
}

function hasOdataType(json: unknown): boolean {
  return typeof json === 'object' && json !== null && '@odata.type' in json;
}

function hasZeroNumber(json: unknown): boolean {
  return typeof json === 'object' && json !== null && Object.values(json).some((v) => v === 0);
}
