/**
 * The platform's permissions reference: which scopes exist, and for which permission kinds.
 * Read from the reference page's tables (first column "Permission") with the project's markdown
 * parser; the kind comes from the heading above the table ("Delegated permissions",
 * "Application permissions").
 */
import { decodePage } from '../extract/read-page.js';
import { parseMarkdown } from '../extract/parse-markdown.js';
import { headingBefore } from '../extract/sections.js';
import type { Page } from '../extract/page-model.js';
import { InputError } from '../spec/errors.js';
import { loadSnapshot } from './permissions-snapshot.js';
import { INPUT_LIMITS, readInputFile } from '../spec/read-input.js';

export type PermissionKind = 'delegated' | 'application' | 'other';

export interface DefinedScope {
  /** As the reference spells it: `Calls.JoinGroupCall.All`. */
  name: string;
  kinds: PermissionKind[];
  line: number;
}

export interface PermissionsReference {
  file: string;
  /** Keyed by lower-case name: scope names are matched without regard to case. */
  scopes: Map<string, DefinedScope>;
}


/** A scope-shaped token: dotted segments (`User.Read.All`) or a single word with `_` (`offline_access`). */
const SCOPE_TOKEN = /[A-Za-z][\w-]*(?:\.[\w-]+)+|[A-Za-z]\w*/g;

/** Scope names in a reference table cell: markup and remarks like "(preview)" or a footnote `*` removed. */
function scopesInCell(text: string): string[] {
  const bare = text.replace(/\([^)]*\)/g, ' ').replace(/[*`]/g, ' ').trim();
  // A reference cell names exactly one scope; anything with spaces is prose (a scenario table).
  if (!bare || /\s/.test(bare)) return [];
  return [...bare.matchAll(SCOPE_TOKEN)].map((m) => m[0].replace(/_+$/, '')).filter((s) => s.length > 1);
}

function kindOf(heading: string | undefined): PermissionKind {
  if (!heading) return 'other';
  if (/delegated/i.test(heading)) return 'delegated';
  if (/application|app-only|app only/i.test(heading)) return 'application';
  return 'other';
}

/** Scopes defined by a parsed reference page. */
export function permissionsFromPage(page: Page): PermissionsReference {
  const scopes = new Map<string, DefinedScope>();
  for (const block of page.blocks) {
    if (block.kind !== 'table' || !/^permissions?$/i.test(block.header[0]?.text.trim() ?? '')) continue;
    const kind = kindOf(headingBefore(page, block)?.text);
    for (const row of block.rows) {
      for (const name of scopesInCell(row[0]?.text ?? '')) {
        const key = name.toLowerCase();
        const known = scopes.get(key);
        if (!known) scopes.set(key, { name, kinds: [kind], line: row[0]!.line });
        else if (!known.kinds.includes(kind)) known.kinds.push(kind);
      }
    }
  }
  return { file: page.file, scopes };
}

/** Parse a reference page's bytes; `name` is how findings cite it. */
export function parsePermissionsReference(file: string, bytes: Uint8Array, name = file): PermissionsReference {
  return permissionsFromPage(parseMarkdown(name, decodePage(file, bytes)));
}

/**
 * Read a permissions reference (markdown). A file that defines no scope is refused: it is not a
 * reference. `name` is how findings cite it (default: the path as given). The shipped reference
 * comes from the build's snapshot of it while its bytes are unchanged (permissions-snapshot.ts).
 */
export function loadPermissionsReference(file: string, name = file): PermissionsReference {
  const bytes = readInputFile(file, INPUT_LIMITS.spec, 'the permissions reference');
  const reference = loadSnapshot(bytes, name) ?? parsePermissionsReference(file, bytes, name);
  if (reference.scopes.size === 0) {
    throw new InputError('no permission scopes found: expected tables whose first column is "Permission" under "Delegated permissions" / "Application permissions" headings', { file, line: 1 });
  }
  return reference;
}
