/**
 * Turn a `drift` argument into specs: a spec YAML file, a doc page, a folder of either, or a
 * git ref of this repository (`HEAD~3:specs`, `main:specs/sources/graph-v1.0/x.md`, or a
 * bare commit meaning `<commit>:specs`). Pages are extracted on the fly.
 *
 * Files read from git are written to a temporary folder (same relative paths, so the
 * extractor sees `specs/sources/<profile>/…`) and every source they cite is renamed back
 * to `REV:path`, so changes point at the revision they come from.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { extractFiles } from '../extract/index.js';
import { InputError } from '../spec/errors.js';
import type { Spec } from '../spec/model.js';
import { loadSpecFile } from '../spec/yaml-io.js';
import { gitListFiles, gitObjectType, gitReadFile, gitTopLevel, isCommit } from './git.js';

/** One side of the comparison before extraction. */
export interface DriftInput {
  /** The argument as given. */
  label: string;
  specFiles: string[];
  pageFiles: string[];
  /** Local file → the name shown in changes and errors (`HEAD~3:specs/…`). */
  shownAs: Map<string, string>;
  /** Folder to remove when done (files read from git). */
  tempDir?: string;
}

const PAGE_EXT = /\.(md|markdown|txt)$/i;
const SPEC_EXT = /\.ya?ml$/i;
const NOT_A_PAGE = /^(SOURCES|README|LICENSE|CHANGELOG)(\.|$)/i;

function isSpecFile(rel: string): boolean {
  const parts = rel.split(/[\\/]/);
  const name = parts[parts.length - 1] ?? '';
  return SPEC_EXT.test(name) && name !== 'decisions.yaml' && !parts.slice(0, -1).includes('sources');
}

function isPageFile(rel: string): boolean {
  const name = rel.split(/[\\/]/).pop() ?? '';
  return PAGE_EXT.test(name) && !NOT_A_PAGE.test(name) && !name.startsWith('.');
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
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
  return SPEC_EXT.test(arg) ? { label, specFiles: [arg], pageFiles: [], shownAs: new Map() } : { label, specFiles: [], pageFiles: [arg], shownAs: new Map() };
}

function fromGit(arg: string, cwd: string): DriftInput | undefined {
  const top = gitTopLevel(cwd);
  if (!top) return undefined;
  const colon = arg.indexOf(':');
  const rev = colon >= 0 ? arg.slice(0, colon) : arg;
  const path = (colon >= 0 ? arg.slice(colon + 1) : 'specs').replace(/^\.\//, '').replace(/\/+$/, '');
  if (rev === '' || !isCommit(top, rev)) return undefined;
  const type = gitObjectType(top, `${rev}:${path}`);
  if (!type) throw new InputError(`"${path}" does not exist at ${rev}`, { file: arg });
  const files = type === 'blob' ? [path] : gitListFiles(top, rev, path);
  const tempDir = mkdtempSync(join(tmpdir(), 'callconform-drift-'));
  const shownAs = new Map<string, string>();
  try {
    const root = type === 'blob' ? tempDir : join(tempDir, path);
    const local = files.map((f) => join(tempDir, f));
    const wanted =
      type === 'blob' ? { specFiles: SPEC_EXT.test(path) ? local : [], pageFiles: SPEC_EXT.test(path) ? [] : local } : classify(local, root);
    for (const file of [...wanted.specFiles, ...wanted.pageFiles]) {
      const repoPath = relative(tempDir, file).split(sep).join('/');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, gitReadFile(top, rev, repoPath));
      shownAs.set(file, `${rev}:${repoPath}`);
    }
    if (wanted.specFiles.length === 0 && wanted.pageFiles.length === 0) throw new InputError(`no spec YAML and no doc pages under "${path}" at ${rev}`, { file: arg });
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

/** Replace every cited file name found in `shownAs` (in place), walking the whole spec. */
function renameSources<T>(value: T, shownAs: Map<string, string>): T {
  if (shownAs.size === 0) return value;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) {
        out[k] = (k === 'file' || k === 'sources') && typeof inner === 'string' ? (shownAs.get(inner) ?? inner) : walk(inner);
      }
      return out;
    }
    return typeof v === 'string' ? (shownAs.get(v) ?? v) : v;
  };
  return walk(value) as T;
}

/** `REV:` prefix for the sources a spec YAML read from git cites (pages of that revision). */
function prefixRevision(spec: Spec, input: DriftInput, specFile: string): Spec {
  const shown = input.shownAs.get(specFile);
  if (!shown) return spec;
  const rev = shown.slice(0, shown.indexOf(':') + 1);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) {
        if (k === 'source' && inner && typeof inner === 'object' && typeof (inner as { file?: unknown }).file === 'string') {
          out[k] = { ...(inner as object), file: rev + (inner as { file: string }).file };
        } else if (k === 'deprecation' && inner && typeof inner === 'object') {
          out[k] = { ...(inner as object), file: rev + (inner as { file: string }).file };
        } else out[k] = walk(inner);
      }
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

/** Profiles a side names without extraction: those of its spec files and of `sources/<profile>/` pages. */
export function knownProfiles(input: DriftInput): Set<string> {
  const out = new Set<string>();
  for (const f of input.pageFiles) {
    const p = sourcesProfile(f);
    if (p) out.add(p);
  }
  for (const f of input.specFiles) {
    const p = f.split(/[\\/]/).slice(-3);
    // specs/<profile>/<op>.yaml or specs/<profile>/resources/<r>.yaml
    const profile = p[1] === 'resources' ? p[0] : p[1];
    if (profile && p.length === 3) out.add(profile);
  }
  return out;
}

/**
 * Specs of one side. Pages outside `sources/<profile>/` get `profile` (from `--profile`, or
 * the other side's only profile) so that an edited copy in a temp folder compares with the
 * original.
 */
export function loadInput(input: DriftInput, profile: string | undefined): Spec[] {
  try {
    const specs: Spec[] = [];
    for (const file of input.specFiles) specs.push(prefixRevision(loadSpecFile(file), input, file));
    const inSources = input.pageFiles.filter((f) => sourcesProfile(f) !== undefined && profile === undefined);
    const elsewhere = input.pageFiles.filter((f) => !inSources.includes(f));
    for (const group of [inSources, elsewhere]) {
      if (group.length === 0) continue;
      const { specs: extracted } = extractFiles(group, group === elsewhere && profile !== undefined ? { profile } : {});
      specs.push(...extracted.map((s) => renameSources(s, input.shownAs)));
    }
    return specs;
  } catch (err) {
    rethrowShown(err, input.shownAs);
  }
}

export function disposeInput(input: DriftInput): void {
  if (input.tempDir) rmSync(input.tempDir, { recursive: true, force: true });
}
