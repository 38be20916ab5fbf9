/** `specs/decisions.yaml` → `Decision[]`, every problem an InputError naming file:line. */
import { existsSync } from 'node:fs';
import { ACCEPT_VALUES, type AcceptValues, type Decision } from './decisions.js';
import { InputError } from './errors.js';
import { lineOfPointer, parseYamlFile } from './yaml-io.js';
import { INPUT_LIMITS, readInputText } from './read-input.js';

const FIELDS = new Set(['finding', 'operation', 'ruling', 'successStatus', 'acceptValues', 'rationale']);

/** Load `specs/decisions.yaml`; a missing file means no decisions. Errors name file:line. */
export function loadDecisions(file: string): Decision[] {
  if (!existsSync(file)) return [];
  const { value, doc, counter } = parseYamlFile(file, readInputText(file, INPUT_LIMITS.spec, 'decisions file'));
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
    if (e.acceptValues !== undefined && !(ACCEPT_VALUES as readonly unknown[]).includes(e.acceptValues)) {
      throw new InputError(`"acceptValues" must be one of ${ACCEPT_VALUES.join(', ')}`, at(`${pointer}/acceptValues`));
    }
    return {
      finding: e.finding as string,
      operation: e.operation as string,
      ruling: e.ruling as string,
      ...(e.successStatus !== undefined ? { successStatus: e.successStatus as number } : {}),
      ...(e.acceptValues !== undefined ? { acceptValues: e.acceptValues as AcceptValues } : {}),
      rationale: e.rationale as string,
      source: at(pointer),
    };
  });
}
