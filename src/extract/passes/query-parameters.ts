/**
 * Query parameters: those every documented request line of a path carries (`?$filter=…`: part of
 * the request, so required for that path), those only some lines show (optional), the OData options the "Optional query parameters" prose names
 * (`$select`, `$expand`, …: supported, optional) and the rows of a "Query parameters" or
 * "Function parameters" table (required when the row says so).
 */
import type { QueryParameterFact } from '../../spec/model.js';
import { requiredOfText } from '../facts-from-text.js';
import type { Page } from '../page-model.js';
import { column, section, tables } from '../sections.js';
import type { RequestLine } from './request-line.js';

const QUERY_SECTION = /^(optional )?(query|function) parameters$/i;
const ODATA_OPTION = /(?<![\w$])\$(filter|select|expand|top|skip|orderby|count|search|format|skiptoken|deltatoken)\b/gi;

/** `$filter=a eq 'b'&$top=5` → [[`$filter`, `a eq 'b'`], [`$top`, `5`]]. */
function pairs(query: string): Array<[string, string | undefined]> {
  return query
    .split('&')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part): [string, string | undefined] => {
      const eq = part.indexOf('=');
      return eq < 0 ? [part, undefined] : [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
    })
    .filter(([name]) => /^\$?[A-Za-z][\w.-]*$/.test(name));
}

export function readQueryParameters(page: Page, line: RequestLine): QueryParameterFact[] {
  const out: QueryParameterFact[] = [];
  const add = (fact: QueryParameterFact): void => {
    if (!out.some((q) => q.name.toLowerCase() === fact.name.toLowerCase() && q.path === fact.path)) out.push(fact);
  };
  for (const l of line.lines) {
    for (const [name, value] of pairs(l.query ?? '')) {
      const carries = (t: string): boolean => line.lines.filter((o) => o.template === t).every((o) => pairs(o.query ?? '').some(([n]) => n === name));
      // Required where every request line of the path carries it; of the operation when that holds for every path.
      if (!carries(l.template)) continue;
      const onAll = line.paths.every((p) => carries(p.template));
      add({ name, required: true, ...(value ? { value } : {}), ...(onAll ? {} : { path: l.template }), source: l.source, level: 'MUST' });
    }
  }
  // The other options the request lines show are optional.
  for (const l of line.lines) {
    for (const [name, value] of pairs(l.query ?? '')) {
      if (!out.some((q) => q.name === name)) add({ name, required: false, ...(value ? { value } : {}), source: l.source, level: 'MUST' });
    }
  }
  const sec = section(page, QUERY_SECTION);
  if (!sec) return out;
  for (const b of sec.blocks) {
    if (b.kind !== 'paragraph') continue;
    for (const m of b.text.matchAll(ODATA_OPTION)) add({ name: `$${m[1]!}`, required: false, source: { file: page.file, line: b.line }, level: 'MUST' });
  }
  for (const table of tables(sec.blocks)) {
    const nameCol = column(table, /^(name|parameter|query parameter)$/i);
    if (nameCol < 0) continue;
    const descCol = column(table, /^description$/i);
    for (const row of table.rows) {
      const name = row[nameCol]?.text.replace(/[`*]/g, '').trim();
      if (!name || !/^\$?[A-Za-z][\w.-]*$/.test(name)) continue;
      const desc = descCol >= 0 ? (row[descCol]?.text.trim() ?? '') : '';
      add({ name, required: requiredOfText(desc) ?? false, ...(desc ? { description: desc } : {}), source: { file: page.file, line: row[nameCol]!.line }, level: 'MUST' });
    }
  }
  return out;
}
