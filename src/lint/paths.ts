/** Paths the lint stage shows or defaults to; no parsing here, so the CLI can name them in --help cheaply. */
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The copy shipped with callconform (see specs/reference/SOURCES.md). */
export const DEFAULT_PERMISSIONS_REFERENCE = fileURLToPath(new URL('../../specs/reference/graph-permissions-reference.md', import.meta.url));

/** A path as findings show it: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : file;
}
