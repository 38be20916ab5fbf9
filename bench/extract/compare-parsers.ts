/**
 * The markdown parser may change only if extraction stays the same: this runs every page of a
 * corpus (default graph-full) through the current parser (markdown-it, src/extract/parse-markdown.ts)
 * and the previous one (micromark/mdast, kept here as parse-markdown-mdast.ts), extracts and lints
 * both page models, and compares the specs and findings (with their file:line and column).
 * Also times both side by side (parse alone, and parse + extract + lint). Exit 1 when any page differs.
 * `npx tsx bench/extract/compare-parsers.ts [corpus]`
 */
import { isDeepStrictEqual } from 'node:util';
import { extractParsed, type PageResult } from '../../src/extract/index.js';
import type { Page } from '../../src/extract/page-model.js';
import { parseMarkdown } from '../../src/extract/parse-markdown.js';
import { lintExtracted, sortFindings } from '../../src/lint/index.js';
import { corpusPages, GRAPH_FULL } from './corpus-pages.js';
import { bestPass } from './extract.bench.js';
import { parseMarkdown as parseMarkdownMdast } from './parse-markdown-mdast.js';

type Parser = (file: string, text: string) => Page;

function outcome(page: Page): { spec: PageResult['spec']; findings: PageResult['findings'] } {
  const result = extractParsed(page);
  return { spec: result.spec, findings: sortFindings([...result.findings, ...lintExtracted(result, {})]) };
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
  const rate = (ms: number): string => `${(ms / 1000).toFixed(2)} s CPU, ${Math.round((pages.length / ms) * 1000)} pages/s`;
  const side = (label: string, parse: Parser): string => {
    const parseOnly = bestPass(pages, parse).cpuMs;
    const withExtraction = bestPass(pages, (f, t) => outcome(parse(f, t))).cpuMs;
    return `${label}: parse ${rate(parseOnly)}; parse + extract + lint ${rate(withExtraction)}`;
  };
  const report = [
    `${pages.length} pages: specs + findings differ on ${differing.length}; page models differ on ${pageModelsDiffering}`,
    `one core, best of 3 passes (CPU time of this process):`,
    side('mdast-util-from-markdown (before)', parseMarkdownMdast),
    side('markdown-it (now)', parseMarkdown),
  ].join('\n');
  return { pages: pages.length, differing, pageModelsDiffering, report };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = compareParsers(process.argv[2]);
  console.log(result.report);
  for (const f of result.differing.slice(0, 20)) console.log(`differs: ${f}`);
  process.exitCode = result.differing.length ? 1 : 0;
}
