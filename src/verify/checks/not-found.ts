/**
 * not-found: a valid request naming a call that does not exist gets the documented (or
 * conventional, SHOULD) unknown-resource status. The unknown id is fixed and never provisioned.
 */
import { buildRequest, judgeStatus, validBody } from './common.js';
import type { Json } from '../facts.js';
import { defineCheck } from './types.js';

/** An id no state URL hands out (callconform asks for calls by state, never by this id). */
export const UNKNOWN_CALL_ID = 'callconform-unknown-call-0000';

interface Data {
  status: number;
  body: Record<string, Json> | undefined;
}

export const notFound = defineCheck<Data>({
  name: 'not-found',
  appliesTo: 'a documented (or conventional) unknown-resource error status',
  plan(input) {
    const error = input.spec.errors.find((e) => e.when === 'unknown-resource');
    if (!error) return [];
    return [
      {
        instance: 'unknown-call',
        requirement: `a request naming a call that does not exist gets ${error.status}${error.basis ? ` (${error.basis.split(';')[0] ?? ''})` : ''}`,
        level: error.level,
        source: error.source,
        data: { status: error.status, body: validBody(input) },
      },
    ];
  },
  async run(spec, { data, source }, ctx) {
    const ex = await ctx.send(buildRequest(spec, ctx, UNKNOWN_CALL_ID, data.body));
    return judgeStatus(ex, ctx, { code: data.status }, source, {}, `call ${UNKNOWN_CALL_ID}`);
  },
});
