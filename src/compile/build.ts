/**
 * The compile stage: specs + decisions (+ findings) → contract files. Returns the files'
 * text by path relative to the contracts folder; the CLI writes or compares them.
 */
import type { Decision } from '../spec/decisions.js';
import type { Finding } from '../spec/finding.js';
import type { SpecSet } from '../spec/yaml-io.js';
import { checkDecisions, type GateProblem } from './decisions-gate.js';
import { openapiDocument, openapiFile, renderOpenapi, type SchemaCheck } from './openapi.js';
import { downgradeTo30, openapi30File } from './openapi-30.js';
import { planPact } from './pact-plan.js';
import type { PactWriteOptions } from './pact-limits.js';
import { writePact } from './pact-write.js';
import { compileStrict } from './schema-check.js';
import { compileSchemas } from './schemas.js';
import { rejectedExamples, type ExampleValidator } from './example-findings.js';
import { misspeltAnnotations } from './misspelt-annotations.js';
import { schemaConform } from './example-conform.js';
import { problemOf } from '../reference/schemas.js';
import { leaveOutUnruled, pactRefusals } from './left-out.js';

export function pactFile(profile: string): string {
  return `pacts/${profile}.json`;
}

/** Folders of the contracts folder that build owns (files elsewhere are left alone). */
export const CONTRACT_FOLDERS = ['schemas', 'pacts', 'openapi'] as const;

/**
 * `findings`: what building found in the specs themselves (examples the compiled schemas reject,
 * operations left out: `left-out.ts`).
 */
export type BuildResult = { ok: true; files: Map<string, string>; findings: Finding[]; leftOut: string[] } | { ok: false; problems: GateProblem[] };

export interface BuildOptions extends PactWriteOptions {
  /**
   * Whether a decisions file governs the build (default true): then an error-level finding without
   * a decision, a stale decision or an operation without a single success status refuses it;
   * otherwise the operations they concern are left out, each with a finding.
   */
  governed?: boolean;
}

/**
 * Build every contract file. A governed build refuses (problems, no files) when an error-level
 * finding has no decision, a decision is stale, or an operation has no single success status.
 */
export async function buildContracts(specs: SpecSet, decisions: Decision[], findings: Finding[], options: BuildOptions = {}): Promise<BuildResult> {
  const { governed = true, ...pact } = options;
  const problems = checkDecisions(findings, decisions, specs.operations, specs.resources);
  if (problems.length && governed) return { ok: false, problems };
  const unruled = leaveOutUnruled(problems, specs.operations);
  const set: SpecSet = { ...specs, operations: unruled.operations };
  const files = new Map<string, string>();
  const schemas = compileSchemas(set, decisions);
  // One compile serves the strict check, the example findings and the OpenAPI examples.
  const strict = compileStrict(schemas);
  if (!strict.set || strict.problems.length) throw new Error(`compiled schemas do not compile under ajv strict mode: ${strict.problems.join('; ')}`);
  for (const [file, schema] of schemas) files.set(file, `${JSON.stringify(schema, null, 2)}\n`);
  const { validator } = strict.set;
  const accepts: SchemaCheck = (file, value) => validator(file)(value);
  const errorsOf: ExampleValidator = (file, value) => {
    if (!schemas.has(file)) return undefined;
    const v = validator(file);
    return v(value) ? [] : [...(v.errors ?? [])];
  };
  const rejected = rejectedExamples(set.operations, errorsOf);
  const conformed = schemaConform(schemas, (file, value) => errorsOf(file, value)?.map(problemOf));
  const refused: Finding[] = [];
  const refusedKeys: string[] = [];
  const profiles = [...new Set(set.operations.map((o) => o.profile))].sort();
  for (const profile of profiles) {
    const written = await writePact(planPact(profile, set.operations, set.resources, decisions, conformed), pact);
    files.set(pactFile(profile), written.text);
    refused.push(...pactRefusals(profile, written.leftOut, set.operations));
    refusedKeys.push(...written.leftOut.map((l) => `${profile}/${l.operation}`));
    const openapi = openapiDocument(profile, set.operations, schemas, decisions, accepts);
    files.set(openapiFile(profile), renderOpenapi(openapi));
    files.set(openapi30File(profile), renderOpenapi(downgradeTo30(openapi), `: the OpenAPI 3.0.3 rendering of ../${profile}.yaml, for tools that read only 3.0`));
  }
  return { ok: true, files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), findings: [...unruled.findings, ...refused, ...rejected, ...misspeltAnnotations(set.operations)], leftOut: [...new Set([...unruled.left, ...refusedKeys])].sort() };
}
