/**
 * auth: where the page documents an Authorization header and the status of a request without
 * credentials, a valid request without Authorization (on a call that exists) gets that status.
 */
import type { Json } from '../facts.js';
import { authorizationHeader } from '../facts.js';
import { judgeStatus, sendOnFreshState, validBody } from './common.js';
import { defineCheck } from './types.js';

interface Data {
  status: number;
  body: Record<string, Json> | undefined;
}

export const auth = defineCheck<Data>({
  name: 'auth',
  appliesTo: 'a documented Authorization request header with a missing-authorization error status',
  plan(input) {
    const { spec } = input;
    const header = authorizationHeader(spec);
    const error = spec.errors.find((e) => e.when === 'missing-authorization');
    if (!header || !error) return [];
    return [
      {
        instance: 'missing-authorization',
        requirement: `a request without Authorization (documented: ${header.value ?? header.name}) gets ${error.status}`,
        level: error.level === 'SHOULD' || header.level === 'SHOULD' ? 'SHOULD' : 'MUST',
        source: error.source,
        data: { status: error.status, body: validBody(input) },
        expectsRejection: true,
      },
    ];
  },
  async run(spec, { data, source }, ctx) {
    const sent = await sendOnFreshState(spec, ctx, data.body, { omitAuth: true });
    if (!sent.ok) return sent.outcome;
    const outcome = judgeStatus(sent.exchange, ctx, { code: data.status }, source, {}, 'without Authorization');
    if (outcome.verdict === 'fail' && !ctx.token) {
      // Without --token every request of the run went without credentials; say so next to the failure.
      return { ...outcome, message: `${outcome.message}; this run had no --token, and the target answered without credentials: it does not enforce the documented Authorization` };
    }
    return outcome;
  },
});
