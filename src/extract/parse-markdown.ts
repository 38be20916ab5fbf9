/**
 * Graph-style markdown → page model, with markdown-it (CommonMark + GFM tables; raw HTML kept so
 * the docs' `<!-- {"blockType": …} -->` annotations are seen). It replaced micromark/mdast for
 * speed (docs/performance.md); `bench/extract/compare-parsers.ts` checks that both give the same
 * specs and findings over the whole corpus.
 * Front matter is read by `front-matter.ts`; annotations attach to the next code block; tab-group headings
 * (`# [HTTP](#tab/http)`) and `[!INCLUDE …]` lines are not document structure and are skipped.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { Cell, Page, PageLink } from './page-model.js';
import { finding } from './findings.js';
import { splitFrontMatter } from './front-matter.js';
import { MAX_BLOCK_NESTING } from './page-limits.js';

const markdown = new MarkdownIt('commonmark', { html: true }).enable('table');
// Hrefs are read only to tell tab headings (`#tab/…`); percent-encoding them is wasted work.
markdown.normalizeLink = (url) => url;
// A parser option its type declarations leave out (the commonmark preset's 20 is too shallow for real pages).
Object.assign(markdown.options, { maxNesting: MAX_BLOCK_NESTING });

/** Inline tokens → plain text: inline code keeps its value, links keep their text, images and HTML (but `<br>`) vanish. */
function plain(tokens: readonly Token[]): string {
  let out = '';
  for (const t of tokens) {
    // An image's alt text is its children, not inline tokens here: it adds nothing, as in mdast.
    switch (t.type) {
      case 'text':
      case 'code_inline':
        out += t.content;
        break;
      case 'softbreak':
        out += '\n';
        break;
      case 'hardbreak':
        out += ' ';
        break;
      case 'html_inline':
        if (/^<br\s*\/?>$/i.test(t.content.trim())) out += ' ';
        break;
    }
  }
  return out;
}

/** The text of each link among inline tokens (`[participantInfo](…)` → `participantInfo`). */
function linkTexts(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  let start = -1;
  tokens.forEach((t, i) => {
    if (t.type === 'link_open') start = i + 1;
    else if (t.type === 'link_close' && start >= 0) {
      out.push(plain(tokens.slice(start, i)).trim());
      start = -1;
    }
  });
  return out;
}

/** Links among inline tokens with their targets as written and their lines (`line` is the block's first). */
function pageLinks(tokens: readonly Token[], line: number, out: PageLink[]): void {
  let breaks = 0;
  let start = -1;
  tokens.forEach((t, i) => {
    if (t.type === 'softbreak' || t.type === 'hardbreak') breaks++;
    else if (t.type === 'link_open') start = i;
    else if (t.type === 'link_close' && start >= 0) {
      out.push({ text: plain(tokens.slice(start + 1, i)).trim(), href: String(tokens[start]!.attrGet('href') ?? ''), line: line + breaks });
      start = -1;
    }
  });
}

const clean = (s: string): string => (/\s\s|[^\S ]/.test(s) ? s.replace(/\s+/g, ' ') : s).trim();

/** 1-based first line of a block token. */
const lineOf = (t: Token): number => (t.map ? t.map[0] + 1 : 1);

/** A Graph docs annotation: `<!-- {"blockType": "request", …} -->`. */
const ANNOTATION = /^<!--\s*(\{[\s\S]*\})\s*-->$/;

