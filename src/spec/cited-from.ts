import { relative, resolve, sep } from 'node:path';

/**
 * `value` (a spec, decisions, findings) with every cited path under `root` made relative to it
 * (`specs/sources/…`, `specs/decisions.yaml`), as they read when the command runs in the folder
 * that holds specs/: so the packaged copy, read from anywhere, yields the files it ships.
 */
export function citedFrom<T>(value: T, root: string): T {
  // Readers cite as they were given the path: absolute, or relative to the working directory.
  const rel = (f: string): string => (resolve(f).startsWith(root + sep) ? relative(root, resolve(f)).split(sep).join('/') : f);
  const walk = (v: unknown, key?: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => (key === 'sources' && typeof x === 'string' ? rel(x) : walk(x)));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'file' && typeof x === 'string' ? rel(x) : walk(x, k)]));
    return v;
  };
  return walk(value) as T;
}
