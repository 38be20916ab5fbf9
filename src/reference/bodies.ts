/**
 * Response and notification bodies of the reference server. Pure: plan + state + faults in,
 * JSON values out.
 */
import { randomUUID } from 'node:crypto';
import type { NotificationFact } from '../spec/model.js';
import type { FaultSet } from './faults.js';
import type { OperationPlan, ReplyPlan } from './plan.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface CallState {
  id: string;
  properties: JsonObject;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The stored operation resource for a new operation (without @odata.type, added on rendering). */
export function newOperation(reply: Extract<ReplyPlan, { kind: 'operation' }>, opId: string, request: unknown): JsonObject {
  const body: JsonObject = {};
  const req = isObject(request) ? request : {};
  for (const p of reply.properties) {
    if (p.fill === 'id') body[p.name] = opId;
    else if (p.fill === 'echo') {
      const v = req[p.name];
      if (v !== undefined) body[p.name] = v;
    } else if (p.value !== undefined) body[p.name] = p.value;
  }
  return body;
}

/** A casing of `value` that is not among the documented values (`completed` → `Completed`). */
export function miscased(value: string, documented: readonly string[]): string {
  const candidates = [value.charAt(0).toUpperCase() + value.slice(1), value.toUpperCase(), value.toLowerCase(), value.charAt(0).toLowerCase() + value.slice(1)];
  const found = candidates.find((c) => c !== value && !documented.includes(c));
  if (found !== undefined) return found;
  let odd = `${value.toUpperCase()}_`;
  while (odd === value || documented.includes(odd)) odd += '_';
  return odd;
}

export function withOdataType(odataType: string | undefined, body: JsonObject, faults: FaultSet): JsonObject {
  if (!odataType || faults.has('missing-odata-type')) return body;
  return { '@odata.type': odataType, ...body };
}

/** The operation resource as answered (POST reply and GET on the Location). */
export function renderOperation(reply: Extract<ReplyPlan, { kind: 'operation' }>, stored: JsonObject, faults: FaultSet): JsonObject {
  const body: JsonObject = { ...stored };
  if (faults.has('status-casing')) {
    for (const p of reply.properties) {
      const v = body[p.name];
      if (p.fill === 'enum' && typeof v === 'string') body[p.name] = miscased(v, p.values ?? []);
    }
  }
  return withOdataType(reply.odataType, body, faults);
}

/** The documented reply (`{"statusCode":0}`); under `statuscode-nonzero` its zero numbers become 1. */
export function documentedReply(body: unknown, faults: FaultSet): Json {
  const clone = structuredClone(body) as Json;
  if (!faults.has('statuscode-nonzero') || !isObject(clone)) return clone;
  for (const [k, v] of Object.entries(clone)) if (v === 0) clone[k] = 1;
  return clone;
}

/**
 * Apply a request body to the resource acted on: accumulating parameters merge their pairs into what the
 * call holds (replaced instead under `userdata-replaced`), others are set; discriminators and
 * `@odata.*` annotations are not call state, and the id cannot change.
 */
export function applyUpdate(plan: OperationPlan, call: CallState, request: unknown, faults: FaultSet): void {
  if (!isObject(request)) return;
  const skip = new Set(plan.discriminators.map((d) => d.name));
  for (const [k, v] of Object.entries(request)) {
    if (skip.has(k) || k.startsWith('@odata.') || k === plan.idKey || k === '__proto__') continue;
    // An update merges what the resource documents; anything else in the body is not its state.
    if (plan.kind === 'update' && plan.resourceProperties && !plan.resourceProperties.includes(k)) continue;
    const held = call.properties[k];
    if (plan.accumulating.includes(k) && isObject(v) && !faults.has('userdata-replaced')) {
      call.properties[k] = { ...(isObject(held) ? held : {}), ...v };
    } else {
      call.properties[k] = structuredClone(v);
    }
  }
}

