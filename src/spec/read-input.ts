/**
 * Reading a file the user gave us, bounded: the file is opened without blocking (a FIFO would
 * wait for a writer forever), refused unless it is a regular file (a symlink to /dev/zero is a
 * character device: endless), refused when its size is over the limit, and read at most limit + 1
 * bytes (a file growing while it is read is cut and refused, never held whole). Every refusal is
 * an InputError naming the file (exit 2).
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { InputError, SYSTEM_ERROR_WORDS } from './errors.js';

/** Largest input files, by kind (docs/security.md, "Limits on pages and specs"). */
export const INPUT_LIMITS = {
  /** A spec YAML, the decisions file, a permissions reference: as large as a documentation page may be. */
  spec: 5 * 1024 * 1024,
  /** A contract file (JSON Schema, pact): a build of the largest profile writes about 40 kB. */
  contract: 64 * 1024 * 1024,
  /** A report.json read back (check-certificate, diff-reports). */
  report: 64 * 1024 * 1024,
  /** A PEM key or certificate bundle. */
  pem: 1024 * 1024,
} as const;

const CHUNK_BYTES = 256 * 1024;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

const mib = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1048576).toFixed(bytes % 1048576 === 0 ? 0 : 1)} MiB` : `${bytes} bytes`);

/** Refuse `stats` unless it is a regular file of at most `maxBytes`; `what` names the input ("spec file"). */
export function assertReadableInput(file: string, stats: Stats, maxBytes: number, what: string): void {
  if (!stats.isFile()) throw new InputError(`${what} is ${kindOf(stats)}, not a regular file`, { file });
  if (stats.size > maxBytes) throw new InputError(`${what} is ${mib(stats.size)}, over the ${mib(maxBytes)} limit`, { file });
}

/** The bytes of `file`, at most `maxBytes`; `what` names the input in error lines ("spec file"). */
export function readInputFile(file: string, maxBytes: number, what: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new InputError(`cannot read ${what}${code ? ` (${SYSTEM_ERROR_WORDS[code] ?? code})` : ''}`, { file });
  }
  try {
    assertReadableInput(file, fstatSync(fd), maxBytes, what);
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > maxBytes) throw new InputError(`${what} grew past the ${mib(maxBytes)} limit while it was read`, { file });
    }
    return Buffer.concat(chunks, length);
  } finally {
    closeSync(fd);
  }
}

/** `readInputFile` as UTF-8 text. */
export function readInputText(file: string, maxBytes: number, what: string): string {
  return readInputFile(file, maxBytes, what).toString('utf8');
}

/** `readInputText` parsed as JSON; text that is not JSON is an InputError naming the file. */
export function readInputJson(file: string, maxBytes: number, what: string): unknown {
  const text = readInputText(file, maxBytes, what);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(`not valid JSON (${(err as Error).message.split('\n')[0]})`, { file });
  }
}
