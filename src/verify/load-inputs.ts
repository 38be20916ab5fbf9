/** Reading a run's inputs from disk (YAML specs, decisions, compiled schemas); the suite worker gets them as data instead. */
import { join } from 'node:path';
import { loadDecisions } from '../spec/decisions-file.js';
import { InputError } from '../spec/errors.js';
import { loadSpecs } from '../spec/yaml-io.js';
import { ContractSchemas } from './contract-schemas.js';
import type { Inputs } from './plan.js';

/** Read specs, decisions and contracts; a run without them is a configuration error (exit 2). */
export function loadInputs(specsDir: string, contractsDir: string): Inputs {
  const { operations, resources } = loadSpecs(specsDir);
  if (operations.length === 0) throw new InputError('no operation specs (run `callconform extract`)', { file: specsDir });
  const schemas = ContractSchemas.load(contractsDir);
  if (schemas.size === 0) throw new InputError('no compiled schemas under schemas/ (run `callconform build`)', { file: contractsDir });
  return { operations, resources, decisions: loadDecisions(join(specsDir, 'decisions.yaml')), schemas };
}
