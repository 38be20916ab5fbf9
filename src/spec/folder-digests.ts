/**
 * Digests of the folders a run read (specs, source pages, contracts): every file's SHA-256 by its
 * path relative to the folder, `/`-separated, so a report or certificate made on one machine can
 * be checked against a checkout on another.
 */
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { listFiles } from './list-files.js';
import { sha256Hex } from './digest.js';
import { INPUT_LIMITS, readInputFile } from './read-input.js';

/** Relative path → SHA-256 (hex), in path order. */
export type FolderDigests = Record<string, string>;

/** Every file under `dir` except those below one of `exclude` (folders relative to `dir`). A missing folder has no files. */
export function folderDigests(dir: string, exclude: readonly string[] = []): FolderDigests {
  if (!existsSync(dir)) return {};
  const out: FolderDigests = {};
  for (const file of listFiles(dir)) {
    const rel = relative(dir, file).split(sep).join('/');
    if (exclude.some((e) => rel.startsWith(`${e}/`))) continue;
    out[rel] = sha256Hex(readInputFile(file, INPUT_LIMITS.contract, 'input file'));
  }
  return out;
}

export interface DigestDifference {
  /** In both, with other contents. */
  changed: string[];
  /** Certified but absent now. */
  missing: string[];
  /** Present now but not certified. */
  added: string[];
}

export function compareDigests(certified: FolderDigests, actual: FolderDigests): DigestDifference {
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [path, digest] of Object.entries(certified)) {
    if (!(path in actual)) missing.push(path);
    else if (actual[path] !== digest) changed.push(path);
  }
  const added = Object.keys(actual).filter((p) => !(p in certified));
  return { changed, missing, added };
}

export function isSame(d: DigestDifference): boolean {
  return d.changed.length + d.missing.length + d.added.length === 0;
}

/** The input folders of a run, as a certificate names them. */
export function inputDigests(specsDir: string, contractsDir: string): CertifiedInputs {
  return {
    specs: folderDigests(specsDir, ['sources']),
    sources: folderDigests(join(specsDir, 'sources')),
    contracts: folderDigests(contractsDir),
  };
}

export interface CertifiedInputs {
  /** specs/ without specs/sources/: the operation specs, decisions.yaml, spec.schema.json. */
  specs: FolderDigests;
  /** specs/sources/: the documentation pages exactly as published, and SOURCES.md. */
  sources: FolderDigests;
  /** contracts/: JSON Schemas, Pact files, OpenAPI documents. */
  contracts: FolderDigests;
}
