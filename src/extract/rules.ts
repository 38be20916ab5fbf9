/**
 * Every finding extraction reports, with its severity and what it means: the one list that the
 * findings, the lint catalogue, SARIF rules and docs/lint.md are made from.
 */
import type { Severity } from '../spec/finding.js';

export const EXTRACTION_RULES = {
  'status-prose-vs-example': { severity: 'error', description: 'The success status stated in the prose differs from the status the response example shows; specs/decisions.yaml must rule on it.' },
  'example-pseudo-value': { severity: 'warning', description: 'An example gives a list of choices ("a | b | c") where one value belongs; the example is left out of the spec.' },
  'example-placeholder': { severity: 'warning', description: 'An example gives a type placeholder ("String") where an enum is declared; the example is left out of the spec.' },
  'example-enum-value': { severity: 'warning', description: 'An example gives a value outside the enum the page declares; the example is left out of the spec.' },
  'json-syntax': { severity: 'warning', description: 'A JSON example does not parse; it is repaired when exactly one repair is possible, otherwise left out of the spec.' },
  'json-too-deep': { severity: 'warning', description: 'A JSON example nests arrays and objects deeper than the limit (docs/security.md); the example is left out of the spec.' },
  'nesting-too-deep': { severity: 'warning', description: 'Block quotes and lists nest deeper than the limit (docs/security.md); what is nested deeper is not read.' },
  'pdf-running-header': { severity: 'warning', description: 'A running page header of the PDF layout splits a code block; the header is removed and the block joined.' },
  'pdf-broken-url': { severity: 'warning', description: 'A URL is broken across lines by the PDF layout; the halves are joined.' },
  'pdf-html-remnant': { severity: 'note', description: 'HTML markup left in text extracted from a PDF; the tags are removed and their text kept.' },
  'unterminated-code-fence': { severity: 'warning', description: 'A code fence is never closed, so the rest of the page reads as code.' },
  'format-disagreement': { severity: 'warning', description: 'Two renderings of the same page (markdown, plain text, PDF text) extract to different specs; the richer format is used.' },
  'duplicate-operation': { severity: 'warning', description: 'Two pages of the same format describe the same operation of a profile; the first is used and the other left out.' },
  'no-request-line': { severity: 'warning', description: 'The page documents an operation but gives no request line ("METHOD /path" under an "HTTP request" heading or before the examples); no spec is written for it.' },
  'unread-resource-page': { severity: 'warning', description: 'A resource page has no type name in its title or no Properties section; no resource spec is written for it.' },
  'unread-property-table': { severity: 'warning', description: 'A Properties or Relationships table has no Property, Name or Relationship column; its rows are not read.' },
  'unresolved-type': { severity: 'warning', description: 'A type the page names has no resource page: neither a link on the page nor <type>.md in the resources folder (--resources) describes it.' },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type ExtractionRuleId = keyof typeof EXTRACTION_RULES;
