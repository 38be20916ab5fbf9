/**
 * operation-resource: the operation a Location points to exists. A GET on it answers 200 with a
 * body that validates against the documented resource's compiled schema (documented enum
 * values included) and echoes what the request sent for properties the resource shares with
 * the request body (clientContext, say). For a create, the created resource exists: where the
 * profile documents a GET of that path, it answers 200 with a valid body; where it documents a
 * DELETE, the DELETE succeeds. Locations off the target's origin are never followed.
 */
import { operationSchemaFile, resourceSchemaFile, describeProblems } from '../contract-schemas.js';
import { evidenceOfAll } from '../evidence.js';
import { authorizationHeader, cite, operationAt, operationLocation, primaryPath, type Json } from '../facts.js';
import type { Exchange } from '../http.js';
import type { Source } from '../../spec/model.js';
import type { Outcome, PlanInput, PlannedInstance, RunContext } from './types.js';
import { sameOrigin } from '../http-values.js';
import { errorOutcome, expectedGot, fail, noResponse, pass, sendOnFreshState, successExpectation, validBody } from './common.js';
import type { PropertyFact } from '../../spec/model.js';
import { defineCheck } from './types.js';

/** A documented operation on the created resource's path. */
interface Follow {
  operation: string;
  auth: boolean;
  /** GET: its response schema; DELETE: its success status. */
  schemaFile?: string;
  status?: number;
}

interface Data {
  /** Follow a created resource (GET and DELETE as the profile documents them), else the operation. */
  created?: { get?: Follow; delete?: Follow };
  resource: string | undefined;
  schemaFile: string | undefined;
  /** Request body properties the resource documents too: they must come back as sent. */
  echoed: string[];
  body: Record<string, Json> | undefined;
}

export const operationResource = defineCheck<Data>({
  name: 'operation-resource',
  appliesTo: 'a documented Location header pointing to an operation resource (with the resource page when there is one)',
  plan(input) {
    const { spec, resources } = input;
    const created = createdPlan(input);
    if (created) return [created];
    const header = operationLocation(spec);
    if (!header) return [];
    const name = header.resource ?? spec.response.body?.resource;
    const resource = name ? resources.find((r) => r.profile === spec.profile && r.resource.toLowerCase() === name.toLowerCase()) : undefined;
    const params = new Map((spec.request.body?.parameters ?? []).map((p) => [p.name, p]));
    // Same name, same field only when every value the request may send is one the property may
    // hold: the request's recording `status` (notRecording…) is not the operation's `status`.
    const sameField = (prop: PropertyFact): boolean => {
      const param = params.get(prop.name);
      if (!param || prop.readOnly) return false;
      if (!prop.enum && !param.enum) return true;
      return Boolean(prop.enum && param.enum && param.enum.values.every((v) => v === 'unknownFutureValue' || prop.enum!.values.includes(v)));
    };
    const echoed = resource ? resource.properties.filter(sameField).map((p) => p.name) : [];
    const schemaFile = resource ? resourceSchemaFile(spec.profile, resource.resource) : undefined;
    return [
      {
        instance: name ?? 'operation',
        requirement: `a GET on the Location answers 200 with the ${name ?? 'operation'} resource${echoed.length ? `, echoing ${echoed.join(', ')}` : ''}`,
        level: header.level,
        source: header.source,
        data: { resource: name, schemaFile, echoed, body: validBody(input) },
      },
    ];
  },
  async run(spec, { data, source }, ctx) {
    const sent = await sendOnFreshState(spec, ctx, data.body);
    if (!sent.ok) return sent.outcome;
    const post = sent.exchange;
    const followed = followable(post, ctx);
    if ('outcome' in followed) return followed.outcome;
    const { url, location } = followed;
    if (data.created) return followCreated(data.created, data.resource, url, post, source, ctx);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (authorizationHeader(spec) && ctx.token) headers.Authorization = `Bearer ${ctx.token}`;
    const get = await ctx.send({ method: 'GET', url, headers });
    const evidence = evidenceOfAll([get, post], ctx);
    if (!get.response) return noResponse(get, ctx, evidenceOfAll([get, post], ctx));
    if (get.response.status !== 200) {
      return fail(`GET ${location}: ${expectedGot('200 with the operation', source, String(get.response.status))}`, { ...evidence, expected: 200, actual: get.response.status });
    }
    if (!get.response.isJson) return fail(`GET ${location}: expected a JSON ${data.resource ?? 'operation'} (docs: ${cite(source)}), got a body that is not JSON`, evidence);
    const body = get.response.json;
    if (data.schemaFile) {
      const problems = ctx.schemas.validate(data.schemaFile, body);
      if (problems === undefined) return errorOutcome(`contract ${data.schemaFile} is missing (run callconform build)`, evidence);
      if (problems.length > 0) {
        return fail(`GET ${location}: the ${data.resource} does not match ${data.schemaFile} (docs: ${cite(source)}): ${describeProblems(problems)}`, { ...evidence, expected: data.schemaFile, actual: problems });
      }
    }
    const sentBody = (data.body ?? {}) as Record<string, unknown>;
    for (const name of data.echoed) {
      if (!(name in sentBody)) continue;
      const got = (body as Record<string, unknown> | null)?.[name];
      if (JSON.stringify(got) !== JSON.stringify(sentBody[name])) {
        return fail(`GET ${location}: expected ${name} ${JSON.stringify(sentBody[name])} as sent (docs: ${cite(source)}), got ${JSON.stringify(got)}`, { ...evidence, expected: sentBody[name], actual: got ?? null });
      }
    }
    return pass(`GET ${location} answered 200 with a valid ${data.resource ?? 'operation'}${data.echoed.length ? ` echoing ${data.echoed.join(', ')}` : ''} (docs: ${cite(source)})`, evidence);
  },
});

