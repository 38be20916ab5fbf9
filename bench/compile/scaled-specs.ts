/**
 * Spec sets scaled from a real extracted operation (the seed profile graph-v1.0), for benches
 * that need a given number of interactions or a given enum size. Each copy is a distinct
 * operation (its own name and path), so Pact sees distinct interactions.
 */
import { resolve } from 'node:path';
import type { OperationSpec } from '../../src/spec/model.js';
import { loadSpecs, type SpecSet } from '../../src/spec/yaml-io.js';

const SEED_SPECS = resolve(import.meta.dirname, '../../specs');

export function seedOperation(): { set: SpecSet; operation: OperationSpec } {
  const set = loadSpecs(SEED_SPECS);
  const operation = set.operations.find((o) => o.profile === 'graph-v1.0');
  if (!operation) throw new Error('the seed profile graph-v1.0 has no operation');
  return { set, operation };
}

/** `copies` renamed copies of the seed operation in profile `profile`. */
export function copiesOf(operation: OperationSpec, copies: number, profile = 'bench'): OperationSpec[] {
  return Array.from({ length: copies }, (_, n) => {
    const copy = structuredClone(operation);
    copy.profile = profile;
    copy.operation = `${operation.operation}${n}`;
    copy.paths = copy.paths.map((p) => ({ ...p, template: p.template.replace(/\/([^/]+)$/, `/$1${n}`) }));
    return copy;
  });
}

/** The seed operation with its first enum-free string body parameter given `size` enum values. */
export function withEnumOf(operation: OperationSpec, size: number, profile = 'bench'): OperationSpec {
  const copy = copiesOf(operation, 1, profile)[0]!;
  const param = copy.request.body?.parameters.find((p) => p.type === 'string' && !p.enum) ?? copy.request.body?.parameters[0];
  if (!param) throw new Error('the seed operation has no body parameter to give an enum');
  param.type = 'string';
  param.enum = { values: Array.from({ length: size }, (_, n) => `value${n}`), source: param.source, level: 'MUST' };
  return copy;
}
