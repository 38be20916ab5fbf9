/**
 * Enum types listed in a section of their own: a heading `operationStatus values` (or `State
 * Enumeration`, `callState enum type`) over a table whose first column lists the members. The
 * shared enum page (`enums.md`, front matter `doc_type: enumPageType`) is all such sections; a
 * resource page may carry one too (`quota.md`). Extraction reads the members of an enum-typed
 * field from here; the cross-source lint compares the shared page's sections with the metadata.
 */
import type { EnumFact, Source } from '../spec/model.js';
import type { Page } from './page-model.js';

export interface EnumSection {
  /** The enum type as the heading names it: `operationStatus`. */
  name: string;
  /** The page's `Namespace: microsoft.graph.callRecords` line, when it has one: enums-callrecords.md's `modality` is not enums.md's. */
  namespace?: string;
  /** The heading. */
  source: Source;
  members: { name: string; source: Source }[];
}

const ENUM_HEADING = /^`?(\w+)`?\s+(?:values|enum(?:eration)?(?: type)?)$/i;
const MEMBER = /^[A-Za-z][\w.-]*$/;
const NAMESPACE = /^Namespace:\s*([\w.]+)$/;

export function isEnumPage(page: Page): boolean {
  return page.frontMatter.doc_type === 'enumPageType' || /^enum(eration)? values$/i.test(page.title?.text ?? '');
}

/** The page's `Namespace: microsoft.graph.callRecords` line, when it has one. */
export function pageNamespace(page: Page): string | undefined {
  for (const block of page.blocks) {
    const ns = block.kind === 'paragraph' ? NAMESPACE.exec(block.text.trim())?.[1] : undefined;
    if (ns) return ns;
  }
  return undefined;
}

/** Every enum section of the page that lists at least one member: the first table after its heading. */
export function enumSections(page: Page): EnumSection[] {
  const out: EnumSection[] = [];
  let current: EnumSection | undefined;
  const namespace = pageNamespace(page);
  for (const block of page.blocks) {
    if (block.kind === 'heading') {
      const name = ENUM_HEADING.exec(block.text.trim())?.[1];
      current = name ? { name, ...(namespace ? { namespace } : {}), source: { file: page.file, line: block.line }, members: [] } : undefined;
    } else if (block.kind === 'table' && current) {
      for (const row of block.rows) {
        const member = row[0]?.text.replace(/[`*]/g, '').trim() ?? '';
        if (MEMBER.test(member)) current.members.push({ name: member, source: { file: page.file, line: row[0]!.line } });
      }
      if (current.members.length) out.push(current);
      current = undefined;
    }
  }
  return out;
}

/** The enum's qualified name, lower case (`microsoft.graph.callrecords.modality`); a page without a Namespace line is taken to be in `defaultNamespace`. */
export function qualifiedEnumKey(section: EnumSection, defaultNamespace: string): string {
  return `${section.namespace ?? defaultNamespace}.${section.name}`.toLowerCase();
}

/** A section as the spec's enum fact of a field typed with it, citing the section's first member. */
export function enumFact(section: EnumSection): EnumFact {
  const values = section.members.map((m) => m.name);
  return { values, source: section.members[0]!.source, level: 'MUST', ...(values.includes('unknownFutureValue') ? { evolvable: true } : {}) };
}
