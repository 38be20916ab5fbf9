/**
 * content-type: where the page requires a JSON request (a required Content-Type header naming
 * JSON, or a documented unsupported-media-type error), a valid body labelled otherwise is
 * rejected with 4xx (the documented status when there is one); and where it documents a JSON
 * response body, the answer is labelled as JSON.
 */
import { evidenceOf } from '../evidence.js';
import { cite, requestHeader, type Json } from '../facts.js';
import { isJsonMediaType } from '../http-values.js';
import { errorOutcome, fail, judgeStatus, noResponse, pass, sendOnFreshState, validBody } from './common.js';
import { defineCheck } from './types.js';
import { successBody } from '../../spec/decisions.js';

/** A media type no JSON API documents for its request bodies. */
export const WRONG_MEDIA_TYPE = 'text/plain';

type Data =
  | { side: 'request'; body: Record<string, Json>; documented: string; status: number | undefined }
  | { side: 'response'; body: Record<string, Json> | undefined };

export const contentType = defineCheck<Data>({
  name: 'content-type',
  appliesTo: 'a required Content-Type request header naming JSON (or a documented unsupported-content-type error), and a documented response body',
  plan(input) {
    const { spec } = input;
    const valid = validBody(input);
    const out = [];
    const header = requestHeader(spec, 'content-type');
    const error = spec.errors.find((e) => e.when === 'unsupported-content-type');
    const jsonHeader = header?.required && /json/i.test(`${header.value ?? ''} ${header.description ?? ''}`) ? header : undefined;
    const fact = jsonHeader ?? error;
    if (fact && spec.request.body) {
      const documented = header?.value ?? spec.request.body.contentType ?? 'application/json';
      out.push({
        instance: 'request',
        requirement: `a body sent as ${WRONG_MEDIA_TYPE} instead of ${documented} is rejected with ${error ? error.status : '4xx'}`,
        level: fact.level,
        source: fact.source,
        data: { side: 'request' as const, body: valid ?? {}, documented, status: error?.status },
        expectsRejection: true,
      });
    }
    const body = successBody(spec, input.decisions);
    if (body) {
      out.push({
        instance: 'response',
        requirement: 'the documented JSON response body is labelled Content-Type: application/json',
        level: body.level,
        source: body.source,
        data: { side: 'response' as const, body: valid },
      });
    }
    return out;
  },
  async run(spec, { data, source }, ctx) {
    if (data.side === 'request') {
      const sent = await sendOnFreshState(spec, ctx, data.body, { contentType: WRONG_MEDIA_TYPE });
      if (!sent.ok) return sent.outcome;
      return judgeStatus(sent.exchange, ctx, data.status !== undefined ? { code: data.status } : { range: 4 }, source, {}, `body labelled ${WRONG_MEDIA_TYPE}`);
    }
    const sent = await sendOnFreshState(spec, ctx, data.body);
    if (!sent.ok) return sent.outcome;
    const ex = sent.exchange;
    if (!ex.response) return noResponse(ex, ctx);
    const evidence = evidenceOf(ex, ctx);
    if (ex.response.status < 200 || ex.response.status > 299) return errorOutcome(`no success answer to judge (status ${ex.response.status}); status-code reports it`, evidence);
    const got = ex.response.headers['content-type'];
    const message = `expected Content-Type application/json (docs: ${cite(source)}), got ${got === undefined ? 'none' : JSON.stringify(got)}`;
    return isJsonMediaType(got) ? pass(message, { ...evidence, expected: 'application/json', actual: got }) : fail(message, { ...evidence, expected: 'application/json', actual: got ?? null });
  },
});
