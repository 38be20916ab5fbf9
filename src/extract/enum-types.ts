/**
 * Fields typed with an enum type (`state | callState`) whose description lists no values get the
 * members from the enum's definition (its own page or `enums.md`, see `enum-sections.ts`), citing it.
 * A field whose type names a resource page stays a `$ref` to that resource.
 */
import type { EnumFact, FieldFact, Spec } from '../spec/model.js';
import { enumFact, qualifiedEnumKey, type EnumSection } from './enum-sections.js';

/**
 * Enum types by namespace and name: enums-callrecords.md's `modality` (with `unknown`) is not
 * enums.md's. A type is found in its own namespace (`microsoft.graph.callRecords.modality`) or,
 * bare, in the referring page's; failing that, by name when only one namespace defines it.
 */
export class EnumIndex {
  private readonly byKey = new Map<string, EnumFact>();
  private readonly keysByName = new Map<string, Set<string>>();

  /** The first definition of a qualified name is kept. */
  add(section: EnumSection): void {
    const key = qualifiedEnumKey(section, '');
    if (this.byKey.has(key)) return;
    this.byKey.set(key, enumFact(section));
    const name = section.name.toLowerCase();
    this.keysByName.set(name, (this.keysByName.get(name) ?? new Set()).add(key));
  }

  find(type: string, pageNamespace: string | undefined): EnumFact | undefined {
    const t = type.toLowerCase();
    const dot = t.lastIndexOf('.');
    const name = t.slice(dot + 1);
    const namespace = dot < 0 ? (pageNamespace?.toLowerCase() ?? '') : t.slice(0, dot);
    const exact = this.byKey.get(`${namespace}.${name}`);
    if (exact) return exact;
    const keys = [...(this.keysByName.get(name) ?? [])];
    return keys.length === 1 ? this.byKey.get(keys[0]!) : undefined;
  }
}

function fieldsOf(spec: Spec): FieldFact[] {
  return spec.kind === 'resource' ? spec.properties : (spec.request.body?.parameters ?? []);
}

/** Mutates the specs' fields in place (`namespaceOf` gives a spec's page namespace); returns how many fields got their values this way. */
export function applyEnumTypes(specs: Spec[], enums: EnumIndex, namespaceOf: (spec: Spec) => string | undefined): number {
  const resources = new Set(specs.filter((s) => s.kind === 'resource').map((s) => `${s.profile}/${s.resource.toLowerCase()}`));
  let applied = 0;
  for (const spec of specs) {
    for (const field of fieldsOf(spec)) {
      const name = field.resource?.toLowerCase();
      const values = name ? enums.find(name, namespaceOf(spec)) : undefined;
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
