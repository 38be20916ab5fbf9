/**
 * The markdown parser may change only if extraction stays the same: this runs every page of a
 * corpus (default graph-full) through the current parser (markdown-it, src/extract/parse-markdown.ts)
 * and the previous one (micromark/mdast, kept here as parse-markdown-mdast.ts), extracts and lints
 * both page models, and compares the specs and findings (with their file:line and column).
 * Also times both parsers side by side. Exit 1 when any page differs.
 * `npx tsx bench/extract/compare-parsers.ts [corpus]`
 */
import { isDeepStrictEqual } from 'node:util';
import { extractParsed, type PageResult } from '../../src/extract/index.js';
import type { Page } from '../../src/extract/page-model.js';
import { parseMarkdown } from '../../src/extract/parse-markdown.js';
import { lintExtracted, sortFindings } from '../../src/lint/index.js';
import { corpusPages, GRAPH_FULL } from './corpus-pages.js';
import { parseMarkdown as parseMarkdownMdast } from './parse-markdown-mdast.js';

type Parser = (file: string, text: string) => Page;

function outcome(page: Page): { spec: PageResult['spec']; findings: PageResult['findings'] } {
  const result = extractParsed(page);
  return { spec: result.spec, findings: sortFindings([...result.findings, ...lintExtracted(result, {})]) };
}

function timeParser(parse: Parser, pages: Array<[string, string]>): number {
  for (const [f, t] of pages.slice(0, 200)) parse(f, t);
  const t0 = performance.now();
  for (const [f, t] of pages) parse(f, t);
  return performance.now() - t0;
}

export function compareParsers(corpus = GRAPH_FULL): { pages: number; differing: string[]; pageModelsDiffering: number; report: string } {
  const pages = corpusPages(corpus);
  const differing: string[] = [];
  let pageModelsDiffering = 0;
  for (const [file, text] of pages) {
    const before = parseMarkdownMdast(file, text);
    const after = parseMarkdown(file, text);
    if (!isDeepStrictEqual(before, after)) pageModelsDiffering++;
    if (!isDeepStrictEqual(outcome(before), outcome(after))) differing.push(file);
  }
  const mdastMs = timeParser(parseMarkdownMdast, pages);
  const markdownItMs = timeParser(parseMarkdown, pages);
  const rate = (ms: number): string => `${Math.round((pages.length / ms) * 1000)} pages/s`;
  const report = [
    `${pages.length} pages: specs + findings differ on ${differing.length}; page models differ on ${pageModelsDiffering}`,
    `parse only, one core: mdast-util-from-markdown ${(mdastMs / 1000).toFixed(2)} s (${rate(mdastMs)}), markdown-it ${(markdownItMs / 1000).toFixed(2)} s (${rate(markdownItMs)})`,
  ].join('\n');
  return { pages: pages.length, differing, pageModelsDiffering, report };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = compareParsers(process.argv[2]);
  console.log(result.report);
  for (const f of result.differing.slice(0, 20)) console.log(`differs: ${f}`);
  process.exitCode = result.differing.length ? 1 : 0;
}
