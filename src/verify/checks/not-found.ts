/**
 * not-found: a valid request naming a resource that does not exist gets the documented (or
 * conventional, SHOULD) unknown-resource status. The unknown id is fresh for every run and goes
 * where the resource acted on is named (the innermost path parameter); the resources around it
 * (the call of a participant) come from the provider state, so only the one id is unknown.
 */
import { randomUUID } from 'node:crypto';
import { providerState, withArticle } from '../../spec/provider-state.js';
import type { Json } from '../facts.js';
import { buildRequest, judgeStatus, noState, templateOf, validBody } from './common.js';
import { defineCheck } from './types.js';

/** An id no state URL hands out: callconform asks for resources by state, never by this id. */
export function unknownId(): string {
  return `callconform-unknown-${randomUUID()}`;
}

interface Data {
  status: number;
  body: Record<string, Json> | undefined;
  resource: string;
}

export const notFound = defineCheck<Data>({
  name: 'not-found',
  appliesTo: 'a documented (or conventional) unknown-resource error status of a path that names the resource acted on',
  plan(input) {
    const error = input.spec.errors.find((e) => e.when === 'unknown-resource');
    const acted = providerState(input.spec, templateOf(input.spec))?.parameters.at(-1);
    if (!error || !acted) return [];
    return [
      {
        instance: `unknown-${acted.resource}`,
        requirement: `a request naming ${withArticle(acted.resource)} that does not exist gets ${error.status}${error.basis ? ` (${error.basis.split(';')[0] ?? ''})` : ''}`,
        level: error.level,
        source: error.source,
        data: { status: error.status, body: validBody(input), resource: acted.resource },
        expectsRejection: true,
      },
    ];
  },
  async run(spec, { data, source }, ctx) {
    const state = providerState(spec, templateOf(spec));
    const acted = state?.parameters.at(-1);
    if (!state || !acted) return { verdict: 'skip', message: 'the path names no resource', evidence: {} };
    let ids: Record<string, string> = {};
    if (state.parameters.length > 1) {
      const lease = await ctx.freshState(state);
      if (!lease.ok) return noState(lease, ctx);
      ids = lease.ids;
    }
    const unknown = unknownId();
    const ex = await ctx.send(buildRequest(spec, ctx, { ...ids, [acted.placeholder]: unknown }, data.body));
    return judgeStatus(ex, ctx, { code: data.status }, source, {}, `${data.resource} ${unknown}`);
  },
});
