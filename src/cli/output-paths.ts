/**
 * Output paths checked before any work starts: a run that can only fail at the end, when it
 * writes, should fail at once (exit 2, one line) instead.
 */
import { rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { makeFolders, outputTarget } from '../spec/atomic-write.js';
import { InputError, SYSTEM_ERROR_WORDS } from '../spec/errors.js';

function cannotWrite(err: unknown, path: string, flag: string): InputError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  return new InputError(`cannot write here: ${SYSTEM_ERROR_WORDS[code] ?? `system error ${code}`} (${flag})`, { file: path });
}

function statOf(path: string, flag: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (err) {
    throw cannotWrite(err, path, flag);
  }
}

/** `path` will be a folder: fine when missing or a folder. */
export function assertFolderPath(path: string, flag: string): void {
  const stat = statOf(path, flag);
  if (stat && !stat.isDirectory()) throw new InputError(`not a folder (${flag})`, { file: path });
}

/** Bytes the probe writes: enough to need a data block, so a full disk shows before the run. */
const PROBE_BYTES = 4096;

/**
 * `path` is a folder callconform can write into now: a small probe file is written there (the
 * folder made if missing) and everything the probe made is removed again. A read-only, full or forbidden folder is found before the run, not after.
 */
export function assertWritableFolder(path: string, flag: string): void {
  assertFolderPath(path, flag);
  const probe = join(path, `.callconform-probe-${process.pid}`);
  let made: string | undefined;
  try {
    made = makeFolders(path);
    writeFileSync(probe, Buffer.alloc(PROBE_BYTES));
  } catch (err) {
    throw cannotWrite(err, path, flag);
  } finally {
    rmSync(probe, { force: true });
    // Folders made only for the probe go again: a run refused later leaves nothing behind.
    if (made) rmSync(made, { recursive: true, force: true });
  }
}

/** `path` will be a file: fine when missing, a file, a symlink to one, a character device or a FIFO. */
export function assertFilePath(path: string, flag: string): void {
  try {
    outputTarget(path);
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`${err.message} (${flag})`, { file: path });
    throw cannotWrite(err, path, flag);
  }
}
