/** What counts as a documentation page in a folder: the one definition extract, lint and drift share. */
import { basename } from 'node:path';
import { listFiles } from '../spec/list-files.js';

/** Markdown, plain text and PDF text (`.pdf.txt`). */
const PAGE_EXT = /\.(md|markdown|txt)$/i;
/** Files that describe a folder rather than document an API. */
const NOT_A_PAGE = /^(SOURCES|README|LICENSE|CHANGELOG|CONTRIBUTING)(\.|$)/i;

export function isPageFile(path: string): boolean {
  const name = basename(path);
  return PAGE_EXT.test(name) && !NOT_A_PAGE.test(name) && !name.startsWith('.');
}

/** The pages below a folder, sorted. */
export function pagesUnder(dir: string): string[] {
  return listFiles(dir).filter(isPageFile);
}
