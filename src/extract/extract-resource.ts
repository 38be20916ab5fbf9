/**
 * Resource pages ("commsOperation resource type") → ResourceSpec: the Properties table and the
 * Relationships table (navigation properties). The name column may be headed `Property`, `Name` or
 * `Relationship` in any casing; a table in those sections with no such column is a finding.
 */
import type { Finding } from '../spec/finding.js';
import type { PropertyFact, ResourceSpec } from '../spec/model.js';
import { enumOfText, maxLengthOfText, typeOfCell } from './facts-from-text.js';
import { finding } from './findings.js';
import type { Page } from './page-model.js';
import { column, codes, section, tables } from './sections.js';
import { readUntested } from './passes/untested.js';

const NAME_COLUMN = /^(property|name|relationship)$/i;

export function isResourcePage(page: Page): boolean {
  return page.frontMatter.doc_type === 'resourcePageType' || /\bresource type$/i.test(page.title?.text ?? '');
}

/**
 * The type's name: from "X resource type" in the title or first heading, else a one-word title.
 * Graph type names are camelCase; a title that capitalises one (`IdentitySet`) is read as `identitySet`.
 */
export function resourceName(page: Page): string | undefined {
  const heading = page.blocks.find((b) => b.kind === 'heading');
  const texts = [page.title?.text, heading?.kind === 'heading' ? heading.text : undefined].filter((t): t is string => !!t);
  const name = texts.map((t) => /^(\w+)\s+(?:resource|complex) type$/i.exec(t.trim())?.[1]).find(Boolean) ?? texts.map((t) => /^([A-Za-z]\w*)$/.exec(t.trim())?.[1]).find(Boolean);
  return name && /^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

export function extractResource(page: Page, profile: string): { spec?: ResourceSpec; findings: Finding[] } {
  const name = resourceName(page);
  const sec = section(page, /^properties$/i);
  if (!name || !sec) {
    const missing = name ? 'no Properties section' : 'no type name in its title ("X resource type")';
    return { findings: [finding('unread-resource-page', `resource page with ${missing}; no resource spec is written for it`, { file: page.file, line: page.title?.line ?? 1 })] };
  }
  const findings: Finding[] = [];
  const properties: PropertyFact[] = [];
  const relationships = section(page, /^relationships$/i);
  const tablesRead = [...tables(sec.blocks).map((t) => ({ table: t, relationship: false })), ...tables(relationships?.blocks ?? []).map((t) => ({ table: t, relationship: true }))];
  for (const { table, relationship } of tablesRead) {
    const nameCol = column(table, NAME_COLUMN);
    const typeCol = column(table, /^type$/i);
    const descCol = column(table, /^description$/i);
    if (nameCol < 0) {
      findings.push(finding('unread-property-table', `the ${relationship ? 'Relationships' : 'Properties'} table has no Property, Name or Relationship column (header: ${table.header.map((c) => c.text).join(' | ')}); its rows are not read`, { file: page.file, line: table.line }));
      continue;
    }
    for (const row of table.rows) {
      const propName = row[nameCol]?.text.trim();
      if (!propName || !/^[@A-Za-z][\w.@-]*$/.test(propName) || properties.some((p) => p.name === propName)) continue;
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
        ...(typed.format ? { format: typed.format } : {}),
        ...(typed.odataType ? { odataType: typed.odataType } : {}),
        ...(typed.resource && !enumFact ? { resource: typed.resource } : {}),
        ...(desc ? { description: desc } : {}),
        ...(/\bread-only\b/i.test(desc) ? { readOnly: true } : {}),
        ...(relationship ? { relationship: true } : {}),
        ...(enumFact ? { enum: enumFact } : {}),
        ...(maxLength ? { maxLength } : {}),
        source,
      });
    }
  }
  const annotated = codes(page.blocks).map((c) => c.annotation?.['@odata.type']).find((t): t is string => typeof t === 'string');
  const spec: ResourceSpec = {
    kind: 'resource',
    profile,
    resource: name,
    ...(annotated ? { odataType: annotated } : {}),
    title: page.title?.text ?? name,
    sources: [page.file],
    properties,
    untested: readUntested(page, []),
  };
  return { spec, findings };
}
