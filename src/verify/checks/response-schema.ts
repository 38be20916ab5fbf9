/**
 * response-schema: the body of the answer to a valid request validates against the compiled
 * response schema (the documented resource, or the documented reply as printed), and carries
 * the `@odata.type` the page's example shows, when it shows one.
 */
import { describeProblems, operationSchemaFile } from '../contract-schemas.js';
import { evidenceOf } from '../evidence.js';
import { cite, type Json } from '../facts.js';
import { errorOutcome, fail, noResponse, pass, sendOnFreshState, validBody } from './common.js';
import { defineCheck } from './types.js';

interface Data {
  schemaFile: string;
  odataType: string | undefined;
  body: Record<string, Json> | undefined;
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
        data: { schemaFile: operationSchemaFile(spec.profile, spec.operation, 'response'), odataType: body.odataType, body: validBody(input) },
      },
    ];
  },
  async run(spec, { data, source }, ctx) {
    const sent = await sendOnFreshState(spec, ctx, data.body);
    if (!sent.ok) return sent.outcome;
    const ex = sent.exchange;
    if (!ex.response) return noResponse(ex, ctx);
    const evidence = evidenceOf(ex, ctx);
    const status = ex.response.status;
    if (status < 200 || status > 299) return errorOutcome(`no success answer to judge (status ${status}); status-code reports it`, evidence);
    if (!ex.response.isJson) {
      return fail(`expected a JSON body (docs: ${cite(source)}), got ${ex.response.text.trim() === '' ? 'an empty body' : 'a body that is not JSON'}`, { ...evidence, expected: 'JSON', actual: ex.response.text.slice(0, 200) });
    }
    const problems = ctx.schemas.validate(data.schemaFile, ex.response.json);
    if (problems === undefined) return errorOutcome(`contract ${data.schemaFile} is missing (run callconform build)`, evidence);
    if (problems.length > 0) {
      return fail(`expected a body matching ${data.schemaFile} (docs: ${cite(source)}), got: ${describeProblems(problems)}`, { ...evidence, expected: data.schemaFile, actual: problems });
    }
    if (data.odataType !== undefined) {
      const got = (ex.response.json as Record<string, unknown> | null)?.['@odata.type'];
      if (got !== data.odataType) {
        return fail(`expected @odata.type ${JSON.stringify(data.odataType)} (docs: ${cite(source)}), got ${got === undefined ? 'none' : JSON.stringify(got)}`, { ...evidence, expected: data.odataType, actual: got ?? null });
      }
    }
    return pass(`the body matches ${data.schemaFile} (docs: ${cite(source)})`, evidence);
  },
});
