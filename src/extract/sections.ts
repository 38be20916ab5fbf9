import type { Block, CodeBlock, Heading, Page, Table } from './page-model.js';

/** Blocks under the first heading matching `name`, up to the next heading of the same or higher level. */
export function section(page: Page, name: RegExp, from = 0): { heading: Heading; blocks: Block[] } | undefined {
  const blocks = page.blocks;
  for (let i = from; i < blocks.length; i++) {
    const h = blocks[i]!;
    if (h.kind !== 'heading' || !name.test(h.text.trim())) continue;
    const out: Block[] = [];
    for (let j = i + 1; j < blocks.length; j++) {
      const b = blocks[j]!;
      if (b.kind === 'heading' && b.depth <= h.depth) break;
      out.push(b);
    }
    return { heading: h, blocks: out };
  }
  return undefined;
}

/** Index of the first heading matching `name`, or -1. */
export function headingIndex(page: Page, name: RegExp): number {
  return page.blocks.findIndex((b) => b.kind === 'heading' && name.test(b.text.trim()));
}

export const tables = (blocks: Block[]): Table[] => blocks.filter((b): b is Table => b.kind === 'table');
export const codes = (blocks: Block[]): CodeBlock[] => blocks.filter((b): b is CodeBlock => b.kind === 'code');

/** Column index of the first header cell matching one of the names. */
export function column(table: Table, names: RegExp): number {
  return table.header.findIndex((c) => names.test(c.text.trim()));
}

/** The heading a block sits under. */
export function headingBefore(page: Page, block: Block): Heading | undefined {
  const idx = page.blocks.indexOf(block);
  for (let i = idx - 1; i >= 0; i--) {
    const b = page.blocks[i]!;
    if (b.kind === 'heading') return b;
  }
  return undefined;
}
