/**
 * Markdown pieces that stay inert whatever text goes in: GitHub renders HTML and links inside
 * Markdown, so target output is only ever placed in escaped text, code spans or fenced blocks.
 */
import { showInvisible } from './text.js';

/** Inline text: one line, every Markdown/HTML-significant ASCII punctuation backslash-escaped (CommonMark allows it for all). */
export function mdText(text: string): string {
  return showInvisible(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\\`*_[\]()<>&|~!#{}]/g, '\\$&');
}

function longestRun(text: string, char: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/**
 * An inline code span on one line. In a table cell `|` would still end the cell (GFM splits
 * rows before parsing code spans), so it is escaped there.
 */
export function mdCode(text: string, inTable = false): string {
  let body = showInvisible(text).replace(/\s*\n\s*/g, ' ');
  if (inTable) body = body.replaceAll('|', '\\|');
  if (body === '') return '` `';
  const fence = '`'.repeat(longestRun(body, '`') + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside, so the content cannot close it. */
export function mdFence(text: string, lang = ''): string {
  const body = showInvisible(text).replace(/\n+$/, '');
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}${lang}\n${body}\n${fence}`;
}

/**
 * `[text](url)` for a plain https address (no space, quote, bracket, parenthesis or pipe that could
 * end the link or a table cell), else the text alone. `text` is Markdown already (a code span).
 */
export function mdLink(text: string, url: string | undefined): string {
  return url !== undefined && /^https:\/\/[^\s"'<>()[\]|`\\]+$/.test(url) ? `[${text}](${url})` : text;
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cut text to at most `max` UTF-8 bytes at a character boundary. */
export function capBytes(text: string, max: number): string {
  if (utf8Bytes(text) <= max) return text;
  const cut = Buffer.from(text, 'utf8').subarray(0, Math.max(0, max));
  let end = cut.length;
  // step back over a partial multi-byte sequence
  while (end > 0 && ((cut[end - 1] ?? 0) & 0xc0) === 0x80) end--;
  if (end > 0 && ((cut[end - 1] ?? 0) & 0x80) !== 0) end--;
  return cut.subarray(0, end).toString('utf8');
}
