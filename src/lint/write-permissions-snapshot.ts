/** Build step (`npm run build:ts`): write the shipped permissions reference's scopes next to the compiled modules. */
import { readFileSync } from 'node:fs';
import { DEFAULT_PERMISSIONS_REFERENCE } from './paths.js';
import { parsePermissionsReference } from './permissions-reference.js';
import { SNAPSHOT_FILE, writeSnapshot } from './permissions-snapshot.js';

const bytes = readFileSync(DEFAULT_PERMISSIONS_REFERENCE);
writeSnapshot(bytes, parsePermissionsReference(DEFAULT_PERMISSIONS_REFERENCE, bytes));
process.stdout.write(`wrote ${SNAPSHOT_FILE}\n`);
