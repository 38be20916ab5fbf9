/**
 * The values the path parameters of an operation take in its documented exchange, shared by the
 * Pact file (its example paths) and the OpenAPI document (its parameter examples). The resource
 * acted on keeps the id the docs show for it: the id in the documented Location (which points
 * into the same resource), else the id a documented notification carries. Any other parameter,
 * and an id the docs never show, gets a placeholder that says so (`example-<name>`).
 */
import { atPointer } from '../spec/json-pointer.js';
import type { OperationSpec, Source } from '../spec/model.js';
import { locationPattern } from './location-pattern.js';

export interface PathValue {
  value: string;
  /** Where the docs show the value; absent for a placeholder. */
  source?: Source;
}

/** The documented id of the resource an operation acts on (its first path parameter), if the docs show one. */
export function documentedResourceId(op: OperationSpec, template: string): PathValue | undefined {
  const param = op.request.pathParameters[0];
  if (!param) return undefined;
  for (const h of op.response.headers) {
    const id = h.example ? locationPattern(h.example, template, param)?.idInExample : undefined;
    if (id) return { value: id, source: h.source };
  }
  for (const n of op.notifications) {
    if (!n.example || !n.resourceIdPointer) continue;
    const v = atPointer(n.example.json, n.resourceIdPointer);
    if (typeof v === 'string' && v !== '') return { value: v, source: n.example.source };
  }
  return undefined;
}

export function placeholder(name: string): string {
  return `example-${name}`;
}

/** Every `{name}` of the template with its value, in template order. */
export function pathValues(op: OperationSpec, template: string): Map<string, PathValue> {
  const resource = op.request.pathParameters[0];
  const out = new Map<string, PathValue>();
  for (const m of template.matchAll(/\{([^}]+)\}/g)) {
    const name = m[1]!;
    const documented = name === resource ? documentedResourceId(op, template) : undefined;
    out.set(name, documented ?? { value: placeholder(name) });
  }
  return out;
}
