/**
 * required: a request body without a parameter the page marks Required is rejected with 4xx.
 */
import type { Json } from '../facts.js';
import { judgeStatus, sendOnFreshState, validBody } from './common.js';
import { defineCheck } from './types.js';

interface Data {
  body: Record<string, Json>;
  parameter: string;
}

export const required = defineCheck<Data>({
  name: 'required',
  appliesTo: 'a request body parameter documented as required',
  plan(input) {
    const valid = validBody(input) ?? {};
    return (input.spec.request.body?.parameters ?? [])
      .filter((p) => p.required)
      .map((p) => {
        const body = { ...valid };
        delete body[p.name];
        return {
          instance: `${p.name}-missing`,
          requirement: `a request body without ${p.name} (required) is rejected with 4xx`,
          level: p.level,
          source: p.source,
          data: { body, parameter: p.name },
          expectsRejection: true,
        };
      });
  },
  async run(spec, { data, source }, ctx) {
    const sent = await sendOnFreshState(spec, ctx, data.body);
    if (!sent.ok) return sent.outcome;
    return judgeStatus(sent.exchange, ctx, { range: 4 }, source, {}, `body without ${data.parameter}`);
  },
});
