/**
 * Human rulings on documentation contradictions (`specs/decisions.yaml`).
 *
 * Extracted specs are never edited; a decision is applied on top. Each decision cites the
 * finding id it rules on (see `finding.ts`), the operation, the ruling and a rationale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { InputError } from './errors.js';
import type { OperationSpec, Source, StatusFact } from './model.js';
import { lineOfPointer, parseYamlFile } from './yaml-io.js';

export interface Decision {
  /** Finding id ruled on: `status-prose-vs-example/graph-beta/updateMetadata`. */
  finding: string;
  /** `<profile>/<operation>`. */
  operation: string;
  /** The ruling in one sentence. */
  ruling: string;
  /** For status contradictions: the success status the contract requires. */
  successStatus?: number;
  rationale: string;
  /** Where the decision is written (filled in on load). */
  source: Source;
}

const FIELDS = new Set(['finding', 'operation', 'ruling', 'successStatus', 'rationale']);

/** Load `specs/decisions.yaml`; a missing file means no decisions. Errors name file:line. */
export function loadDecisions(file: string): Decision[] {
  if (!existsSync(file)) return [];
  const { value, doc, counter } = parseYamlFile(file, readFileSync(file, 'utf8'));
  const at = (pointer: string): { file: string; line: number } => ({ file, line: lineOfPointer(doc, counter, pointer) ?? 1 });
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object' || Array.isArray(value) || !('decisions' in value)) {
    throw new InputError('expected a mapping with a "decisions" list', at(''));
  }
  const list = (value as { decisions: unknown }).decisions;
  if (!Array.isArray(list)) throw new InputError('"decisions" must be a list', at('/decisions'));
  return list.map((entry: unknown, i): Decision => {
    const pointer = `/decisions/${i}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new InputError('each decision must be a mapping', at(pointer));
    }
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!FIELDS.has(key)) throw new InputError(`unknown field "${key}" in decision`, at(`${pointer}/${key}`));
    }
    for (const key of ['finding', 'operation', 'ruling', 'rationale'] as const) {
      if (typeof e[key] !== 'string' || (e[key] as string).trim() === '') {
        throw new InputError(`decision needs a non-empty "${key}"`, at(pointer));
      }
    }
    if (!/^[^/\s]+\/[A-Za-z][A-Za-z0-9]*$/.test(e.operation as string)) {
      throw new InputError('"operation" must be <profile>/<operation>', at(`${pointer}/operation`));
    }
    if (e.successStatus !== undefined && (!Number.isInteger(e.successStatus) || (e.successStatus as number) < 100 || (e.successStatus as number) > 599)) {
      throw new InputError('"successStatus" must be an HTTP status code', at(`${pointer}/successStatus`));
    }
    return {
      finding: e.finding as string,
      operation: e.operation as string,
      ruling: e.ruling as string,
      ...(e.successStatus !== undefined ? { successStatus: e.successStatus as number } : {}),
      rationale: e.rationale as string,
      source: at(pointer),
    };
  });
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
 * agree (or only one exists), the ruled status when they disagree and a decision covers it,
 * otherwise undefined (an unresolved contradiction: `build` refuses it).
 */
export function requiredStatus(spec: OperationSpec, decisions: Decision[]): RequiredStatus | undefined {
  const { statusFromProse: prose, statusFromExample: example, statusByConvention: convention } = spec.response;
  const key = `${spec.profile}/${spec.operation}`;
  const ruled = decisions.find((d) => d.operation === key && d.successStatus !== undefined);
  const facts = [prose, example].filter((s): s is StatusFact => s !== undefined);
  if (ruled?.successStatus !== undefined) {
    return { code: ruled.successStatus, facts: facts.filter((f) => f.code === ruled.successStatus), decision: ruled };
  }
  if (prose && example && prose.code !== example.code) return undefined;
  const fact = prose ?? example ?? convention;
  return fact ? { code: fact.code, facts: [fact] } : undefined;
}
