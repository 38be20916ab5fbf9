/**
 * Pure readings of spec facts the checks share: which path to call, which parameter names the
 * call, what a valid request looks like, where a Location must point. Nothing here knows a
 * profile, a field name or a status code of the seeds; everything comes from the facts.
 */
import type { HeaderFact, OperationSpec, ParameterFact, PathFact, ResponseHeaderFact, Source } from '../spec/model.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** `file:line` of a fact. */
export function cite(source: Source): string {
  return `${source.file}:${source.line}`;
}

/** The path a check calls: the first one not deprecated (else the first). */
export function primaryPath(spec: OperationSpec): PathFact | undefined {
  return spec.paths.find((p) => !p.deprecated) ?? spec.paths[0];
}

/** The path parameter naming the call acted on: the documented one that the template uses, else the template's first. */
export function callParameter(spec: OperationSpec, template: string): string | undefined {
  const inTemplate = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  return spec.request.pathParameters.find((p) => inTemplate.includes(p)) ?? inTemplate[0];
}

/** Fill a template's placeholders with the ids given for them (percent-encoded); a placeholder without one stays as documented, and the HTTP layer refuses to send it. */
export function fillPath(template: string, ids: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^{}]+)\}/g, (whole, name: string) => (ids[name] !== undefined ? encodeURIComponent(ids[name]) : whole));
}