/** The URL a response's Location names, when it can be followed (present, a URL, on the target's origin). */
function followable(post: Exchange, ctx: RunContext): { url: string; location: string } | { outcome: Outcome } {
  if (!post.response) return { outcome: noResponse(post, ctx) };
  const location = post.response.headers.location;
  if (!location) return { outcome: errorOutcome(`no Location header to follow (status ${post.response.status}); location-header reports it`, evidenceOfAll([post], ctx)) };
  let url: string;
  try {
    url = new URL(location, `${ctx.target.url.replace(/\/+$/, '')}/`).href;
  } catch {
    return { outcome: errorOutcome(`Location ${JSON.stringify(location)} is not a URL; location-header reports it`, evidenceOfAll([post], ctx)) };
  }
  if (!sameOrigin(url, ctx.target.origin)) {
    return { outcome: errorOutcome(`Location ${location} is off the target's origin ${ctx.target.origin}; not followed (location-header reports it)`, evidenceOfAll([post], ctx)) };
  }
  return { url, location };
}

/** The instance of a create whose profile documents a GET or DELETE of the created resource. */
function createdPlan(input: PlanInput): PlannedInstance<Data> | undefined {
  const { spec, decisions } = input;
  const operations = input.operations ?? [];
  const path = primaryPath(spec);
  if (spec.shape?.kind !== 'create' || !path) return undefined;
  const item = `${path.template.replace(/\/+$/, '')}/{callconform-item}`;
  const follow = (method: string): Follow | undefined => {
    const found = operationAt(operations, method, item);
    if (!found) return undefined;
    const expectation = successExpectation({ spec: found.spec, decisions });
    return {
      operation: found.spec.operation,
      auth: authorizationHeader(found.spec) !== undefined,
      ...(found.spec.response.body ? { schemaFile: operationSchemaFile(found.spec.profile, found.spec.operation, 'response') } : {}),
      ...(expectation ? { status: expectation.code } : {}),
    };
  };
  const get = follow('GET');
  const del = follow('DELETE');
  if (!get && !del) return undefined;
  const name = spec.shape.resource ?? 'resource';
  const steps = [get && `a GET on it answers 200 with a valid ${name} (${get.operation})`, del && `a DELETE of it succeeds (${del.operation})`].filter(Boolean);
  const source = spec.response.statusFromProse?.source ?? spec.response.statusFromExample?.source ?? path.source;
  return {
    instance: `created-${name}`,
    requirement: `the Location of a created ${name} names it: ${steps.join('; ')}`,
    level: 'MUST',
    source,
    data: { created: { ...(get ? { get } : {}), ...(del ? { delete: del } : {}) }, resource: name, schemaFile: undefined, echoed: [], body: validBody(input) },
  };
}

async function followCreated(created: NonNullable<Data['created']>, resource: string | undefined, url: string, post: Exchange, source: Source, ctx: RunContext): Promise<Outcome> {
  const headersOf = (f: Follow): Record<string, string> => ({ Accept: 'application/json', ...(f.auth && ctx.token ? { Authorization: `Bearer ${ctx.token}` } : {}) });
  const seen: Exchange[] = [post];
  const evidence = () => evidenceOfAll([...seen].reverse(), ctx);
  if (created.get) {
    const get = await ctx.send({ method: 'GET', url, headers: headersOf(created.get) });
    seen.push(get);
    if (!get.response) return noResponse(get, ctx, evidence());
    if (get.response.status !== 200) return fail(`GET ${url}: ${expectedGot(`200 with the created ${resource ?? 'resource'}`, source, String(get.response.status))}`, { ...evidence(), expected: 200, actual: get.response.status });
    const problems = created.get.schemaFile ? ctx.schemas.validate(created.get.schemaFile, get.response.json) : [];
    if (problems && problems.length > 0) return fail(`GET ${url}: the created ${resource ?? 'resource'} does not match ${created.get.schemaFile ?? ''} (docs: ${cite(source)}): ${describeProblems(problems)}`, { ...evidence(), expected: created.get.schemaFile, actual: problems });
  }
  if (created.delete) {
    const del = await ctx.send({ method: 'DELETE', url, headers: headersOf(created.delete) });
    seen.push(del);
    if (!del.response) return noResponse(del, ctx, evidence());
    const want = created.delete.status;
    const ok = want === undefined ? del.response.status >= 200 && del.response.status <= 299 : del.response.status === want;
    if (!ok) return fail(`DELETE ${url}: ${expectedGot(want === undefined ? '2xx' : String(want), source, String(del.response.status))}`, { ...evidence(), expected: want ?? '2xx', actual: del.response.status });
  }
  const did = [created.get && 'GET answered it', created.delete && 'DELETE removed it'].filter(Boolean).join(', ');
  return pass(`the Location ${url} names the created ${resource ?? 'resource'}: ${did} (docs: ${cite(source)})`, evidence());
}
