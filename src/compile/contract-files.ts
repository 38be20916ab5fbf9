/**
 * Contract files on disk: compare a fresh build with them (`build --check`) and write it.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { listFiles } from '../spec/list-files.js';
import { writeFilesAtomic } from '../spec/atomic-write.js';
import { CONTRACT_FOLDERS } from './build.js';

/** Files under the build-owned folders of `outDir`, relative with `/`, sorted. */
export function contractFilesOnDisk(outDir: string): string[] {
  return CONTRACT_FOLDERS.map((folder) => join(outDir, folder))
    .filter((dir) => existsSync(dir))
    .flatMap((dir) => listFiles(dir))
    .map((full) => relative(outDir, full).split(sep).join('/'))
    .sort();
}

export interface ContractDiff {
  /** New or different content. */
  changed: string[];
  /** On disk but not produced by the build any more. */
  deleted: string[];
}

export function diffContracts(outDir: string, files: ReadonlyMap<string, string>): ContractDiff {
  const changed = [...files].filter(([f, text]) => {
    const full = join(outDir, f);
    return !existsSync(full) || readFileSync(full, 'utf8') !== text;
  });
  const deleted = contractFilesOnDisk(outDir).filter((f) => !files.has(f));
  return { changed: changed.map(([f]) => f), deleted };
}

/** Write the changed files, all or nothing (a full disk leaves the previous set), then delete the stale ones. */
export function writeContracts(outDir: string, files: ReadonlyMap<string, string>): ContractDiff {
  const diff = diffContracts(outDir, files);
  writeFilesAtomic(diff.changed.map((f) => [join(outDir, f), files.get(f)!] as const));
  for (const f of diff.deleted) rmSync(join(outDir, f));
  return diff;
}
