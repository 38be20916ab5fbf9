/** JSON output: every finding with its id, rule, severity, source (and column), action and data, plus counts. */
import type { Finding } from '../spec/finding.js';
import { columnOf } from './format-text.js';
import type { Rulings } from './index.js';

/** The decision a finding is ruled by, as JSON shows it. */
export interface RulingJson {
  file: string;
  line: number;
  ruling: string;
}

export interface LintJson {
  tool: { name: 'callconform'; version: string };
  summary: { pages: number; findings: number; error: number; warning: number; note: number; unresolvedErrors: number; byRule: Record<string, number> };
  findings: Array<Finding & { column: number; ruledBy?: RulingJson }>;
}

export function lintJson(findings: Finding[], pages: number, version: string, rulings: Rulings = new Map()): LintJson {
  const summary: LintJson['summary'] = { pages, findings: findings.length, error: 0, warning: 0, note: 0, unresolvedErrors: 0, byRule: {} };
  for (const f of findings) {
    summary[f.severity]++;
    if (f.severity === 'error' && !rulings.has(f.id)) summary.unresolvedErrors++;
    summary.byRule[f.rule] = (summary.byRule[f.rule] ?? 0) + 1;
  }
  summary.byRule = Object.fromEntries(Object.entries(summary.byRule).sort(([a], [b]) => (a < b ? -1 : 1)));
  const withRuling = (f: Finding): LintJson['findings'][number] => {
    const d = rulings.get(f.id);
    return { ...f, column: columnOf(f), ...(d ? { ruledBy: { file: d.source.file, line: d.source.line, ruling: d.ruling } } : {}) };
  };
  return { tool: { name: 'callconform', version }, summary, findings: findings.map(withRuling) };
}

export function formatJson(findings: Finding[], pages: number, version: string, rulings: Rulings = new Map()): string {
  return `${JSON.stringify(lintJson(findings, pages, version, rulings), null, 2)}\n`;
}
