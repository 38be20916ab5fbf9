/**
 * Shared reading of pages without markup (plain-text renderings and PDF text): lines are
 * grouped into runs separated by blank lines; HTTP messages, bare JSON, headings, tables and
 * paragraphs are recognised from the shape of each run.
 */
import type { Block, CodeBlock, Heading } from './page-model.js';

export interface Line {
  text: string;
  /** 1-based line in the file. */
  line: number;
}

export const REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S+/;
export const STATUS_LINE = /^HTTP\/\d(?:\.\d)?\s+\d{3}\b/;

/** Net count of open JSON brackets on a line, ignoring brackets inside strings. */
export function bracketDepth(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return depth;
}

/**
 * From `start`, the extent of an HTTP message (start line, headers, blank line, JSON body) or of a
 * bare JSON value. Returns the index after its last line.
 */
export function messageExtent(lines: Line[], start: number): number {
  let i = start;
  const first = lines[i]?.text ?? '';
  if (REQUEST_LINE.test(first) || STATUS_LINE.test(first)) {
    i++;
    while (i < lines.length && /^[A-Za-z][\w-]*:\s/.test(lines[i]!.text)) i++;
    let j = i;
    while (j < lines.length && lines[j]!.text.trim() === '') j++;
    if (j < lines.length && /^\s*[[{]/.test(lines[j]!.text)) return jsonExtent(lines, j);
    return i;
  }
  return jsonExtent(lines, i);
}

function jsonExtent(lines: Line[], start: number): number {
  let depth = 0;
  let i = start;
  do {
    depth += bracketDepth(lines[i]!.text);
    i++;
  } while (i < lines.length && depth > 0);
  return i;
}

export function codeBlock(lines: Line[]): CodeBlock {
  return { kind: 'code', line: lines[0]?.line ?? 1, text: lines.map((l) => l.text).join('\n'), lines: lines.map((l) => l.line) };
}

/** Section names of Graph-style and Genesys-style reference pages, for inferring heading depth. */
const SECTION = /^(permissions|http request|request headers|request body|response|responses|examples?|properties|relationships|json representation|methods|optional query parameters|overview|parameters|sample(?: \d+)?|http response|cometd notification|errors?)$/i;

/** A run of one short line without sentence punctuation reads as a heading. */
export function looksLikeHeading(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 60) return false;
  if (/[.:;,!?]$/.test(t) || /: /.test(t) || /^[-*•\d]/.test(t) || /[{}[\]<>|=\t]/.test(t)) return false;
  if (REQUEST_LINE.test(t) || STATUS_LINE.test(t)) return false;
  return t.split(/\s+/).length <= 6 && /^[A-Z]/.test(t);
}

export function heading(l: Line, afterExample: boolean): Heading {
  const isSection = SECTION.test(l.text.trim());
  const nested = afterExample && /^(request|response|http response|cometd notification)$/i.test(l.text.trim());
  return { kind: 'heading', depth: isSection && !nested ? 2 : 3, text: l.text.trim(), line: l.line };
}

/** Split lines into runs separated by blank lines. */
export function runs(lines: Line[]): Line[][] {
  const out: Line[][] = [];
  let current: Line[] = [];
  for (const l of lines) {
    if (l.text.trim() === '') {
      if (current.length) out.push(current);
      current = [];
    } else current.push(l);
  }
  if (current.length) out.push(current);
  return out;
}

export function isExampleHeading(b: Block): boolean {
  return b.kind === 'heading' && /^examples?$/i.test(b.text);
}
