/**
 * Building blocks the checks share: the valid request of an operation (built from its facts),
 * the success status it requires after decisions, and outcome helpers whose messages are
 * built from data ("expected 200 (docs: file:line), got 202").
 */
import { requiredStatus, type RequiredStatus } from '../../spec/decisions.js';
import type { Level, OperationSpec, Source } from '../../spec/model.js';
import type { Evidence } from '../../report/result.js';
import { operationSchemaFile } from '../contract-schemas.js';
import { evidenceOf, evidenceOfAll } from '../evidence.js';
import { authorizationHeader, callParameter, cite, fillPath, joinTarget, primaryPath, requestMediaType, validRequestBody, type Json } from '../facts.js';
import type { Exchange, HttpRequest } from '../http.js';
import { providerState } from '../../spec/provider-state.js';
import type { Outcome, PlanInput, RunContext, StateLease } from './types.js';

export interface RequestShape {
  /** Path template to call (default: the primary path). */
  template?: string;
  /** Body to send as JSON (default: the valid body); `null` sends none. */
  body?: Json | null;
  /** Raw body text instead of JSON. */
  rawBody?: string;
  /** Content-Type to send instead of the documented one. */
  contentType?: string;
  /** Leave out Authorization, and the `--header`s that are credentials. */
  omitAuth?: boolean;
}

/** The valid body of an operation (request example if the compiled schema accepts it, else built from the table). */
export function validBody(input: PlanInput): Record<string, Json> | undefined {
  const file = operationSchemaFile(input.spec.profile, input.spec.operation, 'request');
  return validRequestBody(input.spec, (b) => {
    const problems = input.schemas.validate(file, b);
    return problems === undefined ? undefined : problems.length === 0;
  })?.body;
}

/** The request a check sends, its path filled with the ids of a provider state (by placeholder). */
export function buildRequest(spec: OperationSpec, ctx: RunContext, ids: Readonly<Record<string, string>>, valid: Record<string, Json> | undefined, shape: RequestShape = {}): HttpRequest {
  const template = shape.template ?? primaryPath(spec)?.template ?? '/';
  const url = joinTarget(ctx.target.url, fillPath(template, ids));
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (authorizationHeader(spec) && ctx.token && !shape.omitAuth) headers.Authorization = `Bearer ${ctx.token}`;
  const body = shape.body === undefined ? valid : shape.body;
  let text: string | undefined;
  if (shape.rawBody !== undefined) text = shape.rawBody;
  else if (body !== null && body !== undefined && spec.request.body) text = JSON.stringify(body);
  if (text !== undefined) headers['Content-Type'] = shape.contentType ?? requestMediaType(spec) ?? 'application/json';
  return { method: spec.method.value, url, headers, ...(text !== undefined ? { body: text } : {}) };
}

/** The success status after decisions, with its citation (the fact, or the ruling). */
export interface SuccessExpectation {
  code: number;
  source: Source;
  level: Level;
  required: RequiredStatus;
}

export function successExpectation(input: Pick<PlanInput, 'spec' | 'decisions'>): SuccessExpectation | undefined {
  const required = requiredStatus(input.spec, [...input.decisions]);
  if (!required) return undefined;
  const fact = required.facts[0];
  const source = fact?.source ?? required.decision?.source;
  if (!source) return undefined;
  return { code: required.code, source, level: fact?.level ?? 'MUST', required };
}

/** Evidence field for a decision that shaped the expectation. */
export function decisionEvidence(expectation: SuccessExpectation | undefined): Partial<Evidence> {
  const d = expectation?.required.decision;
  return d ? { decision: { finding: d.finding, ruling: d.ruling, rationale: d.rationale, source: d.source } } : {};
}

export function pass(message: string, evidence: Evidence): Outcome {
  return { verdict: 'pass', message, evidence };
}

export function fail(message: string, evidence: Evidence): Outcome {
  return { verdict: 'fail', message, evidence };
}

export function errorOutcome(message: string, evidence: Evidence = {}): Outcome {
  return { verdict: 'error', message, evidence };
}

/** The outcome when an exchange got no response: a check cannot judge what it did not see. */
export function noResponse(ex: Exchange, ctx: RunContext, extra: Partial<Evidence> = {}): Outcome {
  return errorOutcome(`no response to ${ex.request.method} ${ex.request.url}: ${ex.error ?? 'unknown error'}`, { ...evidenceOf(ex, ctx), ...extra });
}

/** The outcome when the provider state could not be set up. */
export function noState(lease: Extract<StateLease, { ok: false }>, ctx: RunContext): Outcome {
  return errorOutcome(lease.message, lease.setup ? evidenceOf(lease.setup, ctx) : {});
}

/** `expected 200 (docs: file:line), got 202`. */
export function expectedGot(expected: string, source: Source, got: string): string {
  return `expected ${expected} (docs: ${cite(source)}), got ${got}`;
}

export function statusText(ex: Exchange): string {
  return ex.response ? String(ex.response.status) : `no response (${ex.error ?? 'error'})`;
}

/** The template a request shape calls: its own, else the operation's primary path. */
export function templateOf(spec: OperationSpec, shape: RequestShape = {}): string {
  return shape.template ?? primaryPath(spec)?.template ?? '/';
}

/** The id of the resource acted on in a lease (the call of `/calls/{id}/…`), for messages and Location matching. */
export function actedOnId(spec: OperationSpec, template: string, ids: Readonly<Record<string, string>>): string {
  const param = callParameter(spec, template);
  return (param !== undefined ? ids[param] : undefined) ?? '';
}

/** Fresh provider state → request → response; the common start of most checks. `ids` are by placeholder. */
export async function sendOnFreshState(
  spec: OperationSpec,
  ctx: RunContext,
  valid: Record<string, Json> | undefined,
  shape: RequestShape = {},
): Promise<{ ok: true; ids: Record<string, string>; exchange: Exchange } | { ok: false; outcome: Outcome }> {
  const template = templateOf(spec, shape);
  const lease = await ctx.freshState(providerState(spec, template));
  if (!lease.ok) return { ok: false, outcome: noState(lease, ctx) };
  const exchange = await ctx.send(buildRequest(spec, ctx, lease.ids, valid, shape), { withoutCredentials: shape.omitAuth === true });
  return { ok: true, ids: lease.ids, exchange };
}

/** Judge a status against an expectation: an exact code or "any 4xx". */
export function judgeStatus(
  ex: Exchange,
  ctx: RunContext,
  expected: { code: number } | { range: 2 | 4 },
  source: Source,
  extra: Partial<Evidence> = {},
  what = '',
): Outcome {
  if (!ex.response) return noResponse(ex, ctx, extra);
  const status = ex.response.status;
  const want = 'code' in expected ? String(expected.code) : `${expected.range}xx`;
  const ok = 'code' in expected ? status === expected.code : Math.floor(status / 100) === expected.range;
  const evidence = { ...evidenceOfAll([ex], ctx), expected: want, actual: status, ...extra };
  const message = `${what ? `${what}: ` : ''}${expectedGot(want, source, String(status))}`;
  return ok ? pass(message, evidence) : fail(message, evidence);
}
