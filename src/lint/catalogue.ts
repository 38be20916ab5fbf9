/**
 * Every rule a lint run can report: the findings extraction makes while reading a page, and the
 * rules of `rules/`. SARIF output lists them (id, description, default level). Finding ids are
 * typed (`ExtractionRuleId`, `LintRule`), and a test holds every id a corpus run reports to this list.
 */
import type { Severity } from '../spec/finding.js';
import { EXTRACTION_RULES } from '../extract/rules.js';
import { crossSourceRules, rules } from './rules/index.js';

export interface RuleInfo {
  id: string;
  severity: Severity;
  description: string;
  /** Which stage reports it. */
  stage: 'extract' | 'lint';
  /** A real case from the corpus (cross-source rules). */
  example?: string;
}


export const ruleCatalogue: readonly RuleInfo[] = [
  ...Object.entries(EXTRACTION_RULES).map(([id, r]): RuleInfo => ({ id, severity: r.severity, description: r.description, stage: 'extract' })),
  ...rules.map((r): RuleInfo => ({ id: r.id, severity: r.severity, description: r.description, stage: 'lint' })),
  ...crossSourceRules.map((r): RuleInfo => ({ id: r.id, severity: r.severity, description: r.description, stage: 'lint', example: r.example })),
];

export function ruleInfo(id: string, severity: Severity = 'warning'): RuleInfo {
  return ruleCatalogue.find((r) => r.id === id) ?? { id, severity, stage: 'extract', description: `Reported by extraction (${id}).` };
}
