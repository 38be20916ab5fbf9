/**
 * One page model for every input format. Parsers (`parse-markdown.ts`, `parse-text.ts`,
 * `parse-pdf-text.ts`) turn a page into this; passes (`passes/*.ts`) read facts from it.
 * Every node carries the 1-based line it starts on in the original file.
 */
import type { Finding } from '../spec/finding.js';

export type PageFormat = 'markdown' | 'text' | 'pdf-text';

export interface Heading {
  kind: 'heading';
  /** 1–6 for markdown; inferred for text formats (1 = page title, 2 = section). */
  depth: number;
  text: string;
  line: number;
}

export interface Paragraph {
  kind: 'paragraph';
  /** Plain text: inline markup removed, inline code and link text kept as written. */
  text: string;
  line: number;
  /** Links in the paragraph, by their text (hrefs are not comparable across formats). */
  links: string[];
  /** Inside a block quote (`> **Note:** …`). */
  quote: boolean;
}

export interface Cell {
  text: string;
  /** Link texts in the cell (`[participantInfo](…)` → `participantInfo`). */
  links: string[];
  line: number;
}

export interface Table {
  kind: 'table';
  line: number;
  header: Cell[];
  rows: Cell[][];
}

export interface CodeBlock {
  kind: 'code';
  /** Line of the first content line (not of the fence). */
  line: number;
  lang?: string;
  /** Content with `\n` line ends. */
  text: string;
  /** Source line of each content line (a repaired PDF block is not contiguous). */
  lines: number[];
  /** Graph docs annotation preceding the block (`<!-- {"blockType": "request", …} -->`). */
  annotation?: Record<string, unknown>;
}

export type Block = Heading | Paragraph | Table | CodeBlock;

export interface PageLink {
  text: string;
  /** The target as written (`../resources/presence.md`, `enums.md#callstate-values`). */
  href: string;
  line: number;
}

export interface Page {
  /** Path as given (repository-relative for sources under specs/sources/). */
  file: string;
  format: PageFormat;
  /** Front matter key/values (markdown only). */
  frontMatter: Record<string, string>;
  title?: { text: string; line: number };
  blocks: Block[];
  /** Every link of the page with its target as written (markdown only): how referenced resource pages are found. */
  links?: PageLink[];
  /** Problems met while parsing (unterminated fence, PDF artefacts, …). */
  findings: Finding[];
  /** The raw lines of the file, for rules that need the bytes as written. */
  rawLines: string[];
}
