/**
 * response-schema: the body of the answer to a valid request validates against the compiled
 * response schema (the documented resource, or the documented reply as printed), and carries
 * the `@odata.type` the page's example shows, when it shows one. Where the sources of the
 * returned resource disagree (an enum the page, enums.md and the metadata spell differently) and
 * specs/decisions.yaml rules on it, the result cites every source and the ruling.
 */
import { ruledEnumValues, type Decision } from '../../spec/decisions.js';
import type { Evidence } from '../../report/result.js';
import type { ResourceSpec } from '../../spec/model.js';
import { describeProblems, operationSchemaFile } from '../contract-schemas.js';
import { evidenceOf } from '../evidence.js';
import { cite, type Json } from '../facts.js';
import { errorOutcome, fail, noResponse, pass, sendOnFreshState, validBody } from './common.js';
import { defineCheck } from './types.js';

interface Data {
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
    const body = spec.response.body;
    if (!body) return [];
    const what = body.resource ?? (body.example ? 'documented reply' : 'response body');
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
    ];
  },
  async run(spec, { data, source }, ctx) {
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
