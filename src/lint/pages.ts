/** Which files a lint run reads: pages named on the command line, folders expanded to the pages in them. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../spec/errors.js';

/** Documentation page files: markdown, plain text and PDF text. */
const PAGE = /\.(md|markdown|txt)$/i;
/** Files that describe a folder rather than document an API. */
const NOT_A_PAGE = /^(SOURCES|README|LICENSE|CHANGELOG|CONTRIBUTING)(\.|$)/i;

function pagesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...pagesUnder(full));
    else if (entry.isFile() && PAGE.test(entry.name) && !NOT_A_PAGE.test(entry.name)) out.push(full);
  }
  return out;
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
    if (!isDir) out.push(path);
    else {
      const found = pagesUnder(path);
      if (found.length === 0) throw new InputError('folder holds no documentation pages (.md, .txt, .pdf.txt)', { file: path });
      out.push(...found);
    }
  }
  return [...new Set(out)];
}
