/**
 * Enum types defined on a page of their own or on a shared page (`enums.md`): a heading
 * `callState values` (or `callState enum`) followed by a table whose first column lists the members.
 */
import type { EnumFact } from '../spec/model.js';
import type { Page } from './page-model.js';

const ENUM_HEADING = /^(\w+)\s+(?:values|enum(?:eration)?(?: type)?)$/i;

/** Enum name (lower case) → its members, citing the table's first row. */
export function enumsOfPage(page: Page): Map<string, EnumFact> {
  const out = new Map<string, EnumFact>();
  let name: string | undefined;
  for (const b of page.blocks) {
    if (b.kind === 'heading') name = ENUM_HEADING.exec(b.text.trim())?.[1];
    if (b.kind !== 'table' || !name) continue;
    const values = b.rows.map((r) => r[0]?.text.replace(/[`*]/g, '').trim() ?? '').filter((v) => /^[A-Za-z][\w.-]*$/.test(v));
    if (values.length && !out.has(name.toLowerCase())) {
      out.set(name.toLowerCase(), { values, source: { file: page.file, line: b.rows[0]![0]!.line }, level: 'MUST', ...(values.includes('unknownFutureValue') ? { evolvable: true } : {}) });
    }
    name = undefined;
  }
  return out;
}
