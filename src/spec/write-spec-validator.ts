/** Build step (`npm run build:ts`): write the generated spec validator next to the compiled modules. */
import { readFileSync } from 'node:fs';
import { STANDALONE_FILE, writeStandalone } from './standalone-validator.js';
import { specSchemaPath } from './validate.js';

writeStandalone(readFileSync(specSchemaPath, 'utf8'));
process.stdout.write(`wrote ${STANDALONE_FILE}\n`);
