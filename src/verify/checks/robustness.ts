/**
 * robustness: a request body that is not JSON, where the page documents a JSON body, is
 * answered with 4xx within the time limit — never a 2xx, a 5xx, a reset or silence. Here (and
 * only here) no answer at all is a failure, not an unjudgeable error: answering is the requirement.
 */
import { evidenceOf } from '../evidence.js';
import { cite, jsonBodySource } from '../facts.js';
import { fail, judgeStatus, sendOnFreshState } from './common.js';
import { defineCheck } from './types.js';

/** A body that cannot parse as JSON: an object cut off in the middle of a string. */
export const MALFORMED_JSON = '{"callconform": "unterminated';

interface Data {
  status: number | undefined;
}

export const robustness = defineCheck<Data>({
  name: 'robustness',
  appliesTo: 'a documented JSON request body (Content-Type header, request example or parameter table)',
  plan(input) {
    const { spec } = input;
    const fact = jsonBodySource(spec);
    if (!fact || !spec.request.body) return [];
    const invalid = spec.errors.find((e) => e.when === 'invalid-body');
    return [
      {
        instance: 'malformed-json',
        requirement: `a body that is not JSON is answered with 4xx${invalid ? ` (${invalid.status} by ${invalid.level === 'SHOULD' ? 'convention' : 'the page'})` : ''} within the time limit, never 5xx or silence`,
        level: 'MUST',
        source: fact.source,
        data: { status: invalid?.status },
        expectsRejection: true,
      },
    ];
  },
  async run(spec, { source }, ctx) {
    const sent = await sendOnFreshState(spec, ctx, undefined, { rawBody: MALFORMED_JSON });
    if (!sent.ok) return sent.outcome;
    const ex = sent.exchange;
    if (!ex.response) {
      return fail(`malformed JSON body: expected 4xx within ${ctx.timeoutMs} ms (docs: ${cite(source)}), got ${ex.error ?? 'no response'}`, { ...evidenceOf(ex, ctx), expected: '4xx', actual: ex.error ?? null });
    }
    return judgeStatus(ex, ctx, { range: 4 }, source, {}, 'malformed JSON body');
  },
});
