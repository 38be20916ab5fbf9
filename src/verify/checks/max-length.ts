/**
 * max-length: a request string parameter of exactly the documented maximum length is accepted
 * and one character more is rejected with 4xx. Deterministic strings, generated per fact.
 */
import { stringOfLength, type Json } from '../facts.js';
import { judgeStatus, sendOnFreshState, validBody } from './common.js';
import { defineCheck } from './types.js';

interface Data {
  body: Record<string, Json>;
  length: number;
  parameter: string;
  /** Accepted (any 2xx: the exact status is status-code's to judge) or rejected (any 4xx). */
  reject: boolean;
}

export const maxLength = defineCheck<Data>({
  name: 'max-length',
  appliesTo: 'a request body string parameter with a documented maximum length ("Max limit is N chars")',
  plan(input) {
    const valid = validBody(input) ?? {};
    return (input.spec.request.body?.parameters ?? []).flatMap((p) => {
      const m = p.maxLength;
      if (!m) return [];
      const at = m.value;
      const value = (n: number): Json => (p.type === 'array' ? [stringOfLength(n)] : stringOfLength(n));
      return [
        {
          instance: `${p.name}-${at}`,
          requirement: `${p.name} of exactly ${at} characters is accepted ("${m.text}")`,
          level: m.level,
          source: m.source,
          data: { body: { ...valid, [p.name]: value(at) }, length: at, parameter: p.name, reject: false },
        },
        {
          instance: `${p.name}-${at + 1}`,
          requirement: `${p.name} longer than ${at} characters is rejected ("${m.text}")`,
          level: m.level,
          source: m.source,
          data: { body: { ...valid, [p.name]: value(at + 1) }, length: at + 1, parameter: p.name, reject: true },
          expectsRejection: true,
        },
      ];
    });
  },
  async run(spec, { data, source }, ctx) {
    const sent = await sendOnFreshState(spec, ctx, data.body);
    if (!sent.ok) return sent.outcome;
    const what = `${data.parameter} of ${data.length} characters`;
    return data.reject
      ? judgeStatus(sent.exchange, ctx, { range: 4 }, source, {}, what)
      : judgeStatus(sent.exchange, ctx, { range: 2 }, source, {}, what);
  },
});
