import type { Source } from './model.js';

/**
 * A problem with what the user gave us (a file, a flag, a page): reported as one line,
 * `file:line: message`, and exit code 2. Never carries a stack trace to the user.
 */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly where?: Partial<Source> & { file: string },
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** The one line shown to the user. */
  get line(): string {
    if (!this.where) return this.message;
    const at = this.where.line ? `${this.where.file}:${this.where.line}` : this.where.file;
    return `${at}: ${this.message}`;
  }
}

/** What Node's error codes mean, in the words error lines use. */
export const SYSTEM_ERROR_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a file is where a folder should be',
  EEXIST: 'a file is where a folder should be',
  EISDIR: 'a folder is where a file should be',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTFOUND: 'unknown host',
};
