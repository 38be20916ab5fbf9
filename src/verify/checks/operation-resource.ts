/**
 * operation-resource: the operation a Location points to exists. A GET on it answers 200 with a
 * body that validates against the documented resource's compiled schema (documented enum
 * values included) and echoes what the request sent for properties the resource shares with
 * the request body (clientContext, say). Locations off the target's origin are never followed.
 */
import { resourceSchemaFile, describeProblems } from '../contract-schemas.js';
import { evidenceOfAll } from '../evidence.js';
import { authorizationHeader, cite, operationLocation, type Json } from '../facts.js';
import { sameOrigin } from '../http-values.js';
import { errorOutcome, expectedGot, fail, noResponse, pass, sendOnFreshState, validBody } from './common.js';
import type { PropertyFact } from '../../spec/model.js';
import { defineCheck } from './types.js';

interface Data {
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
    if (!post.response) return noResponse(post, ctx);
    const location = post.response.headers.location;
    if (!location) return errorOutcome(`no Location header to follow (status ${post.response.status}); location-header reports it`, evidenceOfAll([post], ctx));
    let url: string;
    try {
      url = new URL(location, `${ctx.target.url.replace(/\/+$/, '')}/`).href;
    } catch {
      return errorOutcome(`Location ${JSON.stringify(location)} is not a URL; location-header reports it`, evidenceOfAll([post], ctx));
    }
    if (!sameOrigin(url, ctx.target.origin)) {
      return errorOutcome(`Location ${location} is off the target's origin ${ctx.target.origin}; not followed (location-header reports it)`, evidenceOfAll([post], ctx));
    }
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
