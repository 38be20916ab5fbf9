/** Resource pages ("commsOperation resource type") → ResourceSpec: the properties table. */
import type { PropertyFact, ResourceSpec } from '../spec/model.js';
import { enumOfText, maxLengthOfText, typeOfCell } from './facts-from-text.js';
import type { Page } from './page-model.js';
import { column, codes, section, tables } from './sections.js';
import { readUntested } from './passes/untested.js';

export function isResourcePage(page: Page): boolean {
  return page.frontMatter.doc_type === 'resourcePageType' || /\bresource type$/i.test(page.title?.text ?? '');
}

export function extractResource(page: Page, profile: string): ResourceSpec | undefined {
  const name = /^(\w+)\s+resource type$/i.exec(page.title?.text ?? '')?.[1];
  const sec = section(page, /^properties$/i);
  if (!name || !sec) return undefined;
  const properties: PropertyFact[] = [];
  for (const table of tables(sec.blocks)) {
    const nameCol = column(table, /^(property|name)$/i);
    const typeCol = column(table, /^type$/i);
    const descCol = column(table, /^description$/i);
    if (nameCol < 0) continue;
    for (const row of table.rows) {
      const propName = row[nameCol]?.text.trim();
      if (!propName || !/^[@A-Za-z][\w.@-]*$/.test(propName)) continue;
      const source = { file: page.file, line: row[nameCol]!.line };
      const desc = row[descCol]?.text.trim() ?? '';
      const typed = typeOfCell(row[typeCol]) ?? { type: 'string' as const };
      const enumFact = enumOfText(desc, source);
      const maxLength = typed.type === 'string' ? maxLengthOfText(desc, source) : undefined;
      properties.push({
        name: propName,
        // A Type cell naming an enum type (`callDirection`) documents string values.
        type: enumFact && typed.type === 'object' ? 'string' : typed.type,
        ...(typed.items ? { items: enumFact ? 'string' : typed.items } : {}),
        ...(typed.resource && !enumFact ? { resource: typed.resource } : {}),
        ...(desc ? { description: desc } : {}),
        ...(/\bread-only\b/i.test(desc) ? { readOnly: true } : {}),
        ...(enumFact ? { enum: enumFact } : {}),
        ...(maxLength ? { maxLength } : {}),
        source,
      });
    }
  }
  const annotated = codes(page.blocks).map((c) => c.annotation?.['@odata.type']).find((t): t is string => typeof t === 'string');
  return {
    kind: 'resource',
    profile,
    resource: name,
    ...(annotated ? { odataType: annotated } : {}),
    title: page.title?.text ?? name,
    sources: [page.file],
    properties,
    untested: readUntested(page, []),
  };
}
