/**
 * The shared enum page (`enums.md`, front matter `doc_type: enumPageType`): one section per enum
 * type, "### operationStatus values", over a table whose first column lists the members.
 */
import type { Page } from './page-model.js';
import type { Source } from '../spec/model.js';

export interface EnumSection {
  /** The enum type as the heading names it: `operationStatus`. */
  name: string;
  source: Source;
  members: { name: string; source: Source }[];
}

export function isEnumPage(page: Page): boolean {
  return page.frontMatter.doc_type === 'enumPageType' || /^enum(eration)? values$/i.test(page.title?.text ?? '');
}

/** Every "<name> values" section with a member table. */
export function enumSections(page: Page): EnumSection[] {
  const out: EnumSection[] = [];
  let current: EnumSection | undefined;
  for (const block of page.blocks) {
    if (block.kind === 'heading') {
      const name = /^`?(\w+)`? values$/i.exec(block.text.trim())?.[1];
      current = name ? { name, source: { file: page.file, line: block.line }, members: [] } : undefined;
      if (current) out.push(current);
    } else if (block.kind === 'table' && current && current.members.length === 0 && /^(member|name|value)s?$/i.test(block.header[0]?.text.trim() ?? '')) {
      for (const row of block.rows) {
        const member = row[0]?.text.replace(/`/g, '').trim();
        if (member && /^\w+$/.test(member)) current.members.push({ name: member, source: { file: page.file, line: row[0]!.line } });
      }
    }
  }
  return out.filter((s) => s.members.length > 0);
}
