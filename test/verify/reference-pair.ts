/**
 * Reference servers for CLI tests of verify, started once per file with a temp folder for
 * reports: `useReference` one server (optionally with faults), `useReferencePair` two — clean,
 * and with one fault (clientContext over 256 characters accepted). `reportsDir()` gives a fresh
 * folder per run.
 */
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startReference, type ReferenceServer } from '../../src/reference/server.js';
import { tempDir } from '../helpers.js';

export interface ReferenceUse {
  server: () => ReferenceServer;
  reportsDir: () => string;
  outDir: string;
}

export function useReference(token: string, faults: string[] = []): ReferenceUse {
  let server: ReferenceServer | undefined;
  const out = tempDir();
  let n = 0;
  beforeAll(async () => {
    server = await startReference({ port: 0, token, ...(faults.length > 0 ? { faults } : {}) });
  });
  afterAll(async () => {
    await server?.close();
    out.cleanup();
  });
  return { server: () => server!, reportsDir: () => join(out.dir, `r${n++}`), outDir: out.dir };
}

export interface ReferencePair {
  clean: () => ReferenceServer;
  faulty: () => ReferenceServer;
  /** The check the fault makes fail on graph-v1.0. */
  fault: string;
  reportsDir: () => string;
  outDir: string;
}

export function useReferencePair(token: string): ReferencePair {
  const clean = useReference(token);
  const faulty = useReference(token, ['accept-over-max-length']);
  return {
    clean: clean.server,
    faulty: faulty.server,
    fault: 'graph-v1.0/updateRecordingStatus/max-length/clientContext-257',
    reportsDir: clean.reportsDir,
    outDir: clean.outDir,
  };
}
