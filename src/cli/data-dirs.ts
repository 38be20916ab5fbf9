/**
 * Default folders for specs/, contracts/, contracts/pacts/ and specs/sources/: the one in the
 * working directory (a checkout, a docs repository) when it is callconform's, else the one
 * shipped inside the installed package, so every command works from any folder. A folder of that
 * name that is not callconform's is refused rather than read (an unrelated `specs/` must not
 * silently take over), and the command says on stderr which folder it used.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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
export function defaultDataDir(name: DataDirName, flag: string | undefined): DataDir {
  // ./specs/sources is judged by ./specs: an unrelated specs/ folder is refused even without sources/ in it.
  for (const dir of [name.split('/')[0] as DataDirName, name]) {
    if (existsSync(dir) && !MARKERS[dir].has(dir)) throw new InputError(`not a callconform ${dir} folder (${MARKERS[dir].what}); ${flag ? `give ${flag} DIR, or ` : ''}run from another folder`, { file: `./${dir}` });
  }
  if (existsSync(name)) return { path: name, packaged: false };
  const shipped = packagedDir(name);
  return existsSync(shipped) ? { path: shipped, packaged: true } : { path: name, packaged: false };
}

const packagedDir = (name: DataDirName): string => fileURLToPath(new URL(`../../${name}`, import.meta.url));

/**
 * The flag's value, or the default folder with the line that names it when it is the packaged
 * one (the working directory's is the one a user expects; the fallback is the surprise). The
 * command prints the note on stderr (stdout stays its own) once its flags are known to be good,
 * so a usage error stays one line.
 */
export function dataDirOrDefault(given: string | undefined, name: DataDirName, flag: string | undefined): DataDir & { note: string } {
  // A named folder is the packaged one when it is, unless it is also the working directory's (a
  // checkout of callconform); `start` names the folders it resolved to its stages.
  if (given !== undefined) return { path: given, packaged: resolve(given) === packagedDir(name) && resolve(name) !== packagedDir(name), note: '' };
  const dir = defaultDataDir(name, flag);
  return { ...dir, note: dir.packaged ? packagedNote(name, dir.path) : '' };
}

/** The stderr line that names a packaged folder a command fell back to. */
const packagedNote = (name: DataDirName, path: string): string => `callconform: ${name}: ${path} (packaged)\n`;

/**
 * The folder a command writes when the user named none: beside packaged inputs the packaged one
 * (read only by `--check`; see `refuseWritingPackaged`), else the working directory's, refused
 * like any default when a folder of that name is not callconform's.
 */
export function outputDirOrDefault(given: string | undefined, name: DataDirName, flag: string | undefined, inputs: DataDir): DataDir & { note: string } {
  if (given !== undefined) return dataDirOrDefault(given, name, flag);
  if (inputs.packaged) return dataDirOrDefault(undefined, name, flag);
  defaultDataDir(name, flag);
  return { path: name, packaged: false, note: '' };
}

/** A command that would rewrite the installed package's own files stops instead (exit 2). */
export function refuseWritingPackaged(dir: DataDir, flag: string, check: string): void {
  if (dir.packaged) throw new InputError(`the packaged ${basename(dir.path)} folder is not written; run \`${check}\` to compare it, or give ${flag} DIR`, { file: dir.path });
}

/** How the help text describes such a default. */
export const defaultDescription = (name: DataDirName): string => `./${name} when it is callconform's, else the packaged one`;
