/**
 * Turn a `drift` argument into specs: a spec YAML file, a doc page, a folder of either, a
 * service metadata file (CSDL `.xml`, see `metadata-specs.ts`), or a git ref of this repository
 * (`HEAD~3:specs`, `main:specs/sources/graph-v1.0/x.md`, or a bare commit meaning
 * `<commit>:specs`). Pages are extracted on the fly.
 *
 * Files read from git are written to a temporary folder (same relative paths, so the
 * extractor sees `specs/sources/<profile>/…`) and every source they cite is renamed back
 * to `REV:path`, so changes point at the revision they come from.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { extractFiles, profileOf } from '../extract/index.js';
import { isPageFile } from '../extract/page-files.js';
import { listFiles } from '../spec/list-files.js';
import { InputError } from '../spec/errors.js';
import type { Spec } from '../spec/model.js';
import { loadSpecFile } from '../spec/yaml-io.js';
import type { CsdlModel } from '../metadata/model.js';
import { readCsdl } from '../metadata/read-csdl.js';
import type { ComparedFacts } from './diff.js';
import { METADATA_FACT_KINDS, STATED_BY_METADATA_ONLY, describedByMetadata, metadataSpecs, metadataSpecsFor } from './metadata-specs.js';
import { gitListFiles, gitObjectType, gitReadFile, gitTopLevel, isCommit } from './git.js';

/** One side of the comparison before extraction. */
export interface DriftInput {
  /** The argument as given. */
  label: string;
  specFiles: string[];
  pageFiles: string[];
  /** A CSDL file: then the only file of the side. */
  metadataFile?: string;
  /** Local file → the name shown in changes and errors (`HEAD~3:specs/…`). */
  shownAs: Map<string, string>;
  /** Folder to remove when done (files read from git). */
  tempDir?: string;
}

const SPEC_EXT = /\.ya?ml$/i;
const METADATA_EXT = /\.xml$/i;

function isSpecFile(rel: string): boolean {
  const parts = rel.split(/[\\/]/);
  const name = parts[parts.length - 1] ?? '';
  return SPEC_EXT.test(name) && name !== 'decisions.yaml' && !parts.slice(0, -1).includes('sources');
}

/**
 * A folder is a spec folder when it holds spec YAML (outside `sources/`); otherwise its
 * pages are extracted. `specs/` with generated specs → the specs; `specs/sources` → the pages.
 */
function classify(files: string[], root: string): { specFiles: string[]; pageFiles: string[] } {
  const rel = (f: string) => relative(root, f);
  const specFiles = files.filter((f) => isSpecFile(rel(f)));
  if (specFiles.length > 0) return { specFiles, pageFiles: [] };
  return { specFiles: [], pageFiles: files.filter((f) => isPageFile(rel(f))) };
}

function fromPath(arg: string): DriftInput {
  const label = arg;
  if (statSync(arg).isDirectory()) {
    const { specFiles, pageFiles } = classify(listFiles(arg), arg);
    if (specFiles.length === 0 && pageFiles.length === 0) throw new InputError('no spec YAML and no doc pages (.md, .txt) in this folder', { file: arg });
    return { label, specFiles, pageFiles, shownAs: new Map() };
  }
  if (METADATA_EXT.test(arg)) return { label, specFiles: [], pageFiles: [], metadataFile: arg, shownAs: new Map() };
  return SPEC_EXT.test(arg) ? { label, specFiles: [arg], pageFiles: [], shownAs: new Map() } : { label, specFiles: [], pageFiles: [arg], shownAs: new Map() };
}

