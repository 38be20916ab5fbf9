/**
 * OData control information printed without its `@` (`"odata.context"` in
 * b2xidentityuserflow-list-languages.md): a name OData JSON never gives an instance annotation (OData
 * 4.0 and 4.01 both prefix it with `@`; `odata.*` without it is the retired JSON verbose/light form).
 * It is a documentation typo: no schema declares it, so the pact does not require it, and `build`
 * says so with an `annotation-misspelt` finding. Pure.
 */
import type { Json } from './json-schema.js';
import type { Finding } from '../spec/finding.js';
import type { OperationSpec } from '../spec/model.js';

const MISSPELT = /^odata\.[A-Za-z]+$/;

function isObject(v: Json): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `json` without the keys that are misspelt annotations, at every depth. */
export function withoutMisspeltAnnotations(json: Json): Json {
  if (Array.isArray(json)) return json.map(withoutMisspeltAnnotations);
  if (!isObject(json)) return json;
  return Object.fromEntries(Object.entries(json).flatMap(([k, v]) => (MISSPELT.test(k) ? [] : [[k, withoutMisspeltAnnotations(v)]])));
}

function misspeltKeys(json: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(json)) for (const v of json) misspeltKeys(v, out);
  else if (typeof json === 'object' && json !== null) {
    for (const [k, v] of Object.entries(json)) {
      if (MISSPELT.test(k)) out.add(k);
      misspeltKeys(v, out);
    }
  }
  return out;
}

/** One warning per response example that prints an annotation without its `@`. */
export function misspeltAnnotations(operations: readonly OperationSpec[]): Finding[] {
  return operations.flatMap((op) => {
    const example = op.response.body?.example;
    const keys = [...misspeltKeys(example?.json)];
    if (!example || keys.length === 0) return [];
    return [
      {
        id: `annotation-misspelt/${op.profile}/${op.operation}`,
        rule: 'annotation-misspelt',
        severity: 'warning' as const,
        message: `the response example prints ${keys.map((k) => `"${k}"`).join(', ')} without its "@" (OData names it ${keys.map((k) => `"@${k}"`).join(', ')}); a documentation typo the pact does not require`,
        source: example.source,
        data: { keys: keys.length },
      },
    ];
  });
}
