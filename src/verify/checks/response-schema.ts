/**
 * response-schema: the body of the answer to a valid request validates against the compiled
 * response schema (the documented resource, the collection envelope of a list with every item
 * valid, or the documented reply as printed), and carries the `@odata.type` the page's example
 * shows, when it shows one. A list whose page documents paging (`$top`, an `@odata.nextLink`) is
 * asked for one item at a time: its next link is absolute, on the target's origin, and answers
 * the next page in the same envelope. Where the sources of the
 * returned resource disagree (an enum the page, enums.md and the metadata spell differently) and
 * specs/decisions.yaml rules on it, the result cites every source and the ruling.
 */
import { ruledEnumValues, successBody, type Decision } from '../../spec/decisions.js';
import type { Evidence } from '../../report/result.js';
import type { OperationSpec, ResourceSpec, Source } from '../../spec/model.js';
import { describeProblems, operationSchemaFile } from '../contract-schemas.js';
import { evidenceOf, evidenceOfAll } from '../evidence.js';
import { cite, type Json } from '../facts.js';
import { buildRequest, errorOutcome, expectedGot, fail, noResponse, noState, pass, sendOnFreshState, templateOf, validBody } from './common.js';
import { defineCheck, type Outcome, type RunContext } from './types.js';
import { providerState } from '../../spec/provider-state.js';
import { documentsPaging } from '../../spec/paging.js';
import { sameOrigin } from '../http-values.js';

interface Data {
  /** The paging instance: ask for `$top=1` and follow the next link. */
  paging?: boolean;
  schemaFile: string;
  odataType: string | undefined;
  body: Record<string, Json> | undefined;
  /** Rulings on the returned resource's fields, as the message cites them. */
  rulings: { text: string; decision: Decision }[];
}

/** The returned resource's enum fields whose sources disagree and that a decision rules on. */
function rulingsOf(resource: ResourceSpec | undefined, decisions: readonly Decision[]): Data['rulings'] {
  if (!resource) return [];
  return resource.properties.flatMap((p) => {
    const ruled = p.enum && ruledEnumValues(resource.profile, resource.resource, p.name, p.enum, decisions);
    if (!p.enum || !ruled?.decision) return [];
    const sources = [`the page (${cite(p.enum.source)}) spells ${p.enum.values.join(', ')}`, ...(p.enum.otherSources ?? []).map((o) => `${o.origin === 'metadata' ? 'the metadata' : 'the enum page'} (${cite(o.source)}) spells ${o.values.join(', ')}`)];
    return [{ text: `${p.name}: ${sources.join('; ')}; ruling (${cite(ruled.decision.source)}): ${ruled.decision.ruling}`, decision: ruled.decision }];
  });
}

/** The rulings as a message suffix and as evidence. */
function withRulings(message: string, evidence: Evidence, rulings: Data['rulings']): [string, Evidence] {
  if (rulings.length === 0) return [message, evidence];
  const d = rulings[0]!.decision;
  return [`${message}; ${rulings.map((r) => r.text).join('; ')}`, { ...evidence, decision: { finding: d.finding, ruling: d.ruling, rationale: d.rationale, source: d.source } }];
}

