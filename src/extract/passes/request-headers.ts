/**
 * Request headers from the "Request headers" table: name, documented value, whether required.
 * A cell is a value only where it reads as one (`application/json`, `Bearer {token}`, `eventual`,
 * `odata.maxpagesize={x}`); prose ("Nature of the data in the body of an entity") stays the
 * description. Headers HTTP computes from the message itself never get a fixed value.
 */
import type { HeaderFact } from '../../spec/model.js';
import { requiredOfText } from '../facts-from-text.js';
import { column, section, tables } from '../sections.js';
import type { Page } from '../page-model.js';

/** The platform requires credentials on every call even where a page forgets to say "Required". */
const ALWAYS_REQUIRED = /^authorization$/i;
/** Set by the client from the message (a documented `Content-Length: 0` with a body would be a lie on the wire). */
const COMPUTED = /^(content-length|host|transfer-encoding|connection)$/i;
const VALUE_SHAPES = [
  /^[\w.+-]+\/[\w.+*-]+(\s*;\s*[\w-]+=[^\s;]+)*$/, // media type, with parameters
  /^(Bearer|Basic)\s+(\{[^}]+\}|<[^>]+>|&lt;\w+&gt;)$/i, // credentials placeholder
  /^\{[^}\s]+\}$/, // a lone placeholder
  /^[^\s]+$/, // one token: `eventual`, `odata.maxpagesize={x}`, `return=representation`
];

/** The documented value in a header's description cell, if the cell gives one. */
export function headerValue(name: string, description: string): string | undefined {
  if (COMPUTED.test(name)) return undefined;
  const first = description.replace(/\.?\s*\b(required|optional)\b\.?.*$/i, '').split(/(?<=[^.\s]{2})\.\s/)[0]!.trim().replace(/\.$/, '');
  return first && VALUE_SHAPES.some((shape) => shape.test(first)) ? first : undefined;
}

export function readRequestHeaders(page: Page): HeaderFact[] {
  const sec = section(page, /^request headers?$/i);
  if (!sec) return [];
  const out: HeaderFact[] = [];
  for (const table of tables(sec.blocks)) {
    const nameCol = Math.max(0, column(table, /^(name|header)$/i));
    const descCol = column(table, /^(description|value)$/i);
    for (const row of table.rows) {
      const name = row[nameCol]?.text.trim();
      if (!name || !/^[A-Za-z][A-Za-z0-9-]*$/.test(name)) continue;
      const desc = descCol >= 0 ? (row[descCol]?.text.trim() ?? '') : '';
      const stated = requiredOfText(desc);
      const value = headerValue(name, desc);
      const source = { file: page.file, line: row[nameCol]!.line };
      const base = { name, ...(value ? { value } : {}), ...(desc ? { description: desc } : {}), source };
      if (stated !== undefined) out.push({ ...base, required: stated, level: 'MUST' });
      else if (ALWAYS_REQUIRED.test(name)) {
        out.push({ ...base, required: true, level: 'SHOULD', basis: 'the page lists the header without saying Required; the platform requires credentials on every request' });
      } else out.push({ ...base, required: false, level: 'MUST' });
    }
  }
  return out;
}
