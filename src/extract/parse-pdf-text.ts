/**
 * Text extracted from a PDF → page model. On top of the plain-text reading it undoes what the
 * PDF layout did to the page, each repair reported as a finding:
 * - a running page header printed between two halves of a code block (the halves are joined
 *   when the first leaves JSON brackets open and the second closes them);
 * - a URL broken across lines inside a JSON string (joined when the string is left open);
 * - HTML remnants (`<i>…</i>`) and `[text](#)` link stubs around table values.
 */
import type { Finding } from '../spec/finding.js';
import { finding, slug } from './findings.js';
import type { Block, Page } from './page-model.js';
import { readTextBlocks } from './parse-text.js';
import { bracketDepth, codeBlock, type Line } from './text-lines.js';

const FENCE = /^\s*```/;
const HTML_TAG = /<\/?(?:i|b|em|strong|u|span|code|br|p|sup|sub)\b[^>]*>/gi;
const LINK_STUB = /\[([^\]]+)\]\((?:#[^)]*)?\)/g;

interface Fenced {
  lines: Line[];
  open: number;
  close?: number;
}

/** Quotes left open on a line (odd count of unescaped `"`). */
function leavesStringOpen(text: string): boolean {
  let open = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') open = !open;
  }
  return open;
}

function joinBrokenUrls(block: Line[], file: string, findings: Finding[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < block.length; i++) {
    const cur = block[i]!;
    const next = block[i + 1];
    const openString = /"([^"]*)$/.exec(cur.text)?.[1] ?? '';
    if (next && leavesStringOpen(cur.text) && /^[a-z][a-z0-9+.-]*:\/\//i.test(openString) && !/^\s/.test(next.text)) {
      findings.push(
        finding('pdf-broken-url', `URL broken across lines ${cur.line}–${next.line} by the PDF layout; joined`, { file, line: cur.line }, {
          subject: `url-${slug(openString + next.text.split('"')[0])}`,
          action: { kind: 'repaired', detail: 'joined the two halves of the URL' },
        }),
      );
      out.push({ text: cur.text + next.text, line: cur.line });
      i++;
    } else out.push(cur);
  }
  return out;
}

export function parsePdfText(file: string, text: string): Page {
  const rawLines = text.split(/\r?\n/);
  const lines: Line[] = rawLines.map((t, i) => ({ text: t.replace(/\s+$/, ''), line: i + 1 }));
  const page: Page = { file, format: 'pdf-text', frontMatter: {}, blocks: [], findings: [], rawLines };

  // Pass 1: fenced code vs. prose segments.
  const segments: Array<{ kind: 'code'; block: Fenced } | { kind: 'prose'; lines: Line[] }> = [];
  let prose: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!FENCE.test(l.text)) {
      prose.push(l);
      continue;
    }
    if (prose.length) segments.push({ kind: 'prose', lines: prose });
    prose = [];
    const block: Fenced = { lines: [], open: l.line };
    i++;
    while (i < lines.length && !FENCE.test(lines[i]!.text)) block.lines.push(lines[i++]!);
    if (i < lines.length) block.close = lines[i]!.line;
    else page.findings.push(finding('unterminated-code-fence', 'code fence is never closed; the rest of the page is read as code', { file, line: l.line }));
    segments.push({ kind: 'code', block });
  }
  if (prose.length) segments.push({ kind: 'prose', lines: prose });

  // Pass 2: a single short prose line between a block left open and a block that closes it is a running header.
  let runningHeader: string | undefined;
  for (let s = 0; s + 2 < segments.length; s++) {
    const [a, mid, b] = [segments[s]!, segments[s + 1]!, segments[s + 2]!];
    if (a.kind !== 'code' || mid.kind !== 'prose' || b.kind !== 'code') continue;
    const words = mid.lines.filter((l) => l.text.trim() !== '');
    const depthA = a.block.lines.reduce((d, l) => d + bracketDepth(l.text), 0);
    const depthB = b.block.lines.reduce((d, l) => d + bracketDepth(l.text), 0);
    if (words.length !== 1 || depthA <= 0 || depthA + depthB !== 0) continue;
    const header = words[0]!;
    runningHeader ??= header.text.trim();
    page.findings.push(
      finding('pdf-running-header', `running page header "${header.text.trim()}" splits a code block (lines ${a.block.open}–${b.block.close ?? header.line}); the halves were joined`, { file, line: header.line }, {
        subject: `header-${slug(header.text)}`,
        action: { kind: 'repaired', detail: `removed the header line and joined the code block` },
      }),
    );
    a.block.lines.push(...b.block.lines);
    a.block.close = b.block.close;
    segments.splice(s + 1, 2);
    s--;
  }

  // Pass 3: blocks.
  for (const seg of segments) {
    if (seg.kind === 'code') {
      const joined = joinBrokenUrls(seg.block.lines, file, page.findings);
      if (joined.length) page.blocks.push(codeBlock(joined));
    } else {
      readTextBlocks(stripRemnants(seg.lines, file, page.findings), page.blocks);
    }
  }
  page.title = pickTitle(page.blocks, runningHeader);
  return page;
}

function stripRemnants(lines: Line[], file: string, findings: Finding[]): Line[] {
  return lines.map((l) => {
    let text = l.text;
    if (HTML_TAG.test(text)) {
      HTML_TAG.lastIndex = 0;
      findings.push(
        finding('pdf-html-remnant', `HTML markup left in the PDF text: ${(text.match(HTML_TAG) ?? []).join(" ")}`, { file, line: l.line }, {
          subject: `html-${slug(text.replace(HTML_TAG, ' '))}`,
          action: { kind: 'repaired', detail: 'removed the tags, kept their text' },
        }),
      );
      text = text.replace(HTML_TAG, '');
    }
    HTML_TAG.lastIndex = 0;
    return { text: text.replace(LINK_STUB, '$1'), line: l.line };
  });
}

/** The page title: the heading that repeats as the running header, else the first heading. */
function pickTitle(blocks: Block[], runningHeader: string | undefined): Page['title'] {
  const headings = blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading');
  const chosen = (runningHeader && headings.find((h) => h.text === runningHeader)) || headings[0];
  if (!chosen) return undefined;
  chosen.depth = 1;
  return { text: chosen.text, line: chosen.line };
}
