/**
 * Validation of report.json against `report.schema.json` (JSON Schema 2020-12, ajv strict), plus
 * the rules a schema cannot state: the summary counts the results.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import reportSchema from './report.schema.json' with { type: 'json' };
import type { Report } from './result.js';
import { summarize } from './verdict.js';

// ajv-formats is CommonJS: its default export arrives wrapped under NodeNext resolution.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export { reportSchema };

let validator: ValidateFunction<Report> | undefined;

function reportValidator(): ValidateFunction<Report> {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    validator = ajv.compile<Report>(reportSchema);
  }
  return validator;
}

/** Problems of a would-be report.json, each `/json/pointer: message`; empty when it is valid. */
export function checkReport(value: unknown): string[] {
  const validate = reportValidator();
  if (!validate(value)) {
    return (validate.errors ?? []).map((e) => {
      const extra = e.params as { additionalProperty?: string };
      const detail = extra.additionalProperty ? `unknown field "${extra.additionalProperty}"` : (e.message ?? 'invalid');
      return `${e.instancePath || '/'}: ${detail}`;
    });
  }
  const counted = summarize(value.results);
  const problems: string[] = [];
  for (const key of Object.keys(counted) as (keyof Report['summary'])[]) {
    if (counted[key] !== value.summary[key]) problems.push(`/summary/${key}: says ${value.summary[key]}, results have ${counted[key]}`);
  }
  return problems;
}
