/**
 * notification: where the page documents a CometD notification for an operation, a subscriber
 * on the documented channel (subscribed before the request) receives, within the time limit, a
 * message for that call with the documented messageType / notificationType, matching the
 * compiled notification schema. Where the page says pairs accumulate ("Adds the provided
 * key/value pairs"), two requests with different pairs give a second notification holding the
 * union of both.
 */
import type { Evidence } from '../../report/result.js';
import type { AccumulationFact, NotificationFact } from '../../spec/model.js';
import type { ReceivedMessage, Subscription } from '../cometd.js';
import { describeProblems, operationSchemaFile } from '../contract-schemas.js';
import { evidenceOf } from '../evidence.js';
import { atPointer } from '../../spec/json-pointer.js';
import { cite, pointerOf, type Json } from '../facts.js';
import type { Exchange } from '../http.js';
import { providerState } from '../../spec/provider-state.js';
import { actedOnId, buildRequest, errorOutcome, fail, noResponse, noState, pass, templateOf, validBody } from './common.js';
import { defineCheck, type Outcome, type RunContext } from './types.js';

interface Data {
  fact: NotificationFact;
  schemaFile: string;
  body: Record<string, Json> | undefined;
  accumulation?: { fact: AccumulationFact; first: Record<string, Json>; second: Record<string, Json> };
}

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Two sets of pairs with different keys: the page's own (first example, then keys new in later examples), else generated. */
export function accumulationPairs(examples: readonly unknown[], parameter: string): { first: Record<string, Json>; second: Record<string, Json> } {
  const objects = examples.map((e) => (isObject(e) ? e[parameter] : undefined)).filter(isObject);
  const first: Record<string, Json> = objects[0] && Object.keys(objects[0]).length > 0 ? { ...objects[0] } : { callconformFirstKey: 'first-value' };
  const second: Record<string, Json> = {};
  for (const o of objects.slice(1)) for (const [k, v] of Object.entries(o)) if (!(k in first)) second[k] = v;
  if (Object.keys(second).length === 0) second.callconformSecondKey = 'second-value';
  return { first, second };
}

const message = (m: ReceivedMessage): unknown => ({ channel: m.channel, data: m.data });

function forCall(fact: NotificationFact, callId: string): (m: ReceivedMessage) => boolean {
  return (m) => fact.resourceIdPointer === undefined || atPointer(message(m), fact.resourceIdPointer) === callId;
}

/** What is wrong with a message for this call, or undefined when it is the documented one. */
function problemsOf(m: ReceivedMessage, fact: NotificationFact, ctx: RunContext, schemaFile: string): string | undefined {
  const whole = message(m);
  // Where the documented example carries each type (else where the model puts it: data.messageType / data.notificationType).
  const example = fact.example?.json;
  const want: [string, string | undefined][] = [
    [(fact.messageType && pointerOf(example, fact.messageType)) || '/data/messageType', fact.messageType],
    [(fact.notificationType && pointerOf(example, fact.notificationType)) || '/data/notificationType', fact.notificationType],
  ];
  for (const [pointer, value] of want) {
    if (value !== undefined && atPointer(whole, pointer) !== value) return `${pointer} is ${JSON.stringify(atPointer(whole, pointer) ?? null)}, expected ${JSON.stringify(value)}`;
  }
  const problems = ctx.schemas.validate(schemaFile, whole);
  if (problems && problems.length > 0) return `does not match ${schemaFile}: ${describeProblems(problems)}`;
  return undefined;
}

function describeWanted(fact: NotificationFact): string {
  const parts = [fact.messageType && `messageType ${fact.messageType}`, fact.notificationType && `notificationType ${fact.notificationType}`].filter(Boolean);
  return `a message on ${fact.channel}${parts.length ? ` with ${parts.join(', ')}` : ''}`;
}

async function withSubscription(ctx: RunContext, channel: string, body: (sub: Subscription) => Promise<Outcome>): Promise<Outcome> {
  const sub = await ctx.subscribe(channel);
  if ('error' in sub) return errorOutcome(sub.error, { request: { url: ctx.target.cometdUrl } });
  try {
    return await body(sub);
  } finally {
    await sub.close();
  }
}

function evidenceWith(exchanges: Exchange[], ctx: RunContext, messages: ReceivedMessage[], extra: Partial<Evidence> = {}): Evidence {
  const [first, ...rest] = exchanges;
  const base: Evidence = first ? evidenceOf(first, ctx) : {};
  const more: Evidence[] = [...rest.map((e) => evidenceOf(e, ctx)), ...messages.map((m) => ({ response: { body: { channel: m.channel, data: m.data, receivedAfterMs: m.atMs } } }))];
  return { ...base, ...(more.length ? { more } : {}), ...extra };
}

