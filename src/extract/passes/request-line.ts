/** Method and path templates: the "HTTP request" section (Graph) or a "Request URL / HTTP method" table (Genesys). */
import type { MethodFact, PathFact, Source } from '../../spec/model.js';
import { codes, section, tables } from '../sections.js';
import type { Page, Paragraph } from '../page-model.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
type Method = (typeof METHODS)[number];
const LINE = /^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S.*?)\s*$/;

export interface RequestLine {
  method: MethodFact;
  paths: PathFact[];
  pathParameters: string[];
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

function pathParams(paths: PathFact[]): string[] {
  const names = new Set<string>();
  for (const p of paths) for (const m of p.template.matchAll(/\{([^}|\s]+)[^}]*\}/g)) names.add(m[1]!);
  return [...names];
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
  const httpSection = section(page, /^http request$/i);
  if (httpSection) {
    const found: Array<{ method: Method; template: string; source: Source }> = [];
    for (const block of codes(httpSection.blocks)) {
      block.text.split('\n').forEach((text, i) => {
        const m = LINE.exec(text);
        const template = m ? pathTemplate(m[2]!) : undefined;
        if (m && template) found.push({ method: m[1] as Method, template, source: { file: page.file, line: block.lines[i] ?? block.line } });
      });
    }
    const first = found[0];
    if (first) {
      const paths: PathFact[] = [];
      for (const f of found) {
        if (f.method !== first.method || paths.some((p) => p.template === f.template)) continue;
        paths.push({ template: f.template, deprecated: false, source: f.source, level: 'MUST' });
      }
      const notes = httpSection.blocks.filter((b): b is Paragraph => b.kind === 'paragraph');
      deprecations(notes, paths);
      return { method: { value: first.method, source: first.source, level: 'MUST' }, paths, pathParameters: pathParams(paths) };
    }
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
      return { method: { value: m as Method, source: { file: page.file, line: method[1]!.line }, level: 'MUST' }, paths, pathParameters: pathParams(paths) };
    }
  }
  return undefined;
}
