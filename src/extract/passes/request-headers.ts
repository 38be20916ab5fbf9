/** Request headers from the "Request headers" table: name, documented value, whether required. */
import type { HeaderFact } from '../../spec/model.js';
import { requiredOfText } from '../facts-from-text.js';
import { column, section, tables } from '../sections.js';
import type { Page } from '../page-model.js';

/** The platform requires credentials on every call even where a page forgets to say "Required". */
const ALWAYS_REQUIRED = /^authorization$/i;

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
      const value = desc.replace(/\.?\s*\b(required|optional)\b\.?.*$/i, '').trim().replace(/\.$/, '');
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