/** `<target><path>`: the target may carry a path prefix; a trailing slash is not doubled. */
export function joinTarget(target: string, path: string): string {
  return `${target.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

export function requestHeader(spec: OperationSpec, name: string): HeaderFact | undefined {
  return spec.request.headers.find((h) => h.name.toLowerCase() === name.toLowerCase());
}

/** The documented Authorization header (`Bearer {token}`), if the page has one. */
export function authorizationHeader(spec: OperationSpec): HeaderFact | undefined {
  return requestHeader(spec, 'authorization');
}

/** The media type the page gives the request body (`application/json`), from the body or the Content-Type header. */
export function requestMediaType(spec: OperationSpec): string | undefined {
  return spec.request.body?.contentType ?? requestHeader(spec, 'content-type')?.value;
}

/** The documented Location header pointing to an operation resource (a create's points to what it creates, unless the page says otherwise). */
export function operationLocation(spec: OperationSpec): ResponseHeaderFact | undefined {
  const create = spec.shape?.kind === 'create';
  return spec.response.headers.find((h) => h.name.toLowerCase() === 'location' && h.pointsTo !== 'resource' && (!create || h.pointsTo === 'operation'));
}

/** A create's Location: the documented header, if any, pointing to the created resource. */
export function createdLocation(spec: OperationSpec): ResponseHeaderFact | undefined {
  if (spec.shape?.kind !== 'create') return undefined;
  return spec.response.headers.find((h) => h.name.toLowerCase() === 'location' && h.pointsTo !== 'operation');
}

/**
 * Where in the request body the page is sure a JSON body is expected, for citing: the
 * Content-Type header row, the request example, or the parameter table.
 */
export function jsonBodySource(spec: OperationSpec): { source: Source; level: 'MUST' | 'SHOULD' } | undefined {
  const header = requestHeader(spec, 'content-type');
  if (header) return { source: header.source, level: header.level };
  const body = spec.request.body;
  if (!body) return undefined;
  if (body.example) return { source: body.example.source, level: 'MUST' };
  const first = body.parameters[0];
  return first ? { source: first.source, level: first.level } : undefined;
}

const FILLER = 'callconform-';

/** A deterministic string of exactly `length` characters. */
export function stringOfLength(length: number): string {
  return FILLER.repeat(Math.ceil(length / FILLER.length) + 1).slice(0, Math.max(0, length));
}

/** A value of the documented type for a parameter (first enum value, const, shortest valid string). */
export function sampleValue(p: ParameterFact): Json {
  const scalar = (type: string): Json => {
    if (p.const !== undefined) return p.const;
    if (p.enum) return p.enum.values.find((v) => !(p.enum?.evolvable && v === 'unknownFutureValue')) ?? p.enum.values[0] ?? '';
    switch (type) {
      case 'number':
      case 'integer':
        return 1;
      case 'boolean':
        return true;
      case 'object':
        return {};
      case 'null':
        return null;
      default:
        return stringOfLength(Math.min(8, p.maxLength?.value ?? 8));
    }
  };
  return p.type === 'array' ? [scalar(p.items ?? 'string')] : scalar(p.type);
}

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A valid request body: the page's request example when it satisfies the request schema (or
 * there is no schema to ask), else one built from the parameter table: required and fixed
 * parameters, and every documented scalar parameter with a value that meets its facts (first
 * enum value, a string within maxLength) — so "a valid request" exercises what the page
 * documents. Resource-typed parameters are left out unless required: the page gives no valid
 * instance of them. `valid` is the compiled request schema's judgement.
 */
export function validRequestBody(spec: OperationSpec, valid: (body: unknown) => boolean | undefined): { body: Record<string, Json>; from: Source | undefined } | undefined {
  const body = spec.request.body;
  if (!body) return undefined;
  for (const example of [body.example, ...(body.moreExamples ?? [])]) {
    if (example && isObject(example.json) && valid(example.json) !== false) return { body: structuredClone(example.json), from: example.source };
  }
  const built: Record<string, Json> = {};
  const scalar = (p: ParameterFact): boolean => !p.resource && ['string', 'number', 'integer', 'boolean'].includes(p.type === 'array' ? (p.items ?? 'string') : p.type);
  for (const p of body.parameters) if (p.required || p.const !== undefined || scalar(p)) built[p.name] = sampleValue(p);
  if (valid(built) === false) for (const p of body.parameters) if (!p.required && p.const === undefined) delete built[p.name];
  return { body: built, from: body.parameters[0]?.source };
}

/**
 * What a Location must end with, read from the documented example and the path template:
 * the template's segments up to the call (`communications/calls`), the call id, then the
 * example's remaining segments with words kept (`operations`) and ids as wildcards.
 * Undefined when the example does not contain the template's call prefix.
 */
export interface LocationSuffix {
  /** Segments before the call id (literal). */
  lead: string[];
  /** Segments after the call id: a literal word, or null for "any id". */
  rest: (string | null)[];
  /** Human form: `…/communications/calls/{id}/operations/{opId}`. */
  shape: string;
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function isWord(segment: string): boolean {
  return /^[A-Za-z][A-Za-z_-]*$/.test(segment);
}

export function locationSuffix(example: string | undefined, template: string, callParam: string): LocationSuffix | undefined {
  if (!example) return undefined;
  let path: string[];
  try {
    path = segments(new URL(example, 'http://example.invalid/').pathname).map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
  const tmpl = segments(template);
  const at = tmpl.indexOf(`{${callParam}}`);
  if (at < 0) return undefined;
  const lead = tmpl.slice(0, at);
  if (lead.some((s) => s.startsWith('{'))) return undefined;
  for (let i = path.length - lead.length - 1; i >= 0; i--) {
    if (lead.every((s, j) => path[i + j] === s)) {
      const rest = path.slice(i + lead.length + 1).map((s) => (isWord(s) ? s : null));
      if (rest.length === 0) return undefined;
      let n = 0;
      const shownRest = rest.map((s) => s ?? (++n === 1 ? '{opId}' : `{id${n}}`));
      return { lead, rest, shape: `…/${[...lead, `{${callParam}}`, ...shownRest].join('/')}` };
    }
  }
  return undefined;
}

/** Whether a URL path ends with the suffix for this call id; returns the ids matched by the wildcards. */
export function matchLocationSuffix(pathname: string, suffix: LocationSuffix, callId: string): { ok: true; ids: string[] } | { ok: false; expected: string } {
  let path: string[];
  try {
    path = segments(pathname).map((s) => decodeURIComponent(s));
  } catch {
    path = segments(pathname);
  }
  const want = [...suffix.lead, callId, ...suffix.rest];
  const expected = `…/${[...suffix.lead, callId, ...suffix.rest.map((s) => s ?? '{id}')].join('/')}`;
  if (path.length < want.length) return { ok: false, expected };
  const tail = path.slice(path.length - want.length);
  const ids: string[] = [];
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    const got = tail[i] ?? '';
    if (w === null) {
      if (got === '') return { ok: false, expected };
      ids.push(got);
    } else if (w !== got) return { ok: false, expected };
  }
  return { ok: true, ids };
}

/** JSON pointer of the first place (depth-first, document order) where `value` occurs as a string in `json`. */
export function pointerOf(json: unknown, value: string, at = ''): string | undefined {
  if (json === value) return at;
  if (Array.isArray(json)) {
    for (let i = 0; i < json.length; i++) {
      const found = pointerOf(json[i], value, `${at}/${i}`);
      if (found !== undefined) return found;
    }
  } else if (typeof json === 'object' && json !== null) {
    for (const [k, v] of Object.entries(json)) {
      const found = pointerOf(v, value, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Whether two path templates name the same route: equal literals (case aside), placeholders in the same places. */
export function sameRoute(a: string, b: string): boolean {
  const x = a.split('/').filter((s) => s !== '');
  const y = b.split('/').filter((s) => s !== '');
  const param = (s: string): boolean => /^\{[^{}]+\}$/.test(s);
  return x.length === y.length && x.every((s, i) => (param(s) ? param(y[i] ?? '') : !param(y[i] ?? '') && s.toLowerCase() === (y[i] ?? '').toLowerCase()));
}

/** The operation of `operations` documented as `method` on a path like `template`, with that path. */
export function operationAt(operations: readonly OperationSpec[], method: string, template: string): { spec: OperationSpec; template: string } | undefined {
  for (const spec of operations) {
    if (spec.method.value !== method) continue;
    const path = spec.paths.find((p) => sameRoute(p.template, template));
    if (path) return { spec, template: path.template };
  }
  return undefined;
}
