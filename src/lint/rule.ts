/**
 * A lint rule: one small module per rule (see `rules/`), each exporting one definition. A rule
 * reads the page model (and the spec extracted from it, when it needs facts) and returns
 * findings built with `finding()`; `lintPage` gives them their stable ids.
 */
import type { Page } from '../extract/page-model.js';
import type { Finding, Severity } from '../spec/finding.js';
import type { Spec } from '../spec/model.js';
import type { PermissionsReference } from './permissions-reference.js';

/** What a rule may consult besides the page: reference documents configured by the user. */
export interface LintContext {
  /** The platform's permissions reference (`--permissions FILE`); rules that need it do nothing without it. */
  permissions?: PermissionsReference;
}

export interface LintRule {
  /** Stable rule id (part of every finding id): `content-length-mismatch`. */
  id: string;
  severity: Severity;
  /** One sentence: what the rule reports (shown in `--help` and in SARIF). */
  description: string;
  check(page: Page, spec: Spec | undefined, context: LintContext): Finding[];
}

/**
 * Where in the line a finding points, and the text that would fix it (a SARIF fix). Kept in
 * `Finding.data` so the finding type stays the one extraction uses.
 */
export interface FixData {
  /** 1-based column of the first character the finding is about. */
  column: number;
  /** 1-based column just after it. */
  endColumn?: number;
  /** Text that replaces columns [column, endColumn) to fix the page, when the fix is known. */
  replacement?: string;
}

/** `data` fields for a finding about `text` at a known place of the raw line (`column` 1 when not found). */
export function locate(rawLine: string | undefined, text: string, from = 0): FixData {
  const at = rawLine?.indexOf(text, from) ?? -1;
  return at < 0 ? { column: 1 } : { column: at + 1, endColumn: at + 1 + text.length };
}