export const notification = defineCheck<Data>({
  name: 'notification',
  appliesTo: 'a documented CometD notification (channel, messageType, notificationType, id pointer) and its accumulating fields',
  plan(input) {
    const { spec } = input;
    const body = validBody(input);
    const schemaFile = operationSchemaFile(spec.profile, spec.operation, 'notification');
    const examples = [spec.request.body?.example?.json, ...(spec.request.body?.moreExamples ?? []).map((e) => e.json)];
    return spec.notifications.flatMap((fact, i) => {
      const suffix = spec.notifications.length > 1 ? `-${i + 1}` : '';
      return [
        {
          instance: `${fact.notificationType ?? fact.messageType ?? 'message'}${suffix}`,
          requirement: `a subscriber on ${fact.channel} receives ${describeWanted(fact).replace(/^a message on \S+ /, 'a message ')} for the call within the time limit`,
          level: fact.level,
          source: fact.source,
          data: { fact, schemaFile, body },
        },
        ...(fact.accumulates ?? []).map((acc) => ({
          instance: `${acc.parameter}-accumulates${suffix}`,
          requirement: `after two requests with different ${acc.parameter} pairs, the second notification's ${acc.pointer} holds the union of both ("${acc.text}")`,
          level: acc.level,
          source: acc.source,
          data: { fact, schemaFile, body, accumulation: { fact: acc, ...accumulationPairs(examples, acc.parameter) } },
        })),
      ];
    });
  },
  async run(spec, { data, source }, ctx) {
    const { fact } = data;
    const template = templateOf(spec);
    const lease = await ctx.freshState(providerState(spec, template));
    if (!lease.ok) return noState(lease, ctx);
    const callId = actedOnId(spec, template, lease.ids);
    const docs = `docs: ${cite(source)}`;
    return withSubscription(ctx, fact.channel, async (sub) => {
      const documented = (m: ReceivedMessage): boolean => forCall(fact, callId)(m) && problemsOf(m, fact, ctx, data.schemaFile) === undefined;
      const exchanges: Exchange[] = [];
      const send = async (body: Record<string, Json> | undefined): Promise<Exchange> => {
        const ex = await ctx.send(buildRequest(spec, ctx, lease.ids, body));
        exchanges.push(ex);
        return ex;
      };
      const waitFor = async (after: number): Promise<ReceivedMessage | undefined> =>
        sub.next((m) => sub.messages.indexOf(m) >= after && documented(m), ctx.timeoutMs);
      const missing = (which: string): Outcome => {
        const mine = sub.messages.filter(forCall(fact, callId));
        const why = mine.length === 0 ? (sub.messages.length === 0 ? 'no message at all' : `${sub.messages.length} message(s), none for call ${callId}`) : `message(s) for the call, but ${problemsOf(mine[mine.length - 1]!, fact, ctx, data.schemaFile) ?? 'not in order'}`;
        return fail(`expected ${which}${describeWanted(fact)} for call ${callId} within ${ctx.timeoutMs} ms (${docs}), got ${why}`, evidenceWith(exchanges, ctx, sub.messages.slice(0, 5), { expected: describeWanted(fact), actual: sub.messages.length }));
      };
      const acc = data.accumulation;
      const firstBody = acc ? { ...(data.body ?? {}), [acc.fact.parameter]: acc.first } : data.body;
      const first = await send(firstBody);
      if (!first.response) return noResponse(first, ctx);
      if (first.response.status < 200 || first.response.status > 299) return errorOutcome(`the request was not accepted (status ${first.response.status}); no notification to expect`, evidenceWith(exchanges, ctx, []));
      const m1 = await waitFor(0);
      if (!m1) return missing('');
      if (!acc) return pass(`${describeWanted(fact)} for call ${callId} arrived after ${m1.atMs} ms (${docs})`, evidenceWith(exchanges, ctx, [m1]));
      const seen = sub.messages.indexOf(m1) + 1;
      const second = await send({ ...(data.body ?? {}), [acc.fact.parameter]: acc.second });
      if (!second.response) return noResponse(second, ctx);
      const m2 = await waitFor(seen);
      if (!m2) return missing('a second ');
      const got = atPointer(message(m2), acc.fact.pointer);
      const union = { ...acc.first, ...acc.second };
      const lost = Object.entries(union).filter(([k, v]) => !isObject(got) || JSON.stringify(got[k]) !== JSON.stringify(v)).map(([k]) => k);
      const evidence = evidenceWith(exchanges, ctx, [m1, m2], { expected: union, actual: got ?? null });
      if (lost.length > 0) return fail(`expected ${acc.fact.pointer} to hold the union ${JSON.stringify(union)} (${docs}), got ${JSON.stringify(got ?? null)} (missing ${lost.join(', ')})`, evidence);
      return pass(`the second notification's ${acc.fact.pointer} holds the union of both requests' pairs (${docs})`, evidence);
    });
  },
});
