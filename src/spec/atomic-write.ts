/**
 * Writing output files without destroying what is at the path. A regular file (or a new path) is
 * replaced atomically: readers see the old content or the new one, never a half-written file. A
 * symlink is followed and its target written that way, so the link stays a link. A character
 * device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written to directly, as a shell
 * redirection would: renaming a file over it would turn the device into a regular file. A folder,
 * a socket or a block device is refused.
 *
 * `writeFilesAtomic` writes a set of files all or nothing: every new content goes to a temporary
 * file first; only when all of them are written (the step that can fail on a full disk) are they
 * renamed into place. A failure leaves the previous set as it was.
 */
import { chmodSync, lstatSync, mkdirSync, readlinkSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from './errors.js';

/** Symlinks followed before giving up (the kernel's own limit for a path lookup). */
const MAX_LINK_HOPS = 40;

/** How one output path is written. */
type OutputTarget = { kind: 'replace'; path: string; mode?: number } | { kind: 'direct'; path: string };

function lstatOf(path: string): Stats | undefined {
  return lstatSync(path, { throwIfNoEntry: false });
}

/** The path with every symlink in its last component followed (a dangling link gives the path it points to). */
function followLinks(path: string): { path: string; stat: Stats | undefined } {
  let current = resolve(path);
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    const stat = lstatOf(current);
    if (!stat?.isSymbolicLink()) return { path: current, stat };
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw new InputError(`more than ${MAX_LINK_HOPS} symlinks to follow`, { file: path });
}

/** Where and how `path` is written; a path that must not be written is an InputError naming it. */
export function outputTarget(path: string): OutputTarget {
  const { path: real, stat } = followLinks(path);
  if (!stat) return { kind: 'replace', path: real };
  if (stat.isFile()) return { kind: 'replace', path: real, mode: stat.mode & 0o7777 };
  if (stat.isCharacterDevice() || stat.isFIFO()) return { kind: 'direct', path: real };
  if (stat.isDirectory()) throw new InputError('is a folder, expected a file path', { file: path });
  const what = stat.isSocket() ? 'a socket' : stat.isBlockDevice() ? 'a block device' : 'not a regular file';
  throw new InputError(`is ${what}, not a file callconform may write`, { file: path });
}

/**
 * Create `dir` and its missing parents one by one (Node's recursive mkdir reports a read-only file
 * system as ENOENT); the first folder created, if any, so a failed write can remove what it made.
 */
export function makeFolders(dir: string): string | undefined {
  const missing: string[] = [];
  for (let d = resolve(dir); !lstatOf(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) mkdirSync(d);
  return missing[0];
}

/** A system error about the temporary file, retold about the path the user named. */
function aboutPath(err: unknown, path: string): unknown {
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code !== 'string') return err;
  return Object.assign(new Error(`${e.code}: cannot write ${path}`), { code: e.code, syscall: 'write', path });
}

interface Staged {
  target: OutputTarget;
  data: string | Uint8Array;
  tmp?: string;
}

function stage(path: string, data: string | Uint8Array, made: string[]): Staged {
  const target = outputTarget(path);
  if (target.kind === 'direct') return { target, data };
  try {
    const first = makeFolders(dirname(target.path));
    if (first) made.push(first);
  } catch (err) {
    throw aboutPath(err, path);
  }
  const tmp = join(dirname(target.path), `.${basename(target.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    if (target.mode !== undefined) chmodSync(tmp, target.mode);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw aboutPath(err, path);
  }
  return { target, data, tmp };
}

/** Write every file, all or nothing (see the module header); files are put in place in the given order. */
export function writeFilesAtomic(files: Iterable<readonly [string, string | Uint8Array]>): void {
  const staged: Staged[] = [];
  const made: string[] = [];
  try {
    for (const [path, data] of files) staged.push(stage(path, data, made));
  } catch (err) {
    for (const s of staged) if (s.tmp) rmSync(s.tmp, { force: true });
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  for (const [i, s] of staged.entries()) {
    try {
      if (s.tmp) renameSync(s.tmp, s.target.path);
      else writeFileSync(s.target.path, s.data);
    } catch (err) {
      for (const rest of staged.slice(i)) if (rest.tmp) rmSync(rest.tmp, { force: true });
      throw aboutPath(err, s.target.path);
    }
  }
}

/** Write one file without destroying what is at the path (see the module header). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  writeFilesAtomic([[path, data]]);
}
