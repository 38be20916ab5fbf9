/**
 * `enum-casing-differs`: the same enum member is spelled with different casing by the page, the
 * shared enum page and the service metadata (`completed` / `Completed`). A JSON string compares
 * case-sensitively, so an implementation cannot satisfy both: an error until
 * specs/decisions.yaml rules which spelling(s) the contract accepts.
 */
import { at, crossFinding, type CrossSourceRule } from '../cross-source.js';
import { enumSubjects, listed, type EnumListing } from '../enum-sources.js';

/** Lower-cased member → the spellings the listings use for it, when they use more than one. */
function casingConflicts(listings: readonly EnumListing[]): Map<string, Set<string>> {
  const spellings = new Map<string, Set<string>>();
  for (const l of listings) for (const m of l.members) spellings.set(m.toLowerCase(), (spellings.get(m.toLowerCase()) ?? new Set()).add(m));
  return new Map([...spellings].filter(([, s]) => s.size > 1));
}

export const enumCasingDiffers: CrossSourceRule = {
  id: 'enum-casing-differs',
  severity: 'error',
  description: 'The page, the shared enum page and the service metadata spell the same enum members with different casing; specs/decisions.yaml must rule which spelling the contract accepts.',
  example: 'commsoperation.md lists status values notStarted, running, completed, failed; enums.md and the metadata (EnumType operationStatus) list NotStarted, Running, Completed, Failed.',
  check(set) {
    return enumSubjects(set).flatMap((subject) => {
      const conflicts = casingConflicts(subject.listings);
      if (conflicts.size === 0) return [];
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
