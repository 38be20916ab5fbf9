/**
 * enum: each value a request parameter's documented enum lists is accepted (a 2xx; the exact
 * status is status-code's), and a value it does not list is rejected with 4xx. Graph's evolvable enums end in
 * the sentinel `unknownFutureValue`, which callers never send: it is left out of the accepted
 * values (responses may carry it; the compiled response schemas allow it).
 */
import type { ParameterFact } from '../../spec/model.js';
import type { Json } from '../facts.js';
import { judgeStatus, sendOnFreshState, validBody } from './common.js';
import { defineCheck } from './types.js';

/** The sentinel of evolvable enums (Graph): documented, but never a value a caller sends. */
export const EVOLVABLE_SENTINEL = 'unknownFutureValue';

interface Data {
  body: Record<string, Json>;
  /** Accepted (any 2xx: the exact status is status-code's to judge) or rejected (any 4xx). */
  reject: boolean;
  value: string;
  parameter: string;
}

/** A value the enum does not list, derived from its first value (deterministic). */
export function undocumentedValue(values: readonly string[]): string {
  const base = values[0] ?? 'value';
  for (let n = 0; ; n++) {
    const candidate = `${base}Undocumented${n === 0 ? '' : n}`;
    if (!values.some((v) => v.toLowerCase() === candidate.toLowerCase())) return candidate;
  }
}

function withValue(body: Record<string, Json> | undefined, p: ParameterFact, value: string): Record<string, Json> {
  return { ...(body ?? {}), [p.name]: p.type === 'array' ? [value] : value };
}

export const enumCheck = defineCheck<Data>({
  name: 'enum',
  appliesTo: 'a request body parameter with documented possible values',
  plan(input) {
    const valid = validBody(input);
    return (input.spec.request.body?.parameters ?? []).flatMap((p) => {
      const e = p.enum;
      if (!e) return [];
      const sendable = e.values.filter((v) => !(e.evolvable && v === EVOLVABLE_SENTINEL));
      const wrong = undocumentedValue(e.values);
      return [
        ...sendable.map((value) => ({
          instance: `${p.name}=${value}`,
          requirement: `${p.name} ${JSON.stringify(value)} (a documented value) is accepted`,
          level: e.level,
          source: e.source,
          data: { body: withValue(valid, p, value), reject: false, value, parameter: p.name },
        })),
        {
          instance: `${p.name}-undocumented`,
          requirement: `${p.name} outside the documented values (${JSON.stringify(wrong)}) is rejected with 4xx`,
          level: e.level,
          source: e.source,
          data: { body: withValue(valid, p, wrong), reject: true, value: wrong, parameter: p.name },
          expectsRejection: true,
        },
      ];
    });
  },
  async run(spec, { data, source }, ctx) {
    const sent = await sendOnFreshState(spec, ctx, data.body);
    if (!sent.ok) return sent.outcome;
    const what = `${data.parameter} ${JSON.stringify(data.value)}`;
    return data.reject
      ? judgeStatus(sent.exchange, ctx, { range: 4 }, source, {}, `${what} (undocumented)`)
      : judgeStatus(sent.exchange, ctx, { range: 2 }, source, {}, `${what} (documented)`);
  },
});
