import { describe, expect, it } from 'vitest';
import { misspeltAnnotations, withoutMisspeltAnnotations } from '../../src/compile/misspelt-annotations.js';
import { updateLine } from '../reference/fixtures.js';
import type { OperationSpec } from '../../src/spec/model.js';

function withExample(json: unknown): OperationSpec {
  const op = structuredClone(updateLine);
  op.response.body = { ...op.response.body!, example: { source: { file: 'specs/sources/tel-beta/call-update.md', line: 30 }, json } };
  return op;
}

describe('OData annotations printed without their @', () => {
  it('are left out of what the pact expects, at every depth; annotations with @ and other dotted keys stay', () => {
    const body = { 'odata.context': 'c', '@odata.context': 'c', 'x.y': 1, value: [{ 'odata.etag': 'e', id: '1' }] };
    expect(withoutMisspeltAnnotations(body)).toEqual({ '@odata.context': 'c', 'x.y': 1, value: [{ id: '1' }] });
  });

  it('are a warning finding citing the example, one per operation', () => {
    const findings = misspeltAnnotations([withExample({ 'odata.context': 'c', value: [{ 'odata.type': 't' }] }), withExample({ '@odata.context': 'c' })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'annotation-misspelt', severity: 'warning', id: 'annotation-misspelt/tel-beta/updateLine', source: { file: 'specs/sources/tel-beta/call-update.md', line: 30 } });
    expect(findings[0]!.message).toContain('"odata.context", "odata.type"');
  });
});
