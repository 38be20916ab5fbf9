/** What the reference server is built from: specs, rulings and compiled schemas, read from disk. */
import { join } from 'node:path';
import { type Decision } from '../spec/decisions.js';
import { loadDecisions } from '../spec/decisions-file.js';
import type { OperationSpec, ResourceSpec } from '../spec/model.js';
import { loadSpecs } from '../spec/yaml-io.js';
import { loadSchemaSet, type SchemaSet } from './schemas.js';

export interface ReferenceInputs {
  operations: OperationSpec[];
  resources: ResourceSpec[];
  decisions: Decision[];
  /** Compiled schemas by path relative to the schema folder. */
  schemas: SchemaSet;
  /** Shown in error messages: where the schemas were read. */
  schemaDir: string;
}

/** Read `specs/` (and `specs/decisions.yaml`) and `contracts/schemas/`. */
export function loadReferenceInputs(specsDir = 'specs', contractsDir = 'contracts'): ReferenceInputs {
  const { operations, resources } = loadSpecs(specsDir);
  const schemaDir = join(contractsDir, 'schemas');
  return {
    operations,
    resources,
    decisions: loadDecisions(join(specsDir, 'decisions.yaml')),
    schemas: loadSchemaSet(schemaDir),
    schemaDir,
  };
}