function fromGit(arg: string, cwd: string): DriftInput | undefined {
  const top = gitTopLevel(cwd);
  if (!top) return undefined;
  const colon = arg.indexOf(':');
  const rev = colon >= 0 ? arg.slice(0, colon) : arg;
  const path = (colon >= 0 ? arg.slice(colon + 1) : 'specs').replace(/^\.\//, '').replace(/\/+$/, '') || '.';
  // A leading dash would reach git as an option.
  if (rev === '' || rev.startsWith('-')) return undefined;
  if (!isCommit(top, rev)) {
    if (colon < 0) return undefined;
    throw new InputError(`not a file or folder, and "${rev}" is not a commit of this repository`, { file: arg });
  }
  const type = gitObjectType(top, `${rev}:${path === '.' ? '' : path}`);
  if (!type) throw new InputError(`"${path}" does not exist at ${rev}`, { file: arg });
  const files = type === 'blob' ? [path] : gitListFiles(top, rev, path);
  const tempDir = mkdtempSync(join(tmpdir(), 'callconform-drift-'));
  const shownAs = new Map<string, string>();
  try {
    const root = type === 'blob' ? tempDir : join(tempDir, path);
    const local = files.map((f) => join(tempDir, f));
    const blob = (): Pick<DriftInput, 'specFiles' | 'pageFiles' | 'metadataFile'> =>
      METADATA_EXT.test(path) ? { specFiles: [], pageFiles: [], metadataFile: local[0]! } : SPEC_EXT.test(path) ? { specFiles: local, pageFiles: [] } : { specFiles: [], pageFiles: local };
    const wanted: Pick<DriftInput, 'specFiles' | 'pageFiles' | 'metadataFile'> = type === 'blob' ? blob() : classify(local, root);
    for (const file of [...wanted.specFiles, ...wanted.pageFiles, ...(wanted.metadataFile ? [wanted.metadataFile] : [])]) {
      const repoPath = relative(tempDir, file).split(sep).join('/');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, gitReadFile(top, rev, repoPath));
      shownAs.set(file, `${rev}:${repoPath}`);
    }
    if (wanted.specFiles.length === 0 && wanted.pageFiles.length === 0 && !wanted.metadataFile) throw new InputError(`no spec YAML and no doc pages under "${path}" at ${rev}`, { file: arg });
    return { label: arg, ...wanted, shownAs, tempDir };
  } catch (err) {
    rmSync(tempDir, { recursive: true, force: true });
    throw err;
  }
}

/** Resolve a `drift` argument; an argument that is neither a path nor a git ref is an InputError naming it. */
export function resolveInput(arg: string, cwd = process.cwd()): DriftInput {
  if (arg.trim() === '') throw new InputError('empty argument: expected a doc page, a spec folder or a git ref (REV:path)', { file: '(argument)' });
  if (existsSync(arg)) return fromPath(arg);
  const fromRef = fromGit(arg, cwd);
  if (fromRef) return fromRef;
  throw new InputError('not a file, a folder or a git ref of this repository (expected e.g. HEAD~3:specs)', { file: arg });
}

/** The profile folder a page sits in (`…/sources/<profile>/…`), if it does. */
export function sourcesProfile(file: string): string | undefined {
  const parts = file.split(/[\\/]/);
  const i = parts.lastIndexOf('sources');
  return i >= 0 && i + 2 < parts.length ? parts[i + 1] : undefined;
}

/** Map every file a spec cites (`source.file`, `deprecation.file`, `sources[]`). */
function mapFiles(spec: Spec, rename: (file: string) => string): Spec {
  const walk = (v: unknown, key?: string): unknown => {
    if (Array.isArray(v)) return v.map((item) => (key === 'sources' && typeof item === 'string' ? rename(item) : walk(item)));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) out[k] = k === 'file' && typeof inner === 'string' ? rename(inner) : walk(inner, k);
      return out;
    }
    return v;
  };
  return walk(spec) as Spec;
}

function rethrowShown(err: unknown, shownAs: Map<string, string>): never {
  if (err instanceof InputError && err.where && shownAs.has(err.where.file)) {
    throw new InputError(err.message, { ...err.where, file: shownAs.get(err.where.file) as string });
  }
  throw err;
}

function loadSpecFiles(input: DriftInput): Spec[] {
  try {
    return input.specFiles.map((file) => {
      const spec = loadSpecFile(file);
      const shown = input.shownAs.get(file);
      // A spec read from git cites pages of that revision: say so (`HEAD~3:specs/sources/…:49`).
      const rev = shown === undefined ? undefined : shown.slice(0, shown.indexOf(':') + 1);
      return rev === undefined ? spec : mapFiles(spec, (f) => rev + f);
    });
  } catch (err) {
    rethrowShown(err, input.shownAs);
  }
}

