/** Which files a lint run reads: pages named on the command line, folders expanded to the pages in them. */
import { statSync } from 'node:fs';
import { pagesUnder } from '../extract/page-files.js';
import { InputError } from '../spec/errors.js';

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
