/**
 * `unknown-permission`: a scope in the page's Permissions table that the platform's permissions
 * reference does not define, with a did-you-mean to the closest defined scope (Levenshtein
 * distance, case-insensitive). Needs a reference (`--permissions FILE`); without one it reports
 * nothing.
 */
import { closest, distance } from 'fastest-levenshtein';
import { ruleFinding } from '../../extract/findings.js';
import type { Cell, Page, Table } from '../../extract/page-model.js';
import { section, tables } from '../../extract/sections.js';
import type { Finding } from '../../spec/finding.js';
import type { PermissionsReference } from '../permissions-reference.js';
import type { FixData, LintRule } from '../rule.js';

/** Dotted scope names (`Calls.AccessMedia.All`); every segment has two characters or more, so `e.g.` is not one. */
const DOTTED = /[A-Za-z][\w-]+(?:\.[\w-]{2,})+/g;
/** Single-word scopes with an underscore (`offline_access`); plain words are prose ("Not supported"). */
const UNDERSCORED = /[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+/g;
const WHOLE = new RegExp(`^(?:${DOTTED.source}|${UNDERSCORED.source})$`);

export interface ScopeToken {
  scope: string;
  /** 0-based index in the raw line, or -1 when the raw line does not show it verbatim. */
  index: number;
  /** The word printed just before it (`Directory` in `Directory AccessAsUser.All`). */
  before?: string;
}

/**
 * Cut a token of the cell's plain text where the page does not print it contiguously: markup
 * the parser dropped (`All<br/>For`) must not glue two words into one scope (`All.For`).
 */
function printedPieces(token: string, raw: string, from: number): Array<{ text: string; index: number }> {
  const out: Array<{ text: string; index: number }> = [];
  let rest = token;
  let pos = from;
  while (rest) {
    let k = rest.length;
    while (k > 0 && raw.indexOf(rest.slice(0, k), pos) < 0) k--;
    if (k === 0) {
      rest = rest.slice(1);
      continue;
    }
    const index = raw.indexOf(rest.slice(0, k), pos);
    out.push({ text: rest.slice(0, k), index });
    pos = index + k;
    rest = rest.slice(k);
  }
  return out;
}

/** Scope-like tokens of a Permissions cell, in order; remarks in parentheses are not scopes. */
export function scopesInCell(cell: Cell, raw?: string): ScopeToken[] {
  const text = cell.text.replace(/\([^)]*\)/g, (m) => ' '.repeat(m.length));
  const found = [...text.matchAll(DOTTED), ...text.replace(DOTTED, (m) => ' '.repeat(m.length)).matchAll(UNDERSCORED)].sort((a, b) => a.index - b.index);
  const out: ScopeToken[] = [];
  let from = 0;
  for (const m of found) {
    const before = /([A-Za-z]\w*)\s+$/.exec(text.slice(0, m.index))?.[1];
    const pieces = raw === undefined ? [{ text: m[0], index: -1 }] : printedPieces(m[0], raw, from);
    for (const piece of pieces) {
      const scope = piece.text.replace(/[._]+$/, '');
      if (piece.index >= 0) from = piece.index + piece.text.length;
      if (WHOLE.test(scope)) out.push({ scope, index: piece.index, ...(before ? { before } : {}) });
    }
  }
  return out;
}

/**
 * The defined scope closest to `name`, when it is a plausible misspelling: among scopes of the
 * same resource (`Calls.*`) a distance up to a quarter of the name; across resources at most 2,
 * so `Tasks.ReadWrite.All` is not "corrected" to `Files.ReadWrite.All`.
 */
export function didYouMean(name: string, reference: PermissionsReference, before?: string): string | undefined {
  // `Directory AccessAsUser.All`: a dot printed as a space.
  const joined = before && reference.scopes.get(`${before}.${name}`.toLowerCase());
  if (joined) return joined.name;
  const lower = name.toLowerCase();
  const resource = `${lower.split('.')[0]}.`;
  const keys = [...reference.scopes.keys()];
  const sameResource = keys.filter((k) => k.startsWith(resource));
  for (const [pool, limit] of [[sameResource, Math.max(2, Math.floor(name.length / 4))], [keys, 2]] as const) {
    if (pool.length === 0) continue;
    const key = closest(lower, pool);
    if (distance(lower, key) <= limit) return reference.scopes.get(key)!.name;
  }
  return undefined;
}

/** The permission kind a cell is for: its column header when that names one, else the row's first cell. */
function kindOf(table: Table, row: Cell[], column: number): string {
  const header = table.header[column]?.text.trim() ?? '';
  return /delegated|application/i.test(header) ? header : (row[0]?.text.trim() ?? '');
}

export const unknownPermission: LintRule = {
  id: 'unknown-permission',
  severity: 'warning',
  description: "A permission scope in the page's Permissions table is not defined by the platform's permissions reference.",
  check(page: Page, _spec, context) {
    const reference = context.permissions;
    const sec = reference && section(page, /^permissions$/i);
    if (!reference || !sec) return [];
    const out: Finding[] = [];
    for (const table of tables(sec.blocks)) {
      for (const row of table.rows) {
        row.forEach((cell, column) => {
          if (column === 0) return;
          const kind = kindOf(table, row, column);
          for (const { scope, index, before } of scopesInCell(cell, page.rawLines[cell.line - 1])) {
            if (reference.scopes.has(scope.toLowerCase())) continue;
            const suggestion = didYouMean(scope, reference, before);
            const raw = page.rawLines[cell.line - 1] ?? '';
            // A suggestion that joins the word printed before (`Directory AccessAsUser.All`) replaces both.
            const joinedAt = before && suggestion?.toLowerCase() === `${before}.${scope}`.toLowerCase() ? raw.lastIndexOf(before, index) : -1;
            const start = joinedAt >= 0 ? joinedAt : index;
            const where: FixData = index >= 0 ? { column: start + 1, endColumn: index + 1 + scope.length } : { column: 1 };
            out.push(
              ruleFinding(
                unknownPermission,
                `permission "${scope}" (${kind}) is not defined by the permissions reference ${reference.file}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
                { file: page.file, line: cell.line },
                { subject: scope, data: { scope, kind, reference: reference.file, ...(suggestion ? { suggestion } : {}), ...where, ...(suggestion && index >= 0 ? { replacement: suggestion } : {}) } },
              ),
            );
          }
        });
      }
    }
    return out;
  },
};
