/** How every stage shows a file in findings and help: relative to the working directory when inside it. */
import { isAbsolute, relative, sep } from 'node:path';

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : file;
}
