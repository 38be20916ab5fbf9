/**
 * Every rule a lint run can report: the findings extraction makes while reading a page, and the
 * rules of `rules/`. SARIF output lists them (id, description, default level); an id met in a
 * finding but missing here still gets a generic entry, so a new extraction rule never breaks output.
 */
import type { Severity } from '../spec/finding.js';
import { rules } from './rules/index.js';

export interface RuleInfo {
  id: string;
  severity: Severity;
  description: string;
  /** Which stage reports it. */
  stage: 'extract' | 'lint';
}

const EXTRACTION_RULES: readonly RuleInfo[] = [
  { id: 'status-prose-vs-example', severity: 'error', stage: 'extract', description: 'The success status stated in the prose differs from the status the response example shows; specs/decisions.yaml must rule on it.' },
  { id: 'example-pseudo-value', severity: 'warning', stage: 'extract', description: 'An example gives a list of choices ("a | b | c") where one value belongs; the example is left out of the spec.' },
  { id: 'example-placeholder', severity: 'warning', stage: 'extract', description: 'An example gives a type placeholder ("String") where an enum is declared; the example is left out of the spec.' },
  { id: 'example-enum-value', severity: 'warning', stage: 'extract', description: 'An example gives a value outside the enum the page declares; the example is left out of the spec.' },
  { id: 'json-syntax', severity: 'warning', stage: 'extract', description: 'A JSON example does not parse; it is repaired when exactly one repair is possible, otherwise left out of the spec.' },
  { id: 'json-too-deep', severity: 'warning', stage: 'extract', description: 'A JSON example nests deeper than the limit (docs/security.md); the example is left out of the spec.' },
  { id: 'nesting-too-deep', severity: 'warning', stage: 'extract', description: 'Block quotes and lists nest deeper than the limit (docs/security.md); what is nested deeper is not read.' },
  { id: 'pdf-running-header', severity: 'warning', stage: 'extract', description: 'A running page header of the PDF layout splits a code block; the header is removed and the block joined.' },
  { id: 'pdf-broken-url', severity: 'warning', stage: 'extract', description: 'A URL is broken across lines by the PDF layout; the halves are joined.' },
  { id: 'pdf-html-remnant', severity: 'note', stage: 'extract', description: 'HTML markup left in text extracted from a PDF; the tags are removed and their text kept.' },
  { id: 'unterminated-code-fence', severity: 'warning', stage: 'extract', description: 'A code fence is never closed, so the rest of the page reads as code.' },
  { id: 'format-disagreement', severity: 'warning', stage: 'extract', description: 'Two renderings of the same page (markdown, plain text, PDF text) extract to different specs; the richer format is used.' },
];

export const ruleCatalogue: readonly RuleInfo[] = [
  ...EXTRACTION_RULES,
  ...rules.map((r): RuleInfo => ({ id: r.id, severity: r.severity, description: r.description, stage: 'lint' })),
];

export function ruleInfo(id: string, severity: Severity = 'warning'): RuleInfo {
  return ruleCatalogue.find((r) => r.id === id) ?? { id, severity, stage: 'extract', description: `Reported by extraction (${id}).` };
}
