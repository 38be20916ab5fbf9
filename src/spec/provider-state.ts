/**
 * The provider state a path template needs, named as Pact names states ("a call exists", "a
 * participant exists in a call"), derived from the resources its path parameters name. This is
 * part of the target contract (DESIGN.md "Target contract"): the pact files carry these states,
 * `verify` asks a target's state URL for them, the reference implementation serves them. Pure.
 *
 * A state handler answers with one id per parameter, under the parameter's `key`
 * (`{"callId": "…", "participantId": "…"}`); `key` is the resource's name + `Id`, so the call
 * profiles keep their `{"callId": "…"}` whatever their placeholder is called (`{id}`, `{callId}`).
 */
import type { OperationSpec } from './model.js';

export interface StateParameter {
  /** The placeholder in the template (`id`, `participant-id`). */
  placeholder: string;
  /** The resource type it names (`call`, `participant`, `onlineMeeting`). */
  resource: string;
  /** Where the state handler's answer gives its id (`callId`); the same name in `params`. */
  key: string;
}

export interface ProviderState {
  /** `a participant exists in a call`. */
  name: string;
  /** One per path parameter, outermost first (the call before its participant). */
  parameters: StateParameter[];
}

/** The Pact provider-state request body (`{"state","params","action"}`). */
export interface StateRequest {
  state: string;
  params: Record<string, string>;
  action: 'setup' | 'teardown';
}

/** A placeholder, alone in its segment (`{id}`) or inside it (`{item-path}:` of `root:/{item-path}:`). */
const PLACEHOLDER = /\{([^{}]+)\}/;
/** A segment that names a collection (`calls`): a plain word. */
const COLLECTION = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** `calls` → `call`, `policies` → `policy`, `addresses` → `address`; a word not in the plural stays. */
export function singular(segment: string): string {
  if (/ies$/i.test(segment) && segment.length > 3) return segment.slice(0, -3) + 'y';
  if (/(ss|x|ch|sh)es$/i.test(segment)) return segment.slice(0, -2);
  if (/[^s]s$/i.test(segment)) return segment.slice(0, -1);
  return segment;
}

/** `participant-id` → `participant`, `callId` → `call`: a placeholder that follows no collection names its own resource. */
function resourceFromName(name: string): string {
  const stripped = name.replace(/[-_]?id$/i, '');
  return camel(stripped === '' ? name : stripped);
}

function camel(word: string): string {
  const joined = word.replace(/[-_ ]+([A-Za-z0-9])/g, (_m, c: string) => c.toUpperCase());
  return joined.charAt(0).toLowerCase() + joined.slice(1);
}

/** `a call`, `an onlineMeeting`, `a user`. */
export function withArticle(word: string): string {
  return `${/^[aeio]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/** The path parameters of a template with the resource each names, outermost first. */
export function stateParameters(spec: Pick<OperationSpec, 'request'>, template: string): StateParameter[] {
  const segments = template.split('/').filter((s) => s !== '');
  const out: StateParameter[] = [];
  segments.forEach((segment, i) => {
    const name = PLACEHOLDER.exec(segment)?.[1];
    if (name === undefined) return;
    const before = segments[i - 1];
    // A placeholder whose name names its resource (`{user-id}`) keeps it in every template; a bare
    // one holds it only where it was read: `{id}` of `/groups/{id}/calendar` is no group in `/me/calendars/{id}`.
    const fact = spec.request.placeholders?.find((p) => p.name === name);
    const documented = fact?.segment === before || (fact?.resource !== undefined && resourceFromName(name) === fact.resource) ? fact?.resource : undefined;
    const fromSegment = before !== undefined && COLLECTION.test(before) && segment === `{${name}}` ? singular(before) : undefined;
    const resource = documented ?? fromSegment ?? resourceFromName(name);
    const base = `${camel(resource)}Id`;
    const key = out.some((p) => p.key === base) ? `${base}${out.filter((p) => p.key.startsWith(base)).length + 1}` : base;
    out.push({ placeholder: name, resource, key });
  });
  return out;
}

/** The state a template needs; undefined for a path without parameters (nothing has to exist). */
export function providerState(spec: Pick<OperationSpec, 'request'>, template: string): ProviderState | undefined {
  const parameters = stateParameters(spec, template);
  const innermost = parameters[parameters.length - 1];
  if (!innermost) return undefined;
  const outer = parameters.slice(0, -1).reverse().map((p) => ` in ${withArticle(p.resource)}`);
  return { name: `${withArticle(innermost.resource)} exists${outer.join('')}`, parameters };
}
