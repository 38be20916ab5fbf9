/**
 * Output paths checked before any work starts: a run that can only fail at the end, when it
 * writes, should fail at once (exit 2, one line) instead.
 */
import { statSync, type Stats } from 'node:fs';
import { InputError } from '../spec/errors.js';

function statOf(path: string, flag: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new InputError(`cannot write here: a file is where a folder should be (${flag})`, { file: path });
    throw new InputError(`cannot write here (${code ?? 'error'}, ${flag})`, { file: path });
  }
}

/** `path` will be a folder: fine when missing or a folder. */
export function assertFolderPath(path: string, flag: string): void {
  const stat = statOf(path, flag);
  if (stat && !stat.isDirectory()) throw new InputError(`not a folder (${flag})`, { file: path });
}

/** `path` will be a file: fine when missing or a file. */
export function assertFilePath(path: string, flag: string): void {
  if (statOf(path, flag)?.isDirectory()) throw new InputError(`is a folder, expected a file path (${flag})`, { file: path });
}
