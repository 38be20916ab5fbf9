/** Paths the lint stage defaults to; no parsing here, so the CLI can name them in --help cheaply. */
import { fileURLToPath } from 'node:url';

/** The copy shipped with callconform (see specs/reference/SOURCES.md). */
export const DEFAULT_PERMISSIONS_REFERENCE = fileURLToPath(new URL('../../specs/reference/graph-permissions-reference.md', import.meta.url));
