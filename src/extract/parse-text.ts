/**
 * Plain-text renderings of reference pages → page model. Headings, tables and code have lost
 * their markup: a lone short line is a heading, a run of several lines is a table whose columns
 * are recovered from the header's column names, an HTTP message or JSON value is code.
 */
import type { Block, Cell, Page } from './page-model.js';
import { codeBlock, heading, isExampleHeading, looksLikeHeading, messageExtent, REQUEST_LINE, runs, STATUS_LINE, type Line } from './text-lines.js';

/** Column names used by reference-page tables; the longest match wins. */
const COLUMN_NAMES = [
  'Permissions (from least to most privileged)',
  'Permissions (from most to least privileged)',
  'Permission type',
  'Return type',
  'Parameter',
  'Property',
  'Description',
  'Header',
  'Method',
  'Name',
  'Relationship',
  'Required',
  'Type',
  'Value',
];

function splitHeader(text: string): string[] | undefined {
  const cells: string[] = [];
  let rest = text.trim();
  while (rest) {
    const name = COLUMN_NAMES.find((n) => rest.toLowerCase().startsWith(n.toLowerCase()) && (rest.length === n.length || rest[n.length] === ' '));
    if (!name) return undefined;
    cells.push(rest.slice(0, name.length));
    rest = rest.slice(name.length).trim();
  }
  return cells.length >= 2 ? cells : undefined;
}

/** First cell of a row: one word, or a word with its parenthesised qualifier ("Delegated (work or school account)"). */
function takeFirst(rest: string): [string, string] {
  const m = /^(\S+(?:\s+\([^)]*\))?)\s*(.*)$/.exec(rest);
  return m ? [m[1]!, m[2]!] : [rest, ''];
}

function takeType(rest: string): [string, string] {
  const m = /^(\S+(?:\s+collection\b)?)\s*(.*)$/i.exec(rest);
  return m ? [m[1]!, m[2]!] : [rest, ''];
}

function splitRow(text: string, header: string[], line: number): Cell[] {
  const cells: Cell[] = [];
  let rest = text.trim();
  header.forEach((name, i) => {
    let value: string;
    if (i === header.length - 1) [value, rest] = [rest, ''];
    else if (/^type$/i.test(name)) [value, rest] = takeType(rest);
    else [value, rest] = takeFirst(rest);
    cells.push({ text: value.trim(), links: [], line });
  });
  return cells;
}

export function parseText(file: string, text: string): Page {
  const rawLines = text.split(/\r?\n/);
  const lines: Line[] = rawLines.map((t, i) => ({ text: t.replace(/\s+$/, ''), line: i + 1 }));
  const page: Page = { file, format: 'text', frontMatter: {}, blocks: [], findings: [], rawLines };
  readTextBlocks(lines, page.blocks, true);
  const first = page.blocks[0];
  if (first?.kind === 'heading') {
    first.depth = 1;
    page.title = { text: first.text, line: first.line };
  }
  return page;
}

/** Shared with the PDF-text parser: turn unmarked lines into blocks. */
export function readTextBlocks(lines: Line[], blocks: Block[], firstRunIsTitle = false): void {
  let i = 0;
  let afterExample = false;
  while (i < lines.length) {
    const l = lines[i]!;
    if (l.text.trim() === '') {
      i++;
      continue;
    }
    if (REQUEST_LINE.test(l.text) || STATUS_LINE.test(l.text) || /^[[{]\s*$/.test(l.text.trim())) {
      const end = messageExtent(lines, i);
      blocks.push(codeBlock(lines.slice(i, end)));
      i = end;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]!.text.trim() !== '' && !(end > i && (REQUEST_LINE.test(lines[end]!.text) || STATUS_LINE.test(lines[end]!.text)))) end++;
    const run = lines.slice(i, end);
    i = end;
    for (const block of runToBlocks(run, firstRunIsTitle && blocks.length === 0, afterExample)) {
      if (isExampleHeading(block)) afterExample = true;
      blocks.push(block);
    }
  }
}

function runToBlocks(run: Line[], isFirst: boolean, afterExample: boolean): Block[] {
  const [first] = run;
  if (!first) return [];
  if (run.every((l) => l.text.includes('\t'))) {
    const cells = (l: Line): Cell[] => l.text.split('\t').map((t) => ({ text: t.trim(), links: [], line: l.line }));
    return [{ kind: 'table', line: first.line, header: cells(first), rows: run.slice(1).map(cells) }];
  }
  if (run.length === 1) {
    if (isFirst || looksLikeHeading(first.text)) return [heading(first, afterExample)];
    return [{ kind: 'paragraph', text: first.text.trim(), line: first.line, links: [], quote: false }];
  }
  const header = splitHeader(first.text);
  if (header) {
    return [{ kind: 'table', line: first.line, header: header.map((h) => ({ text: h, links: [], line: first.line })), rows: run.slice(1).map((r) => splitRow(r.text, header, r.line)) }];
  }
  return runs(run).flatMap((r) => r.map((l): Block => ({ kind: 'paragraph', text: l.text.trim(), line: l.line, links: [], quote: false })));
}
