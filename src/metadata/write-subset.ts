/**
 * Cut a profile's metadata out of a service's CSDL (see `subset.ts`):
 *   node dist/metadata/write-subset.js IN.xml OUT.xml ORIGIN TYPE,TYPE… OPERATION,OPERATION…
 * ORIGIN is how the provenance comments name the original (a path and commit, say).
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../spec/atomic-write.js';
import { parseCsdl } from './read-csdl.js';
import { csdlSubset } from './subset.js';

const [input, output, origin, types, operations] = process.argv.slice(2);
if (!input || !output || !origin || !types) {
  process.stderr.write('usage: write-subset IN.xml OUT.xml ORIGIN TYPE[,TYPE…] [OPERATION[,OPERATION…]]\n');
  process.exit(2);
}
const text = readFileSync(input, 'utf8');
const subset = csdlSubset(text, parseCsdl(text, input), { types: types.split(','), operations: operations ? operations.split(',') : [] }, origin);
writeFileAtomic(output, subset);
process.stdout.write(`wrote ${output} (${subset.split('\n').length - 1} lines)\n`);