export const responseSchema = defineCheck<Data>({
  name: 'response-schema',
  appliesTo: 'a documented success response body (resource link, @odata.type or example)',
  plan(input) {
    const { spec } = input;
    const body = successBody(spec, input.decisions);
    if (!body) return [];
    const what = body.collection ? `collection of ${body.resource ?? 'items'}` : (body.resource ?? (body.example ? 'documented reply' : 'response body'));
    const schemaFile = operationSchemaFile(spec.profile, spec.operation, 'response');
    const paging = documentsPaging(spec)
      ? [
          {
            instance: 'next-link',
            requirement: `a valid ${spec.method.value} with $top=1 on a collection of more items answers an @odata.nextLink that is absolute, on the target's origin, and answers the next page as a ${what}`,
            level: body.level,
            source: body.collection?.source ?? body.source,
            data: { paging: true, schemaFile, odataType: undefined, body: undefined, rulings: [] },
          },
        ]
      : [];
    return [
      {
        instance: body.resource ?? 'body',
        requirement: `the answer to a valid request is a ${what}${body.resource ? '' : ` shaped as printed at ${cite(body.source)}`}${body.odataType ? ` with @odata.type ${body.odataType}` : ''}`,
        level: body.level,
        source: body.source,
        data: {
          schemaFile: operationSchemaFile(spec.profile, spec.operation, 'response'),
          odataType: body.odataType,
          body: validBody(input),
          rulings: rulingsOf(input.resources.find((r) => r.profile === spec.profile && r.resource === body.resource), input.decisions),
        },
      },
      ...paging,
    ];
  },
  async run(spec, { data, source }, ctx) {
    if (data.paging) return followNextLink(spec, data.schemaFile, source, ctx);
    const sent = await sendOnFreshState(spec, ctx, data.body);
    if (!sent.ok) return sent.outcome;
    const ex = sent.exchange;
    if (!ex.response) return noResponse(ex, ctx);
    const plain = evidenceOf(ex, ctx);
    const status = ex.response.status;
    if (status < 200 || status > 299) return errorOutcome(`no success answer to judge (status ${status}); status-code reports it`, plain);
    const cited = (message: string): [string, Evidence] => withRulings(message, plain, data.rulings);
    const evidence = cited('')[1];
    if (!ex.response.isJson) {
      return fail(`expected a JSON body (docs: ${cite(source)}), got ${ex.response.text.trim() === '' ? 'an empty body' : 'a body that is not JSON'}`, { ...evidence, expected: 'JSON', actual: ex.response.text.slice(0, 200) });
    }
    const problems = ctx.schemas.validate(data.schemaFile, ex.response.json);
    if (problems === undefined) return errorOutcome(`contract ${data.schemaFile} is missing (run callconform build)`, evidence);
    if (problems.length > 0) {
      const [message, withRuling] = cited(`expected a body matching ${data.schemaFile} (docs: ${cite(source)}), got: ${describeProblems(problems)}`);
      return fail(message, { ...withRuling, expected: data.schemaFile, actual: problems });
    }
    if (data.odataType !== undefined) {
      const got = (ex.response.json as Record<string, unknown> | null)?.['@odata.type'];
      if (got !== data.odataType) {
        return fail(`expected @odata.type ${JSON.stringify(data.odataType)} (docs: ${cite(source)}), got ${got === undefined ? 'none' : JSON.stringify(got)}`, { ...evidence, expected: data.odataType, actual: got ?? null });
      }
    }
    return pass(...cited(`the body matches ${data.schemaFile} (docs: ${cite(source)})`));
  },
});

/** The paging instance: `$top=1`, then the next link (on the target's origin only) answers the next page. */
async function followNextLink(spec: OperationSpec, schemaFile: string, source: Source, ctx: RunContext): Promise<Outcome> {
  const lease = await ctx.freshState(providerState(spec, templateOf(spec)));
  if (!lease.ok) return noState(lease, ctx);
  const first = buildRequest(spec, ctx, lease.ids, undefined);
  const firstEx = await ctx.send({ ...first, url: `${first.url}${first.url.includes('?') ? '&' : '?'}$top=1` });
  if (!firstEx.response) return noResponse(firstEx, ctx);
  const evidence = evidenceOfAll([firstEx], ctx);
  if (firstEx.response.status < 200 || firstEx.response.status > 299) return errorOutcome(`no success answer to $top=1 (status ${firstEx.response.status}); status-code judges the valid request`, evidence);
  const json = firstEx.response.json as Record<string, unknown> | null;
  const link = typeof json === 'object' && json !== null && !Array.isArray(json) ? json['@odata.nextLink'] : undefined;
  if (link === undefined) {
    const items = Array.isArray(json?.value) ? json.value.length : 0;
    return { verdict: 'skip', message: `no @odata.nextLink to follow: $top=1 answered ${items} item(s) and no next page (a collection of one item has none)`, evidence };
  }
  const docs = `docs: ${cite(source)}`;
  if (typeof link !== 'string' || !URL.canParse(link)) return fail(`expected an absolute @odata.nextLink (${docs}), got ${JSON.stringify(link)}`, { ...evidence, expected: 'absolute URL', actual: JSON.stringify(link) });
  if (!sameOrigin(link, ctx.target.origin)) return fail(`expected the @odata.nextLink on the target's origin ${ctx.target.origin} (${docs}), got ${new URL(link).origin}; not followed`, { ...evidence, expected: ctx.target.origin, actual: link });
  const next = await ctx.send({ method: 'GET', url: link, headers: first.headers });
  const both = evidenceOfAll([next, firstEx], ctx);
  if (!next.response) return noResponse(next, ctx, both);
  if (next.response.status !== 200) return fail(`GET ${link}: ${expectedGot('200 with the next page', source, String(next.response.status))}`, { ...both, expected: 200, actual: next.response.status });
  const problems = ctx.schemas.validate(schemaFile, next.response.json);
  if (problems === undefined) return errorOutcome(`contract ${schemaFile} is missing (run callconform build)`, both);
  if (problems.length > 0) return fail(`GET ${link}: expected a page matching ${schemaFile} (${docs}), got: ${describeProblems(problems)}`, { ...both, expected: schemaFile, actual: problems });
  return pass(`$top=1 answered an @odata.nextLink on the target's origin whose page matches ${schemaFile} (${docs})`, both);
}
