/**
 * What other sources add to the specs read from the pages. On enum facts: how the shared enum
 * page and the service metadata spell the same members, when they spell them differently (the
 * facts a ruling in specs/decisions.yaml chooses between). On resource properties: whether the
 * metadata declares them nullable. Pure: specs + other sources' facts in, specs out (copied).
 */
import type { OtherEnumListing, Source, Spec } from '../spec/model.js';

/** One documented field's enum as the other sources list it. */
export interface EnumDisagreement {
  profile: string;
  /** Resource or operation: `commsOperation`. */
  owner: string;
  field: string;
  others: OtherEnumListing[];
}

export function withOtherSources(specs: readonly Spec[], disagreements: readonly EnumDisagreement[]): Spec[] {
  const byField = new Map(disagreements.map((d) => [`${d.profile}/${d.owner}/${d.field}`, d.others]));
  if (byField.size === 0) return [...specs];
  return specs.map((spec) => {
    const owner = spec.kind === 'resource' ? spec.resource : spec.operation;
    const annotate = <F extends { name: string; enum?: { otherSources?: OtherEnumListing[] } }>(field: F): F => {
      const others = byField.get(`${spec.profile}/${owner}/${field.name}`);
      return others && field.enum ? { ...field, enum: { ...field.enum, otherSources: others } } : field;
    };
    if (spec.kind === 'resource') return { ...spec, properties: spec.properties.map(annotate) };
    const body = spec.request.body;
    return body ? { ...spec, request: { ...spec.request, body: { ...body, parameters: body.parameters.map(annotate) } } } : spec;
  });
}

/** A resource property's nullability as the metadata declares it (CSDL `Nullable`, default true). */
export interface NullabilityDeclaration {
  profile: string;
  resource: string;
  property: string;
  nullable: boolean;
  source: Source;
}

export function withDeclaredNullability(specs: readonly Spec[], declarations: readonly NullabilityDeclaration[]): Spec[] {
  const byProperty = new Map(declarations.map((d) => [`${d.profile}/${d.resource}/${d.property}`, d]));
  if (byProperty.size === 0) return [...specs];
  return specs.map((spec) => {
    if (spec.kind !== 'resource') return spec;
    const properties = spec.properties.map((p) => {
      const d = byProperty.get(`${spec.profile}/${spec.resource}/${p.name}`);
      return d ? { ...p, nullable: d.nullable, nullableSource: d.source } : p;
    });
    return { ...spec, properties };
  });
}