/** Profiles a side names before extraction: those of its specs and of its `sources/<profile>/` pages or metadata. */
export function knownProfiles(input: DriftInput): Set<string> {
  const out = new Set<string>();
  for (const f of [...input.pageFiles, ...(input.metadataFile ? [input.metadataFile] : [])]) {
    const p = sourcesProfile(f);
    if (p) out.add(p);
  }
  for (const s of loadSpecFiles(input)) out.add(s.profile);
  return out;
}

export interface ProfileChoice {
  /** `--profile`: the profile of every page of this side. */
  forced?: string;
  /** For pages outside `sources/<profile>/`: the other side's only profile, so an edited copy compares with its original. */
  fallback?: string;
}

/** Specs of one side: its spec YAML as written, its pages extracted now. */
export function loadInput(input: DriftInput, profiles: ProfileChoice = {}): Spec[] {
  const specs = loadSpecFiles(input);
  try {
    const groups = new Map<string | undefined, string[]>();
    for (const file of input.pageFiles) {
      const profile = profiles.forced ?? (sourcesProfile(file) === undefined ? profiles.fallback : undefined);
      groups.set(profile, [...(groups.get(profile) ?? []), file]);
    }
    for (const [profile, files] of groups) {
      const { specs: extracted } = extractFiles(files, profile === undefined ? {} : { profile });
      specs.push(...extracted.map((s) => mapFiles(s, (f) => input.shownAs.get(f) ?? f)));
    }
    return specs;
  } catch (err) {
    rethrowShown(err, input.shownAs);
  }
}

/** The profile a metadata side stands for: `--profile`, its `sources/<profile>/` folder, else the other side's, else its own folder's. */
function metadataProfile(file: string, profiles: ProfileChoice): string {
  return profiles.forced ?? sourcesProfile(file) ?? profiles.fallback ?? profileOf(file);
}

export interface LoadedSides {
  old: Spec[];
  new: Spec[];
  /** Set when one side is metadata and the other is not: only what both can state is compared. */
  compared?: ComparedFacts;
}

/**
 * Both sides' specs. Two metadata files are compared whole, under one profile. A metadata file
 * against pages or specs is read through them (`metadataSpecsFor`): the pages of the metadata's
 * profile (when `--profile` or a `sources/<profile>/` folder names it) decide what is compared,
 * and only the kinds of fact both can state take part.
 */
export function loadSides(oldInput: DriftInput, newInput: DriftInput, profiles: { old: ProfileChoice; new: ProfileChoice }): LoadedSides {
  const read = (input: DriftInput, file: string): CsdlModel => readCsdl(file, input.shownAs.get(file) ?? file);
  const oldMeta = oldInput.metadataFile;
  const newMeta = newInput.metadataFile;
  if (oldMeta && newMeta) {
    const profile = metadataProfile(oldMeta, profiles.old);
    return { old: metadataSpecs(read(oldInput, oldMeta), profile), new: metadataSpecs(read(newInput, newMeta), profile) };
  }
  if (!oldMeta && !newMeta) return { old: loadInput(oldInput, profiles.old), new: loadInput(newInput, profiles.new) };
  const [metaInput, docsInput, metaFile] = oldMeta ? [oldInput, newInput, oldMeta] : [newInput, oldInput, newMeta!];
  const named = (oldMeta ? profiles.old : profiles.new).forced ?? sourcesProfile(metaFile);
  const docs = loadInput(docsInput, oldMeta ? profiles.new : profiles.old).filter((s) => (named === undefined || s.profile === named) && describedByMetadata(s));
  if (docs.length === 0) throw new InputError(`no resource or action page${named ? ` of profile ${named}` : ''} to compare the metadata with`, { file: docsInput.label });
  const metadata = metadataSpecsFor(read(metaInput, metaFile), docs);
  const compared = { kinds: METADATA_FACT_KINDS, bothSidesOnly: STATED_BY_METADATA_ONLY };
  return oldMeta ? { old: metadata, new: docs, compared } : { old: docs, new: metadata, compared };
}

export function disposeInput(input: DriftInput): void {
  if (input.tempDir) rmSync(input.tempDir, { recursive: true, force: true });
}
