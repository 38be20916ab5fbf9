/** Permission scopes from the "Permissions" table (kept as facts; testing them needs the platform's identity provider). */
import type { PermissionFact } from '../../spec/model.js';
import type { Page } from '../page-model.js';
import { section, tables } from '../sections.js';

const NOT_SCOPES = /^(not supported\.?|not applicable\.?|none\.?|n\/a)$/i;

export function readPermissions(page: Page): PermissionFact[] {
  const sec = section(page, /^permissions$/i);
  const out: PermissionFact[] = [];
  for (const table of tables(sec?.blocks ?? [])) {
    for (const row of table.rows) {
      const kind = row[0]?.text.trim();
      const cell = row[1]?.text.trim() ?? '';
      if (!kind || NOT_SCOPES.test(cell) || /\bTODO\b/i.test(cell)) continue;
      const scopes = cell.split(/\s*,\s*|\s+or\s+/).map((s) => s.replace(/[*_`]/g, '').trim()).filter((s) => /^[A-Za-z][\w.-]*$/.test(s));
      if (scopes.length) out.push({ kind, scopes, source: { file: page.file, line: row[1]!.line } });
    }
  }
  return out;
}
