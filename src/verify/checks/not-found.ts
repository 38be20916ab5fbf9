/**
 * not-found: a valid request naming a resource that does not exist gets the documented (or
 * conventional, SHOULD) unknown-resource status. One instance per path parameter: the unknown id
 * is fresh for every run and goes in that parameter's position, the other ids come from the
 * provider state, so only the one id is unknown (a participant that exists, in a call that does
 * not, is not found either). A DELETE is followed by a GET of the same resource, where the profile
 * documents one: the deleted resource is not found.
 */
import { randomUUID } from 'node:crypto';
import { providerState, withArticle, type StateParameter } from '../../spec/provider-state.js';
import { authorizationHeader, cite, fillPath, joinTarget, operationAt, type Json } from '../facts.js';
import { evidenceOfAll } from '../evidence.js';
import { buildRequest, errorOutcome, judgeStatus, noResponse, noState, templateOf, validBody } from './common.js';
import { defineCheck, type PlannedInstance } from './types.js';

/** An id no state URL hands out: callconform asks for resources by state, never by this id. */
export function unknownId(): string {
  return `callconform-unknown-${randomUUID()}`;
}

interface Data {
  status: number;
  body: Record<string, Json> | undefined;
  resource: string;
  /** The placeholder that gets the unknown id; for `deleted`, none (the resource is deleted first). */
  position?: string;
  /** After a valid DELETE, the documented GET of the same path (template, whether it takes Authorization). */
  deleted?: { template: string; auth: boolean; operation: string };
}

function instanceNames(parameters: readonly StateParameter[]): string[] {
  return parameters.map((p) => {
    const same = parameters.filter((q) => q.resource === p.resource);
    return `unknown-${p.resource}${same.length > 1 ? `-${same.indexOf(p) + 1}` : ''}`;
  });
}

export const notFound = defineCheck<Data>({
  name: 'not-found',
  appliesTo: 'a documented (or conventional) unknown-resource error status of a path that names resources (one instance per path parameter; a DELETE whose path the profile documents a GET of)',
  plan(input) {
    const error = input.spec.errors.find((e) => e.when === 'unknown-resource');
    const template = templateOf(input.spec);
    const parameters = providerState(input.spec, template)?.parameters ?? [];
    if (!error || parameters.length === 0) return [];
    const body = validBody(input);
    const names = instanceNames(parameters);
    const basis = error.basis ? ` (${error.basis.split(';')[0] ?? ''})` : '';
    const out: PlannedInstance<Data>[] = parameters.map((p, i) => ({
      instance: names[i] ?? `unknown-${p.resource}`,
      requirement: `a request naming ${withArticle(p.resource)} that does not exist${i < parameters.length - 1 ? ` (the rest of the path exists)` : ''} gets ${error.status}${basis}`,
      level: error.level,
      source: error.source,
      data: { status: error.status, body, resource: p.resource, position: p.placeholder },
      expectsRejection: true,
    }));
    const get = input.spec.method.value === 'DELETE' ? operationAt(input.operations ?? [], 'GET', template) : undefined;
    const acted = parameters[parameters.length - 1];
    if (get && acted) {
      // The GET goes to the URL the DELETE acted on: the GET's page may name its placeholders otherwise ({member-id} vs {membership-id}).
      out.push({
        instance: `deleted-${acted.resource}`,
        requirement: `after a valid DELETE, a GET of the same ${acted.resource} (${get.spec.operation}) gets ${error.status}`,
        level: error.level,
        source: error.source,
        data: { status: error.status, body, resource: acted.resource, deleted: { template, auth: authorizationHeader(get.spec) !== undefined, operation: get.spec.operation } },
        expectsRejection: true,
      });
    }
    return out;
  },
  async run(spec, { data, source }, ctx) {
    const state = providerState(spec, templateOf(spec));
    if (!state) return { verdict: 'skip', message: 'the path names no resource', evidence: {} };
    const lease = await ctx.freshState(state);
    if (!lease.ok) return noState(lease, ctx);
    if (data.deleted) {
      const del = await ctx.send(buildRequest(spec, ctx, lease.ids, data.body));
      if (!del.response) return noResponse(del, ctx);
      if (del.response.status < 200 || del.response.status > 299) return errorOutcome(`the DELETE was not accepted (status ${del.response.status}); status-code reports it`, evidenceOfAll([del], ctx));
      const url = joinTarget(ctx.target.url, fillPath(data.deleted.template, lease.ids));
      const headers: Record<string, string> = { Accept: 'application/json', ...(data.deleted.auth && ctx.token ? { Authorization: `Bearer ${ctx.token}` } : {}) };
      const get = await ctx.send({ method: 'GET', url, headers });
      return judgeStatus(get, ctx, { code: data.status }, source, { more: [evidenceOfAll([del], ctx)] }, `GET after DELETE (${data.deleted.operation}, docs: ${cite(source)})`);
    }
    const unknown = unknownId();
    const ex = await ctx.send(buildRequest(spec, ctx, { ...lease.ids, [data.position ?? '']: unknown }, data.body));
    return judgeStatus(ex, ctx, { code: data.status }, source, {}, `${data.resource} ${unknown}`);
  },
});
