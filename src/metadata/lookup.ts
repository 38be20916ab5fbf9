/**
 * Finding what a doc page describes in the metadata: a resource's type (by `@odata.type` or
 * name), its properties including inherited ones, an operation page's bound action or function.
 */
import type { CsdlModel, CsdlOperation, CsdlProperty, CsdlStructuredType } from './model.js';
import { simpleName } from './model.js';

const lower = (s: string): string => s.toLowerCase();

/** The structured type a resource page describes: `microsoft.graph.call` by @odata.type, else by simple name (main namespace first). */
export function typeOfResource(model: CsdlModel, resource: string, odataType?: string): CsdlStructuredType | undefined {
  const qualified = odataType?.replace(/^#/, '');
  if (qualified && model.types.has(qualified)) return model.types.get(qualified);
  const matches = [...model.types.values()].filter((t) => lower(simpleName(t.name)) === lower(resource));
  return matches.find((t) => t.name.split('.').length === 3) ?? matches[0];
}

/** A type's properties and its base types' (own properties win), navigation properties excluded. */
export function allProperties(model: CsdlModel, type: CsdlStructuredType): CsdlProperty[] {
  const out = new Map<string, CsdlProperty>();
  const seen = new Set<string>();
  for (let t: CsdlStructuredType | undefined = type; t && !seen.has(t.name); t = t.baseType ? model.types.get(t.baseType) : undefined) {
    seen.add(t.name);
    for (const p of t.properties) if (!out.has(p.name)) out.set(p.name, p);
  }
  return [...out.values()];
}

/** The navigation property names of a type and its base types. */
export function navigationNames(model: CsdlModel, type: CsdlStructuredType): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  for (let t: CsdlStructuredType | undefined = type; t && !seen.has(t.name); t = t.baseType ? model.types.get(t.baseType) : undefined) {
    seen.add(t.name);
    for (const n of t.navigationProperties) out.add(n.name);
  }
  return out;
}

/**
 * The bound action or function a documented path calls: its last segment names the operation
 * (`…/calls/{id}/updateRecordingStatus`), the segment before the key names the binding
 * (`calls` → `call`). Overloads bound to other types are told apart by that segment; when it
 * cannot tell them apart, none is chosen (a guess would cite the wrong declaration).
 */
export function boundOperation(model: CsdlModel, template: string, kind: CsdlOperation['kind']): CsdlOperation | undefined {
  const segments = template.split('/').filter((s) => s !== '');
  const last = segments[segments.length - 1]?.replace(/\(.*$/, '');
  if (!last || last.startsWith('{')) return undefined;
  const candidates = model.operations.filter((o) => o.kind === kind && o.bindingType && lower(o.name) === lower(last.replace(/^microsoft\.graph\./i, '')));
  if (candidates.length <= 1) return candidates[0];
  const owner = [...segments.slice(0, -1)].reverse().find((s) => !s.startsWith('{'));
  const binding = owner?.replace(/\(.*$/, '');
  const matching = candidates.filter((o) => {
    const bound = lower(simpleName(o.bindingType!.name));
    return binding !== undefined && (lower(binding) === bound || lower(binding) === `${bound}s` || lower(binding) === `${bound}es`);
  });
  return matching.length === 1 ? matching[0] : undefined;
}
