import type { Source } from './model.js';

export type Severity = 'error' | 'warning' | 'note';

/**
 * A defect of a documentation page, found while extracting or linting it.
 * `id` is stable across runs and line moves (`rule/profile/operation[/subject]`), so
 * `specs/decisions.yaml` can cite it.
 */
export interface Finding {
  id: string;
  /** Stable rule id, e.g. `status-prose-vs-example`. */
  rule: string;
  severity: Severity;
  message: string;
  source: Source;
  /** What extraction did about it: a certain repair it applied, or the fact it left out. */
  action?: { kind: 'repaired' | 'dropped'; detail: string };
  /** Structured data the message was built from (expected, actual, suggestion…). */
  data?: Record<string, string | number | boolean | string[] | number[]>;
  /** Other places that state the same fact differently (another page, enums.md, the service metadata): SARIF related locations. */
  related?: RelatedSource[];
}

/** One more source a cross-source finding cites, with what it says there. */
export interface RelatedSource {
  source: Source;
  message: string;
}
