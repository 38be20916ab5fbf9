/**
 * `enum-casing-differs`: the same enum member is spelled with different casing by the page, the
 * shared enum page and the service metadata (`completed` / `Completed`). A JSON string compares
 * case-sensitively, so an implementation cannot satisfy both: an error until
 * specs/decisions.yaml rules which spelling(s) the contract accepts.
 */
import { at, crossFinding, type CrossSourceRule } from '../cross-source.js';
import { casingConflicts, casingDisagreements, listed, type EnumListing } from '../enum-sources.js';

export const enumCasingDiffers: CrossSourceRule = {
  id: 'enum-casing-differs',
  severity: 'error',
  description: 'The page, the shared enum page and the service metadata spell the same enum members with different casing; specs/decisions.yaml must rule which spelling the contract accepts.',
  example: 'resources/commsoperation.md:29 lists status values notStarted, running, completed, failed; enums.md:720 and the metadata (v1.0.xml:1575, EnumType operationStatus) list NotStarted, Running, Completed, Failed.',
  check(set) {
    return casingDisagreements(set).flatMap((subject) => {
      const conflicts = casingConflicts(subject.listings);
      const [first, ...others] = subject.listings;
      const says = (l: EnumListing): string => `${l.label} (${at(l.source)}) spells them ${listed(l.members.filter((m) => conflicts.has(m.toLowerCase())))}`;
      return [
        crossFinding(
          'enum-casing-differs',
          'error',
          { ...subject, source: first!.source },
          `${subject.owner}.${subject.subject} (enum ${subject.enumName}): ${subject.listings.map(says).join('; ')}; rule on the casing in specs/decisions.yaml`,
          others.map((l) => ({ source: l.source, message: `${l.label}: ${listed(l.members)}` })),
          {
            enum: subject.enumName,
            members: [...conflicts.keys()],
            ...Object.fromEntries(subject.listings.map((l) => [`${l.kind}Values`, l.members])),
          },
        ),
      ];
    });
  },
};
