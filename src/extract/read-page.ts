/**
 * Bytes → page model: checks that the file is a text page we can read, picks the parser by
 * extension (`.md` markdown, `.pdf.txt` PDF text, `.txt` plain text) or by sniffing.
 */
import { InputError } from '../spec/errors.js';
import type { Page, PageFormat } from './page-model.js';
import { parseMarkdown } from './parse-markdown.js';
import { parsePdfText } from './parse-pdf-text.js';
import { parseText } from './parse-text.js';

export const MAX_PAGE_BYTES = 5 * 1024 * 1024;

function lineAt(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Decode and vet a page's bytes; every refusal names the file and line. */
export function decodePage(file: string, bytes: Uint8Array, maxBytes = MAX_PAGE_BYTES): string {
  if (bytes.length === 0) throw new InputError('empty page: nothing to extract', { file, line: 1 });
  if (bytes.length > maxBytes) {
    throw new InputError(`page is ${(bytes.length / 1048576).toFixed(1)} MiB, over the ${(maxBytes / 1048576).toFixed(0)} MiB limit for one documentation page`, { file, line: 1 });
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InputError('binary content (NUL byte): not a text page', { file, line: lineAt(bytes, nul) });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Find the first invalid sequence to name its line.
    const text = new TextDecoder('utf-8').decode(bytes);
    const bad = text.indexOf('\uFFFD');
    const line = bad < 0 ? 1 : text.slice(0, bad).split('\n').length;
    throw new InputError('invalid UTF-8', { file, line });
  }
  if (text.trim() === '') throw new InputError('page holds only white space: nothing to extract', { file, line: 1 });
  return text;
}

export function formatOf(file: string, text: string): PageFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.pdf.txt')) return 'pdf-text';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.txt')) return 'text';
  return /^---\r?\n|^```|^\|.*\|\s*$|^#{1,6} /m.test(text) ? 'markdown' : 'text';
}

export function parsePage(file: string, text: string, format: PageFormat = formatOf(file, text)): Page {
  switch (format) {
    case 'markdown':
      return parseMarkdown(file, text);
    case 'pdf-text':
      return parsePdfText(file, text);
    case 'text':
      return parseText(file, text);
  }
}
