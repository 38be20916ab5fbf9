/**
 * List answers of the reference server: the OData query options it honours on a collection
 * (`$filter` with `eq` on a documented property, `$top` with a `$skiptoken` next link) and the
 * collection envelope (`{"value": […], "@odata.nextLink": …}`). Pure.
 */
import type { Json, JsonObject } from './bodies.js';

export interface ListQuery {
  top?: number;
  skip: number;
  filter?: { property: string; value: Json };
}

/** The query options of a list request, or why they cannot be honoured (a 400). */
export function readListQuery(search: URLSearchParams, documented: readonly string[] | undefined): ListQuery | { error: string } {
  const out: ListQuery = { skip: 0 };
  const top = search.get('$top');
  if (top !== null) {
    if (!/^\d{1,6}$/.test(top)) return { error: `$top must be a non-negative integer, got ${JSON.stringify(top)}` };
    out.top = Number(top);
  }
  const skip = search.get('$skiptoken');
  if (skip !== null) {
    if (!/^\d{1,6}$/.test(skip)) return { error: `$skiptoken ${JSON.stringify(skip)} was not issued by this server` };
    out.skip = Number(skip);
  }
  const filter = search.get('$filter');
  if (filter !== null) {
    const m = /^\s*([A-Za-z_][\w]*)\s+eq\s+('(?:[^']|'')*'|-?\d+(?:\.\d+)?|true|false|null)\s*$/.exec(filter);
    if (!m?.[1] || m[2] === undefined) return { error: `$filter ${JSON.stringify(filter)} is not supported (only "<property> eq <value>")` };
    if (documented && !documented.includes(m[1])) return { error: `$filter names ${m[1]}, which is not a documented property (${documented.join(', ')})` };
    const literal = m[2];
    const value: Json = literal.startsWith("'") ? literal.slice(1, -1).replace(/''/g, "'") : (JSON.parse(literal) as Json);
    out.filter = { property: m[1], value };
  }
  return out;
}

/** One page of `items` under `query`, and the offset of the next page when there is one. */
export function pageOf(items: readonly JsonObject[], query: ListQuery): { page: JsonObject[]; next: number | undefined } {
  const f = query.filter;
  const kept = f ? items.filter((i) => JSON.stringify(i[f.property] ?? null) === JSON.stringify(f.value)) : [...items];
  const end = query.top === undefined ? kept.length : query.skip + query.top;
  return { page: kept.slice(query.skip, end), next: end < kept.length ? end : undefined };
}

/** The `@odata.nextLink` of the next page: the request URL with `$skiptoken` set. */
export function nextLink(origin: string, path: string, search: URLSearchParams, next: number): string {
  const params = new URLSearchParams(search);
  params.set('$skiptoken', String(next));
  return `${origin}${path}?${params.toString().replace(/%24/g, '$')}`;
}