/** Graph error body: `{"error":{"code","message","innerError":{…}}}`. */
export function graphError(code: string, message: string): JsonObject {
  return { error: { code, message, innerError: { 'request-id': randomUUID(), date: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } } };
}

/** Kinds of documented-style errors; codes follow the platform's return-value convention (GWS: 1 missing, 2 invalid, 6 not found, 20 unauthenticated). */
export type ReplyErrorKind = 'missing-parameter' | 'invalid-parameter' | 'not-found' | 'unauthenticated';
const REPLY_ERROR_CODE: Record<ReplyErrorKind, number> = { 'missing-parameter': 1, 'invalid-parameter': 2, 'not-found': 6, unauthenticated: 20 };

/**
 * An error shaped like the documented reply: its numeric status fields (`statusCode`) carry a
 * non-zero code and a sibling `…Message` field (`statusMessage`) says what went wrong.
 */
export function documentedError(reply: unknown, kind: ReplyErrorKind, message: string): JsonObject {
  const out: JsonObject = {};
  const fields = isObject(reply) ? Object.entries(reply).filter(([, v]) => typeof v === 'number') : [];
  if (fields.length === 0) return { statusCode: REPLY_ERROR_CODE[kind], statusMessage: message };
  for (const [k] of fields) {
    out[k] = REPLY_ERROR_CODE[kind];
    out[k.replace(/Code$/, '') + 'Message'] = message;
  }
  return out;
}

function decodePointer(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function setAt(root: JsonObject, tokens: readonly string[], value: Json): void {
  let node = root;
  for (const [i, t] of tokens.entries()) {
    if (i === tokens.length - 1) {
      node[t] = value;
      return;
    }
    const next = node[t];
    if (!isObject(next)) node[t] = {};
    node = node[t] as JsonObject;
  }
}

/** Pointer (into the example message) of the first string equal to `value`. */
function pointerOfValue(json: unknown, value: string, at: string[] = []): string[] | undefined {
  if (json === value) return at;
  if (Array.isArray(json)) return undefined;
  if (isObject(json)) {
    for (const [k, v] of Object.entries(json)) {
      const found = pointerOfValue(v, value, [...at, k]);
      if (found) return found;
    }
  }
  return undefined;
}

export interface Notification {
  channel: string;
  /** What is published (the Bayeux message's `data`). */
  data: JsonObject;
}

/**
 * The notification for a call after an update, shaped like the documented example: message and
 * notification type where the example has them, the call (id + its state) where the example's
 * id pointer says, the accumulated pairs at their pointer. Pointers address the Bayeux message
 * (`/data/call/id`); what is published is its `data`.
 */
export function notificationFor(fact: NotificationFact, call: CallState, faults: FaultSet): Notification {
  const message: JsonObject = {};
  const example = fact.example?.json;
  for (const value of [fact.notificationType, fact.messageType]) {
    if (value === undefined) continue;
    const at = pointerOfValue(example, value) ?? ['data', value === fact.messageType ? 'messageType' : 'notificationType'];
    setAt(message, at, value);
  }
  const idTokens = decodePointer(fact.resourceIdPointer ?? '/data/id');
  const idKey = idTokens[idTokens.length - 1] ?? 'id';
  const resourceAt = idTokens.slice(0, -1);
  const resource: JsonObject = { [idKey]: call.id, ...structuredClone(call.properties) };
  resource[idKey] = call.id;
  if (resourceAt.length > 0) setAt(message, resourceAt, resource);
  else Object.assign(message, resource);
  for (const acc of fact.accumulates ?? []) {
    const held = call.properties[acc.parameter];
    if (held !== undefined) setAt(message, decodePointer(acc.pointer), structuredClone(held));
  }
  const data = isObject(message.data) ? message.data : message;
  const channel = faults.has('wrong-channel') ? `${fact.channel}-misrouted` : fact.channel;
  return { channel, data };
}
