/**
 * `parameter-optionality-differs`: the page calls a parameter optional while the metadata
 * declares it `Nullable="false"` (an OData action parameter that may not be omitted or null).
 * A warning, not an error: verify sends every documented parameter in its valid request, so the
 * verdict does not depend on which source is right; the page still misleads callers.
 */
import { formatTypeRef } from '../../metadata/type-ref.js';
import { at, crossFinding, type CrossSourceRule } from '../cross-source.js';

export const parameterOptionalityDiffers: CrossSourceRule = {
  id: 'parameter-optionality-differs',
  severity: 'warning',
  description: 'The page calls a body parameter optional but the service metadata declares it non-nullable (Nullable="false"), so the service requires it.',
  example: 'api/directoryobject-checkmembergroups.md:51 calls groupIds optional; the metadata declares <Parameter Name="groupIds" Type="Collection(Edm.String)" Nullable="false" Unicode="false" /> (v1.0.xml:21500).',
  check(set) {
    return set.fields
      .filter((f) => f.kind === 'parameter' && 'required' in f.field && !f.field.required && !f.declared.nullable)
      .map((f) =>
        crossFinding(
          'parameter-optionality-differs',
          'warning',
          { profile: f.profile, owner: f.owner, subject: f.field.name, source: f.field.source },
          `parameter ${f.field.name} is documented as optional (${at(f.field.source)}) but the metadata declares it ${formatTypeRef(f.declared.type)} Nullable="false" (${at(f.declared.source)}): the service requires it`,
          [{ source: f.declared.source, message: `${f.field.name}: ${formatTypeRef(f.declared.type)}, Nullable="false"` }],
          { parameter: f.field.name },
        ),
      );
  },
};
