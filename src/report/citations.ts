/**
 * What a report shows for each doc citation (`file:line`): the page's published address (see
 * `published-url.ts`) and the cited line as it reads in the stored page, so a reader can check a
 * requirement against its words without opening the file. Read once per run, where the specs
 * are; the renderers only look them up.
 */
import { isAbsolute, join } from 'node:path';
import { MAX_PAGE_BYTES } from '../extract/read-page.js';
import type { Source } from '../spec/model.js';
import { publishedUrl } from '../spec/published-url.js';
import { readInputText } from '../spec/read-input.js';
import type { Citation, Report } from './result.js';
import { sourceRef } from './text.js';

/** Longest quote kept, in characters; a longer line is cut at a word and marked `…`. */
export const QUOTE_CHARS = 240;

/** The cited line as a one-line quote: whitespace runs collapsed, a table row's outer pipes dropped, at most QUOTE_CHARS. */
export function quoteOf(line: string): string | undefined {
  const text = line
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\|(.*)\|$/, '$1')
    .trim();
  if (text === '') return undefined;
  if (text.length <= QUOTE_CHARS) return text;
  const cut = text.slice(0, QUOTE_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > QUOTE_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * What a citation of line `index` quotes: that line, or, when it only opens a JSON example (`{`,
 * `[`: checks cite where an example starts), the example up to its closing bracket, a blank line
 * or a code fence, as far as QUOTE_CHARS allows.
 */
export function quoteAt(lines: readonly string[], index: number): string | undefined {
  const first = lines[index];
  if (first === undefined) return undefined;
  if (!/^\s*[[{]\s*$/.test(first)) return quoteOf(first);
  const parts = [first.trim()];
  let depth = 1;
  let length = 1;
  for (let i = index + 1; i < lines.length && depth > 0 && length <= QUOTE_CHARS; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('```')) break;
    for (const c of line.replace(/"(?:[^"\\]|\\.)*"/g, '""')) depth += c === '{' || c === '[' ? 1 : c === '}' || c === ']' ? -1 : 0;
    parts.push(line);
    length += line.length + 1;
  }
  return quoteOf(parts.join(' '));
}

/**
 * Lines of a stored page, or undefined when it is not there (pages not shipped), unreadable, not a
 * regular file or past the page limit (read as every input is: `readInputText`).
 */
function pageLines(path: string): string[] | undefined {
  try {
    return readInputText(path, MAX_PAGE_BYTES, 'page').split(/\r\n|\r|\n/);
  } catch {
    return undefined;
  }
}

/** Every source a report cites: each result's, and the decisions' it applied. */
export function citedSources(report: Pick<Report, 'results'>): Source[] {
  return report.results.flatMap((r) => [r.source, ...(r.evidence.decision ? [r.evidence.decision.source] : [])]);
}

/**
 * Citations by `file:line` for `sources`, reading the pages relative to `root` (the folder that
 * holds specs/, against which specs cite their pages). A source with neither an address nor a
 * readable line is left out.
 */
export function readCitations(sources: readonly Source[], root: string): Record<string, Citation> {
  const pages = new Map<string, string[] | undefined>();
  const out: Record<string, Citation> = {};
  for (const source of [...sources].sort((a, b) => sourceRef(a).localeCompare(sourceRef(b)))) {
    const key = sourceRef(source);
    if (key in out) continue;
    if (!pages.has(source.file)) pages.set(source.file, pageLines(isAbsolute(source.file) ? source.file : join(root, source.file)));
    const url = publishedUrl(source.file);
    const lines = pages.get(source.file);
    const quote = lines ? quoteAt(lines, source.line - 1) : undefined;
    if (url !== undefined || quote !== undefined) out[key] = { ...(url !== undefined ? { url } : {}), ...(quote !== undefined ? { quote } : {}) };
  }
  return out;
}
