/** Which files a lint run reads: pages named on the command line, folders expanded to the pages in them. */
import { statSync, type Stats } from 'node:fs';
import { pagesUnder } from '../extract/page-files.js';
import { MAX_PAGE_BYTES } from '../extract/read-page.js';
import { InputError } from '../spec/errors.js';
import { assertReadableInput } from '../spec/read-input.js';

/**
 * Refuse a page named on the command line that is not a regular file of at most MAX_PAGE_BYTES
 * (a symlink to /dev/zero would be read forever), before anything reads it; a missing one is left
 * to the reader's own error.
 */
export function assertPageFile(path: string): void {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return;
  }
  if (!stats.isDirectory()) assertReadableInput(path, stats, MAX_PAGE_BYTES, 'page');
}

/** Files as given stay as given (any extension); folders become the pages under them, sorted. */
export function expandPages(paths: string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new InputError('no such page or folder', { file: path });
    }
    if (!isDir) {
      assertPageFile(path);
      out.push(path);
    }
    else {
      const found = pagesUnder(path);
      if (found.length === 0) throw new InputError('folder holds no documentation pages (.md, .txt, .pdf.txt)', { file: path });
      out.push(...found);
    }
  }
  return [...new Set(out)];
}
