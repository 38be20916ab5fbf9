/**
 * Default folders for specs/, contracts/, contracts/pacts/ and specs/sources/: the one in the
 * working directory (a checkout, a docs repository) when it is callconform's, else the one
 * shipped inside the installed package, so every command works from any folder. A folder of that
 * name that is not callconform's is refused rather than read (an unrelated `specs/` must not
 * silently take over), and the command says on stderr which folder it used.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../spec/errors.js';

export type DataDirName = 'specs' | 'contracts' | 'contracts/pacts' | 'specs/sources';

/** What makes a folder callconform's: the spec schema in specs/, the compiled outputs in contracts/. */
const MARKERS: Readonly<Record<DataDirName, { has: (dir: string) => boolean; what: string }>> = {
  specs: { has: (d) => existsSync(join(d, 'spec.schema.json')), what: 'no spec.schema.json in it' },
  'specs/sources': { has: (d) => MARKERS.specs.has(dirname(d)), what: 'no spec.schema.json beside it' },
  contracts: { has: (d) => ['pacts', 'schemas', 'openapi'].some((sub) => existsSync(join(d, sub))), what: 'no pacts/, schemas/ or openapi/ in it' },
  'contracts/pacts': { has: (d) => MARKERS.contracts.has(dirname(d)), what: 'not inside a contracts folder with schemas/ or openapi/' },
};

export interface DataDir {
  path: string;
  packaged: boolean;
}

/** The folder to read when the user named none; an InputError (exit 2) for a folder of that name that is not callconform's. */
export function defaultDataDir(name: DataDirName, flag: string): DataDir {
  // ./specs/sources is judged by ./specs: an unrelated specs/ folder is refused even without sources/ in it.
  for (const dir of [name.split('/')[0] as DataDirName, name]) {
    if (existsSync(dir) && !MARKERS[dir].has(dir)) throw new InputError(`not a callconform ${dir} folder (${MARKERS[dir].what}); give ${flag} DIR, or run from another folder`, { file: `./${dir}` });
  }
  if (existsSync(name)) return { path: name, packaged: false };
  const shipped = fileURLToPath(new URL(`../../${name}`, import.meta.url));
  return existsSync(shipped) ? { path: shipped, packaged: true } : { path: name, packaged: false };
}

/**
 * The flag's value, or the default folder with the line that names it when it is the packaged
 * one (the working directory's is the one a user expects; the fallback is the surprise). The
 * command prints the note on stderr (stdout stays its own) once its flags are known to be good,
 * so a usage error stays one line.
 */
export function dataDirOrDefault(given: string | undefined, name: DataDirName, flag: string): { path: string; note: string } {
  if (given !== undefined) return { path: given, note: '' };
  const dir = defaultDataDir(name, flag);
  return { path: dir.path, note: dir.packaged ? `callconform: ${name}: ${dir.path} (packaged)\n` : '' };
}

/** How the help text describes such a default. */
export const defaultDescription = (name: DataDirName): string => `./${name} when it is callconform's, else the packaged one`;
