/**
 * Method and path templates: the "HTTP request(s)" section (Graph), else a code block of bare
 * request lines before the examples (pages that forgot the heading), else a "Request URL / HTTP
 * method" table (Genesys). Query strings of the request lines are kept (`queries`) for the
 * query-parameter pass; placeholders are named by `path-parameters.ts`.
 */
import type { MethodFact, PathFact, Source } from '../../spec/model.js';
import { codes, headingIndex, section, tables } from '../sections.js';
import type { Block, CodeBlock, Page, Paragraph } from '../page-model.js';
import { namePlaceholders, type NamedPlaceholders } from './path-parameters.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
type Method = (typeof METHODS)[number];
const LINE = /^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S.*?)\s*$/;

export interface RequestLine extends NamedPlaceholders {
  method: MethodFact;
  paths: PathFact[];
  /** Every request line of the method: its template (renamed) and query string, if any. */
  lines: Array<{ template: string; query?: string; source: Source }>;
}

/** `/calls/{id}?$select=x` → `/calls/{id}`; host and leading `api/…` without slash are normalised. */
export function pathTemplate(target: string): string | undefined {
  let t = target.trim().replace(/\s+HTTP\/[\d.]+$/, '');
  t = t.replace(/^https?:\/\/[^/]+/i, '');
  t = t.split('?')[0]!.trim();
  // Function-style segments keep their arguments without spaces: `range(deltaRows={n}, deltaColumns={n})`.
  t = t.replace(/\([^)]*\)/g, (args) => args.replace(/\s+/g, ''));
  if (!t.startsWith('/')) t = `/${t}`;
  return /^\/[^\s]*$/.test(t.replace(/\{[^}]*\}/g, 'x')) ? t : undefined;
}

/** `…?$filter=x eq 'y'` → `$filter=x eq 'y'` (undefined without a query string). */
export function queryString(target: string): string | undefined {
  const t = target.trim().replace(/\s+HTTP\/[\d.]+$/, '');
  const i = t.indexOf('?');
  return i >= 0 && i < t.length - 1 ? t.slice(i + 1).trim() : undefined;
}

const REQUEST_SECTION = /^http requests?$/i;
/** Where a page's own description of its request ends and the examples begin. */
const EXAMPLES = /^(examples?|samples?(?: \d+)?|request body|response)$/i;

/** Code blocks that hold only request lines, before the request body and examples (a page without an "HTTP request" heading). */
function bareRequestBlocks(page: Page): CodeBlock[] {
  const end = headingIndex(page, EXAMPLES);
  const before: Block[] = end < 0 ? page.blocks : page.blocks.slice(0, end);
  return codes(before).filter((b) => {
    const lines = b.text.split('\n').filter((l) => l.trim());
    return lines.length > 0 && lines.every((l) => LINE.test(l) && !/^\s*\w+\s+https?:/i.test(l));
  });
}

function deprecations(notes: Paragraph[], paths: PathFact[]): void {
  for (const note of notes) {
    if (!/\bdeprecated\b/i.test(note.text)) continue;
    for (const m of note.text.matchAll(/(\/[\w{}./-]+)\s+path\s+is\s+deprecated|(\/[\w{}./-]+)[^.]*\bis deprecated/gi)) {
      const prefix = (m[1] ?? m[2])!;
      for (const p of paths) {
        if (p.template === prefix || p.template.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) {
          p.deprecated = true;
          p.deprecation = { file: p.source.file, line: note.line };
        }
      }
    }
  }
}

export function readRequestLine(page: Page): RequestLine | undefined {
  const httpSection = section(page, REQUEST_SECTION);
  const blocks = httpSection ? codes(httpSection.blocks) : bareRequestBlocks(page);
  const found: Array<{ method: Method; template: string; query?: string; source: Source }> = [];
  for (const block of blocks) {
    block.text.split('\n').forEach((text, i) => {
      const m = LINE.exec(text);
      const template = m ? pathTemplate(m[2]!) : undefined;
      const query = m ? queryString(m[2]!) : undefined;
      if (m && template) found.push({ method: m[1] as Method, template, ...(query ? { query } : {}), source: { file: page.file, line: block.lines[i] ?? block.line } });
    });
  }
  const first = found[0];
  if (first) {
    const paths: PathFact[] = [];
    const lines: RequestLine['lines'] = [];
    for (const f of found) {
      if (f.method !== first.method) continue;
      lines.push({ template: f.template, ...(f.query ? { query: f.query } : {}), source: f.source });
      if (paths.some((p) => p.template === f.template)) continue;
      paths.push({ template: f.template, deprecated: false, source: f.source, level: 'MUST' });
    }
    const notes = (httpSection?.blocks ?? []).filter((b): b is Paragraph => b.kind === 'paragraph');
    deprecations(notes, paths);
    const named = namePlaceholders(paths);
    return { method: { value: first.method, source: first.source, level: 'MUST' }, ...named, lines: lines.map((l) => ({ ...l, template: named.renamed(l.template) })) };
  }
  // Key/value tables: "Request URL | /api/v2/…" and "HTTP method | POST".
  for (const table of tables(page.blocks)) {
    const rows = [table.header, ...table.rows];
    const url = rows.find((r) => /^(request )?url$|^endpoint$|^resource url$/i.test(r[0]?.text ?? ''));
    const method = rows.find((r) => /^(http )?method$/i.test(r[0]?.text ?? ''));
    const m = method?.[1]?.text.trim().toUpperCase();
    const template = url?.[1] ? pathTemplate(url[1].text) : undefined;
    if (url && method && template && (METHODS as readonly string[]).includes(m ?? '')) {
      const paths: PathFact[] = [{ template, deprecated: false, source: { file: page.file, line: url[1]!.line }, level: 'MUST' }];
      return { method: { value: m as Method, source: { file: page.file, line: method[1]!.line }, level: 'MUST' }, ...namePlaceholders(paths), lines: paths.map((p) => ({ template: p.template, source: p.source })) };
    }
  }
  return undefined;
}
