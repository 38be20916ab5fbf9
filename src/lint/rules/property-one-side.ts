/**
 * `property-one-side`: a resource property the page documents that the metadata's type (with
 * its base types and navigation properties) does not declare — a warning — or a structural
 * property the metadata declares that the page leaves out — a note (pages often omit inherited
 * or internal properties).
 */
import { allProperties, navigationNames } from '../../metadata/lookup.js';
import { formatTypeRef } from '../../metadata/type-ref.js';
import { at, crossFinding, type CrossSourceRule } from '../cross-source.js';

export const propertyOneSide: CrossSourceRule = {
  id: 'property-one-side',
  severity: 'warning',
  description: 'A resource property is documented by the page but not declared by the service metadata (warning), or declared but not documented (note).',
  example: 'resources/activitybasedtimeoutpolicy.md:57 documents Version, which activityBasedTimeoutPolicy (v1.0.xml:4581) does not declare (warning); resources/accessreviewinstance.md:39 leaves out fallbackReviewers, declared at v1.0.xml:7632 (note).',
  check(set) {
    return set.resources.flatMap(({ spec, type }) => {
      const declared = allProperties(set.metadata, type);
      const navigation = navigationNames(set.metadata, type);
      const documented = new Set(spec.properties.map((p) => p.name));
      const onPageOnly = spec.properties
        .filter((p) => !p.name.startsWith('@') && !declared.some((d) => d.name === p.name) && !navigation.has(p.name))
        .map((p) =>
          crossFinding(
            'property-one-side',
            'warning',
            { profile: spec.profile, owner: spec.resource, subject: p.name, source: p.source },
            `${spec.resource}.${p.name} is documented (${at(p.source)}) but ${type.name} in the metadata (${at(type.source)}) does not declare it`,
            [{ source: type.source, message: `${type.name}: ${declared.map((d) => d.name).join(', ')}` }],
            { property: p.name, side: 'page' },
          ),
        );
      const inMetadataOnly = declared
        .filter((d) => !documented.has(d.name))
        .map((d) =>
          crossFinding(
            'property-one-side',
            'note',
            { profile: spec.profile, owner: spec.resource, subject: d.name, source: { file: spec.sources[0] ?? type.source.file, line: spec.properties[0]?.source.line ?? 1 } },
            `${type.name} declares ${d.name}: ${formatTypeRef(d.type)} (${at(d.source)}) but the page does not document it`,
            [{ source: d.source, message: `${d.name}: ${formatTypeRef(d.type)}` }],
            { property: d.name, side: 'metadata' },
          ),
        );
      return [...onPageOnly, ...inMetadataOnly];
    });
  },
};
