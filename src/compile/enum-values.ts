/**
 * Which enum values a contract accepts. Graph evolvable enums end with the sentinel
 * `unknownFutureValue`: responses may carry it (and later members), requests never send it.
 */
import type { EnumFact } from '../spec/model.js';

export const EVOLVABLE_SENTINEL = 'unknownFutureValue';

export function isEvolvable(fact: EnumFact): boolean {
  return fact.evolvable === true || fact.values.includes(EVOLVABLE_SENTINEL);
}

/** Values a request may send: the documented ones without the sentinel. */
export function requestEnumValues(fact: EnumFact): string[] {
  return fact.values.filter((v) => v !== EVOLVABLE_SENTINEL);
}

/** Values a response may carry: the documented ones, plus the sentinel for an evolvable enum. */
export function responseEnumValues(fact: EnumFact): string[] {
  return isEvolvable(fact) && !fact.values.includes(EVOLVABLE_SENTINEL) ? [...fact.values, EVOLVABLE_SENTINEL] : [...fact.values];
}

/** A string that is none of `values` (deterministic): the invalid value of negative tests. */
export function undocumentedValue(values: readonly string[]): string {
  let candidate = 'notADocumentedValue';
  for (let i = 2; values.includes(candidate); i++) candidate = `notADocumentedValue${i}`;
  return candidate;
}
