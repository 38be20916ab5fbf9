/**
 * Fields typed with an enum type (`state | callState`) whose description lists no values get the
 * members from the enum's definition (its own page or `enums.md`, see `enum-sections.ts`), citing it.
 * A field whose type names a resource page stays a `$ref` to that resource.
 */
import type { EnumFact, FieldFact, Spec } from '../spec/model.js';

function fieldsOf(spec: Spec): FieldFact[] {
  return spec.kind === 'resource' ? spec.properties : (spec.request.body?.parameters ?? []);
}

/** Mutates the specs' fields in place; returns how many fields got their values this way. */
export function applyEnumTypes(specs: Spec[], enums: ReadonlyMap<string, EnumFact>): number {
  const resources = new Set(specs.filter((s) => s.kind === 'resource').map((s) => `${s.profile}/${s.resource.toLowerCase()}`));
  let applied = 0;
  for (const spec of specs) {
    for (const field of fieldsOf(spec)) {
      const name = field.resource?.toLowerCase();
      const values = name ? enums.get(name) : undefined;
      if (!values || field.enum || resources.has(`${spec.profile}/${name}`)) continue;
      delete field.resource;
      if (field.type === 'array') field.items = 'string';
      else field.type = 'string';
      field.enum = { ...values, values: [...values.values] };
      applied++;
    }
  }
  return applied;
}
