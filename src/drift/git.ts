/**
 * Read-only git access for `drift REV:path`: resolve a ref, list a tree, read a blob.
 * Never writes to the repository.
 */
import { execFileSync } from 'node:child_process';

const MAX_BUFFER = 64 * 1024 * 1024;

function git(cwd: string, args: string[]): Buffer {
  return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: MAX_BUFFER });
}

/** The repository's top folder, or undefined when `cwd` is not inside a git work tree. */
export function gitTopLevel(cwd: string): string | undefined {
  try {
    return git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** `blob`, `tree` or undefined when `REV:path` does not name an object. */
export function gitObjectType(top: string, object: string): 'blob' | 'tree' | undefined {
  try {
    const type = git(top, ['cat-file', '-t', object]).toString('utf8').trim();
    return type === 'blob' || type === 'tree' ? type : undefined;
  } catch {
    return undefined;
  }
}

/** True when `rev` names a commit (`HEAD~3`, a branch, a tag, a hash). */
export function isCommit(top: string, rev: string): boolean {
  try {
    git(top, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** Files under `path` at `rev`, as repository-relative paths. */
export function gitListFiles(top: string, rev: string, path: string): string[] {
  const out = git(top, ['ls-tree', '-r', '-z', '--name-only', rev, '--', path]).toString('utf8');
  return out.split('\0').filter((s) => s !== '');
}

/** Bytes of `path` at `rev`. */
export function gitReadFile(top: string, rev: string, path: string): Buffer {
  return git(top, ['show', `${rev}:${path}`]);
}
