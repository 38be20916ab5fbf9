/**
 * Every example a spec documents, checked against the schema compiled for it: a request example
 * against the request body schema, the response example against the response schema, a
 * notification example against the notification schema. An example the contract rejects is an
 * `example-rejected` finding of `build` (the OpenAPI leaves it out: a peer would refuse it; the pact
 * carries it made schema-valid, `example-conform.ts`).
 */
import type { ErrorObject } from 'ajv';
import type { Finding } from '../spec/finding.js';
import type { ExampleFact, OperationSpec } from '../spec/model.js';
import { operationSchemaFile, type SchemaRole } from './json-schema.js';
import { asJson } from './property-schema.js';

/** Validates a value against a contract file's schema; undefined when no such schema exists, else the errors (empty when accepted). */
export type ExampleValidator = (file: string, value: unknown) => ErrorObject[] | undefined;

function examplesOf(op: OperationSpec): Array<{ role: SchemaRole; example: ExampleFact }> {
  const body = op.request.body;
  return [
    ...[body?.example, ...(body?.moreExamples ?? [])].flatMap((e) => (e ? [{ role: 'request' as const, example: e }] : [])),
    ...(op.response.body?.example ? [{ role: 'response' as const, example: op.response.body.example }] : []),
    ...op.notifications.flatMap((n) => (n.example ? [{ role: 'notification' as const, example: n.example }] : [])),
  ];
}

function describe(errors: ErrorObject[]): string {
  return errors
    .slice(0, 3)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.keyword === 'enum' ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})` : ''}`)
    .join('; ');
}

export function rejectedExamples(operations: readonly OperationSpec[], validate: ExampleValidator): Finding[] {
  const out: Finding[] = [];
  for (const op of operations) {
    const seen = new Map<SchemaRole, number>();
    for (const { role, example } of examplesOf(op)) {
      const n = (seen.get(role) ?? 0) + 1;
      seen.set(role, n);
      const file = operationSchemaFile(op.profile, op.operation, role);
      const errors = validate(file, asJson(example.json));
      if (!errors?.length) continue;
      out.push({
        id: `example-rejected/${op.profile}/${op.operation}/${role}${n > 1 ? `-${n}` : ''}`,
        rule: 'example-rejected',
        severity: 'warning',
        message: `the ${role} example is rejected by ${file}: ${describe(errors)}; it is left out of the OpenAPI${role === 'notification' ? '' : ', and the pact carries it made schema-valid'}`,
        source: example.source,
        data: { schema: file, errors: errors.length },
      });
    }
  }
  return out;
}
