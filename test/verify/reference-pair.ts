/**
 * The two reference servers CLI tests of verify run against — clean, and with one fault
 * (clientContext over 256 characters accepted) — started once per file, with a temp folder for
 * reports; `reportsDir()` gives a fresh folder under it per run.
 */
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startReference, type ReferenceServer } from '../../src/reference/server.js';
import { tempDir } from '../helpers.js';

export interface ReferencePair {
  clean: () => ReferenceServer;
  faulty: () => ReferenceServer;
  /** The check the fault makes fail on graph-v1.0. */
  fault: string;
  reportsDir: () => string;
  outDir: string;
}

export function useReferencePair(token: string): ReferencePair {
  let clean: ReferenceServer | undefined;
  let faulty: ReferenceServer | undefined;
  const out = tempDir();
  let n = 0;
  beforeAll(async () => {
    clean = await startReference({ port: 0, token });
    faulty = await startReference({ port: 0, token, faults: ['accept-over-max-length'] });
  });
  afterAll(async () => {
    await clean?.close();
    await faulty?.close();
    out.cleanup();
  });
  return {
    clean: () => clean!,
    faulty: () => faulty!,
    fault: 'graph-v1.0/updateRecordingStatus/max-length/clientContext-257',
    reportsDir: () => join(out.dir, `r${n++}`),
    outDir: out.dir,
  };
}
