/**
 * Records on a spec's enum facts how other sources (the shared enum page, the service metadata)
 * spell the same members, when they spell them differently: the facts a ruling in
 * specs/decisions.yaml chooses between. Pure: specs + disagreements in, specs out (copied).
 */
import type { OtherEnumListing, Spec } from '../spec/model.js';

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
