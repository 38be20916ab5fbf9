/**
 * The scopes of the shipped permissions reference, read once by the build. The page is 200 KB of
 * markdown; parsing it took ≈ 0.4 s of every `lint` and `build` (and both of them in `start`).
 * The build writes the scopes it found next to this module with the digest of the page's bytes;
 * a reference whose bytes have that digest gets the written scopes, any other is parsed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../spec/atomic-write.js';
import { sha256Hex } from '../spec/digest.js';
import type { DefinedScope, PermissionsReference } from './permissions-reference.js';

/** Written by the build next to the compiled module (dist/lint/), never under src/. */
export const SNAPSHOT_FILE = fileURLToPath(new URL('./permissions-reference.generated.json', import.meta.url));

interface Snapshot {
  sha256: string;
  scopes: DefinedScope[];
}

/** The scopes written for exactly these bytes, as a reference cited as `name`; otherwise undefined. */
export function loadSnapshot(bytes: Uint8Array, name: string, file = SNAPSHOT_FILE): PermissionsReference | undefined {
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  } catch {
    return undefined; // none written (a run from src/), or unreadable
  }
  if (snapshot.sha256 !== sha256Hex(bytes) || !Array.isArray(snapshot.scopes)) return undefined;
  return { file: name, scopes: new Map(snapshot.scopes.map((s) => [s.name.toLowerCase(), s])) };
}

export function writeSnapshot(bytes: Uint8Array, reference: PermissionsReference, file = SNAPSHOT_FILE): void {
  const snapshot: Snapshot = { sha256: sha256Hex(bytes), scopes: [...reference.scopes.values()] };
  writeFileAtomic(file, `${JSON.stringify(snapshot)}\n`);
}