export function parseAnnotation(html: string): Record<string, unknown> | undefined {
  const m = ANNOTATION.exec(html.trim());
  if (!m?.[1]) return undefined;
  try {
    const value: unknown = JSON.parse(m[1]);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A heading whose only content is a link to `#tab/…`. */
function isTabHeading(inline: readonly Token[]): boolean {
  const open = inline[0];
  const close = inline.findIndex((t) => t.type === 'link_close');
  return open?.type === 'link_open' && String(open.attrGet('href') ?? '').startsWith('#tab/') && close === inline.length - 1;
}

/** The table starting at `tokens[start]` (`table_open`): its cells, and the index after `table_close`. */
function readTable(tokens: readonly Token[], start: number, links: PageLink[]): { header: Cell[]; rows: Cell[][]; end: number } {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let rowLine = 1;
  let i = start + 1;
  for (; i < tokens.length && tokens[i]!.type !== 'table_close'; i++) {
    const t = tokens[i]!;
    if (t.type === 'tr_open') {
      row = [];
      rowLine = lineOf(t);
    } else if (t.type === 'tr_close') rows.push(row);
    else if (t.type === 'inline') {
      const inline = t.children ?? [];
      pageLinks(inline, rowLine, links);
      row.push({ text: clean(plain(inline)), links: linkTexts(inline), line: rowLine });
    }
  }
  return { header: rows[0] ?? [], rows: rows.slice(1), end: i + 1 };
}

export function parseMarkdown(file: string, text: string): Page {
  const rawLines = text.split(/\r?\n/);
  const { data: frontMatter, end } = splitFrontMatter(rawLines);
  const body = end === 0 && !text.includes('\r') ? text : rawLines.map((l, i) => (i < end ? '' : l)).join('\n');
  const page: Page = { file, format: 'markdown', frontMatter, blocks: [], links: [], findings: [], rawLines };
  const tokens = markdown.parse(body, {});
  const blocks = page.blocks;
  const links: PageLink[] = [];
  page.links = links;
  let pendingAnnotation: Record<string, unknown> | undefined;
  let quoteDepth = 0;

  let tooDeep = false;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    // markdown-it stops reading a container at maxNesting without saying so; say so.
    if (!tooDeep && token.nesting === 1 && token.level >= MAX_BLOCK_NESTING - 1) {
      tooDeep = true;
      page.findings.push(
        finding('nesting-too-deep', `block quotes and lists nest deeper than ${MAX_BLOCK_NESTING} levels here; what is nested deeper is not read`, { file, line: lineOf(token) }),
      );
    }
    switch (token.type) {
      case 'inline':
        pageLinks(token.children ?? [], lineOf(token), links);
        break;
      case 'blockquote_open':
        quoteDepth++;
        break;
      case 'blockquote_close':
        quoteDepth--;
        break;
      case 'heading_open': {
        const inline = tokens[i + 1]?.children ?? [];
        if (!isTabHeading(inline)) blocks.push({ kind: 'heading', depth: Number(token.tag.slice(1)), text: clean(plain(inline)), line: lineOf(token) });
        break;
      }
      case 'paragraph_open': {
        const inline = tokens[i + 1]?.children ?? [];
        const textOf = clean(plain(inline));
        if (/^\[!INCLUDE\b/i.test(textOf) || textOf === '') break;
        blocks.push({ kind: 'paragraph', text: textOf, line: lineOf(token), links: linkTexts(inline), quote: quoteDepth > 0 });
        break;
      }
      case 'table_open': {
        const { header, rows, end: after } = readTable(tokens, i, links);
        blocks.push({ kind: 'table', line: lineOf(token), header, rows });
        i = after - 1;
        break;
      }
      case 'fence':
      case 'code_block': {
        // The first content line: the line after a fence; kept for an indented block as the mdast parser had it.
        const start = lineOf(token) + 1;
        const value = token.content.endsWith('\n') ? token.content.slice(0, -1) : token.content;
        const lastLine = token.map ? token.map[1] : start;
        const closed = /^\s*(```|~~~)/.test(rawLines[lastLine - 1] ?? '') && lastLine > lineOf(token);
        if (!closed) {
          page.findings.push(
            finding('unterminated-code-fence', 'code fence is never closed; the rest of the page is read as code', { file, line: lineOf(token) }),
          );
        }
        const lang = token.info.trim().split(/\s/)[0];
        blocks.push({
          kind: 'code',
          line: start,
          ...(lang ? { lang: lang.toLowerCase() } : {}),
          text: value,
          lines: value.split('\n').map((_, n) => start + n),
          ...(pendingAnnotation ? { annotation: pendingAnnotation } : {}),
        });
        pendingAnnotation = undefined;
        break;
      }
      case 'html_block': {
        const annotation = parseAnnotation(token.content);
        if (annotation && typeof annotation.blockType === 'string') pendingAnnotation = annotation;
        break;
      }
    }
  }

  const firstHeading = page.blocks.find((b) => b.kind === 'heading');
  const fmTitle = frontMatter.title;
  if (fmTitle) page.title = { text: clean(fmTitle), line: 1 + Math.max(0, rawLines.findIndex((l) => /^title:/.test(l))) };
  else if (firstHeading && firstHeading.kind === 'heading') page.title = { text: firstHeading.text, line: firstHeading.line };
  return page;
}
