/**
 * Human rulings on documentation contradictions (`specs/decisions.yaml`).
 *
 * Extracted specs are never edited; a decision is applied on top. Each decision cites the
 * finding id it rules on (see `finding.ts`), the operation, the ruling and a rationale.
 * Reading the file is `decisions-file.ts` (YAML), so the checks that apply decisions stay light.
 */
import type { EnumFact, OperationSpec, Source, StatusFact } from './model.js';

/** Which spellings of an enum a contract accepts when its sources disagree (`enum-casing-differs`). */
export const ACCEPT_VALUES = ['all-sources', 'metadata', 'page'] as const;
export type AcceptValues = (typeof ACCEPT_VALUES)[number];

export interface Decision {
  /** Finding id ruled on: `status-prose-vs-example/graph-beta/updateMetadata`. */
  finding: string;
  /** `<profile>/<operation>`. */
  operation: string;
  /** The ruling in one sentence. */
  ruling: string;
  /** For status contradictions: the success status the contract requires. */
  successStatus?: number;
  /** For enum disagreements between sources: every source's spellings, the metadata's, or the page's. */
  acceptValues?: AcceptValues;
  rationale: string;
  /** Where the decision is written (filled in on load). */
  source: Source;
}

/** The success status a contract requires, and why. */
export interface RequiredStatus {
  code: number;
  /** The doc fact(s) behind it. */
  facts: StatusFact[];
  /** The decision that chose it, when the page contradicts itself. */
  decision?: Decision;
}

/**
 * The success status of an operation after decisions: the page's status when prose and example
 * agree (or only one exists), the example's when both are conditional statuses the prose documents,
 * the ruled status when they disagree and a decision covers it, otherwise undefined (an unresolved contradiction: `build` refuses it).
 */
export function requiredStatus(spec: OperationSpec, decisions: readonly Decision[]): RequiredStatus | undefined {
  const { statusFromProse: prose, statusFromExample: example, statusByConvention: convention } = spec.response;
  const key = `${spec.profile}/${spec.operation}`;
  const ruled = decisions.find((d) => d.operation === key && d.successStatus !== undefined);
  const facts = [prose, example].filter((s): s is StatusFact => s !== undefined);
  if (ruled?.successStatus !== undefined) {
    return { code: ruled.successStatus, facts: facts.filter((f) => f.code === ruled.successStatus), decision: ruled };
  }
  if (prose && example && prose.code !== example.code) {
    // Two statuses the page documents on purpose, each with its condition, are no contradiction: the example's is the one its body shows.
    const conditional = spec.response.conditionalStatuses ?? [];
    if (!conditional.some((c) => c.code === prose.code) || !conditional.some((c) => c.code === example.code)) return undefined;
    return { code: example.code, facts: [example, ...conditional.filter((c) => c.code === example.code)] };
  }
  const fact = prose ?? example ?? convention;
  return fact ? { code: fact.code, facts: [fact] } : undefined;
}

/**
 * The documented body of the answer to a valid request: none when the success status is 204 No
 * Content, which carries no content (RFC 9110 §15.3.5); the page's body then belongs to another
 * status it documents (200 with `Prefer: return=representation`, alert-update.md).
 */
export function successBody(spec: OperationSpec, decisions: readonly Decision[]): OperationSpec['response']['body'] {
  return requiredStatus(spec, decisions)?.code === 204 ? undefined : spec.response.body;
}

/** The enum values a contract accepts for one field after decisions, and the ruling that chose them. */
export interface RuledEnum {
  values: string[];
  decision?: Decision;
}

/**
 * The values of a field's enum after decisions: the page's, unless other sources spell the
 * members differently and a decision on that field (`<profile>/<owner>`, finding ending in
 * `/<field>`) says which spellings to accept.
 */
export function ruledEnumValues(profile: string, owner: string, field: string, fact: EnumFact, decisions: readonly Decision[]): RuledEnum {
  const decision = fact.otherSources?.length ? decisions.find((d) => d.acceptValues && d.operation === `${profile}/${owner}` && d.finding.endsWith(`/${profile}/${owner}/${field}`)) : undefined;
  if (!decision) return { values: fact.values };
  const metadata = fact.otherSources?.find((o) => o.origin === 'metadata')?.values;
  const values =
    decision.acceptValues === 'page' ? fact.values : decision.acceptValues === 'metadata' ? (metadata ?? fact.values) : [...new Set([...fact.values, ...(fact.otherSources ?? []).flatMap((o) => o.values)])];
  return { values, decision };
}
