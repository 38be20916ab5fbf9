/**
 * The parser used before markdown-it, kept for `compare-parsers.ts` only (annotations are read by
 * the current parser's function). Graph-style markdown → page model, with the unified/remark family (micromark → mdast, GFM tables;
 * the other GFM constructs are not used by reference pages and cost a third of the parse time).
 * Front matter is read with `yaml`; `<!-- {"blockType": …} -->` annotations attach to the next
 * code block; tab-group headings (`# [HTTP](#tab/http)`) and `[!INCLUDE …]` lines are not
 * document structure and are skipped.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Nodes, Parent, RootContent, Table as MdTable } from 'mdast';
import { parse as parseYaml } from 'yaml';
import type { Block, Cell, Page, PageLink } from '../../src/extract/page-model.js';
import { finding } from '../../src/extract/findings.js';
import { parseAnnotation } from '../../src/extract/parse-markdown.js';

/** Markdown nodes → plain text: inline code keeps its value, links keep their text. */
function plain(node: Nodes): string {
  if (node.type === 'html') return /^<br\s*\/?>$/i.test(node.value.trim()) ? ' ' : '';
  if ('value' in node && typeof node.value === 'string') return node.value;
  if (node.type === 'break') return ' ';
  if ('children' in node) return (node.children as Nodes[]).map(plain).join('');
  return '';
}

function linkTexts(node: Nodes, out: string[] = []): string[] {
  if (node.type === 'link' || node.type === 'linkReference') out.push(plain(node).trim());
  if ('children' in node) for (const c of node.children as Nodes[]) linkTexts(c, out);
  return out;
}

/** Every link of the tree with its target (for finding referenced resource pages). */
function pageLinks(node: Nodes, out: PageLink[] = []): PageLink[] {
  if (node.type === 'link') out.push({ text: plain(node).trim(), href: node.url, line: lineOf(node) });
  if ('children' in node) for (const c of node.children as Nodes[]) pageLinks(c, out);
  return out;
}

const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

/** Front matter occupies lines 1..n between `---` fences; it is blanked out before parsing so lines stay true. */
function splitFrontMatter(lines: string[]): { data: Record<string, string>; end: number } {
  if (lines[0]?.trim() !== '---') return { data: {}, end: 0 };
  const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (close < 0) return { data: {}, end: 0 };
  const data: Record<string, string> = {};
  try {
    const parsed: unknown = parseYaml(lines.slice(1, close).join('\n'));
    if (parsed && typeof parsed === 'object') {
      for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
        if (v !== null && typeof v !== 'object') data[k] = String(v);
      }
    }
  } catch {
    // Unparseable front matter is reported by lint; the page body is still read.
  }
  return { data, end: close + 1 };
}

function isTabHeading(node: RootContent): boolean {
  if (node.type !== 'heading') return false;
  const only = node.children.length === 1 ? node.children[0] : undefined;
  return only?.type === 'link' && only.url.startsWith('#tab/');
}

function tableCells(table: MdTable): { header: Cell[]; rows: Cell[][] } {
  const rows = table.children.map((row) =>
    row.children.map((cell): Cell => ({ text: clean(plain(cell)), links: linkTexts(cell), line: lineOf(row) })),
  );
  return { header: rows[0] ?? [], rows: rows.slice(1) };
}

export function parseMarkdown(file: string, text: string): Page {
  const rawLines = text.split(/\r?\n/);
  const { data: frontMatter, end } = splitFrontMatter(rawLines);
  const body = rawLines.map((l, i) => (i < end ? '' : l)).join('\n');
  const tree = fromMarkdown(body, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
  const page: Page = { file, format: 'markdown', frontMatter, blocks: [], links: pageLinks(tree), findings: [], rawLines };
  let pendingAnnotation: Record<string, unknown> | undefined;

  const visit = (nodes: RootContent[], quote: boolean): void => {
    for (const node of nodes) {
      const blocks = page.blocks;
      switch (node.type) {
        case 'heading':
          if (isTabHeading(node)) break;
          blocks.push({ kind: 'heading', depth: node.depth, text: clean(plain(node)), line: lineOf(node) });
          break;
        case 'paragraph': {
          const textOf = clean(plain(node));
          if (/^\[!INCLUDE\b/i.test(textOf) || textOf === '') break;
          blocks.push({ kind: 'paragraph', text: textOf, line: lineOf(node), links: linkTexts(node), quote });
          break;
        }
        case 'table':
          blocks.push({ kind: 'table', line: lineOf(node), ...tableCells(node) });
          break;
        case 'code': {
          const start = lineOf(node) + (node.position && node.position.start.column > 0 ? 1 : 0);
          const contentLines = node.value.split('\n');
          const fenceEnd = node.position?.end.line ?? start;
          const closed = /^\s*(```|~~~)/.test(rawLines[fenceEnd - 1] ?? '') && fenceEnd > lineOf(node);
          if (!closed) {
            page.findings.push(
              finding('unterminated-code-fence', 'code fence is never closed; the rest of the page is read as code', { file, line: lineOf(node) }),
            );
          }
          const block: Block = {
            kind: 'code',
            line: start,
            ...(node.lang ? { lang: node.lang.toLowerCase() } : {}),
            text: node.value,
            lines: contentLines.map((_, i) => start + i),
            ...(pendingAnnotation ? { annotation: pendingAnnotation } : {}),
          };
          pendingAnnotation = undefined;
          blocks.push(block);
          break;
        }
        case 'html': {
          const annotation = parseAnnotation(node.value);
          if (annotation && typeof annotation.blockType === 'string') pendingAnnotation = annotation;
          break;
        }
        case 'blockquote':
          visit(node.children, true);
          break;
        case 'list':
          for (const item of node.children) visit(item.children, quote);
          break;
        default:
          if ('children' in node) visit((node as Parent).children as RootContent[], quote);
      }
    }
  };
  visit(tree.children, false);

  const firstHeading = page.blocks.find((b) => b.kind === 'heading');
  const fmTitle = frontMatter.title;
  if (fmTitle) page.title = { text: clean(fmTitle), line: 1 + Math.max(0, rawLines.findIndex((l) => /^title:/.test(l))) };
  else if (firstHeading && firstHeading.kind === 'heading') page.title = { text: firstHeading.text, line: firstHeading.line };
  return page;
}
