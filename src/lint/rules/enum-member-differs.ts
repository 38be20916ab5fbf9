/**
 * `enum-member-differs`: a member one source lists and another does not (compared without
 * casing; casing is `enum-casing-differs`). Noise control: the metadata's evolvable-enum sentinel
 * `unknownFutureValue`, and a member the page leaves out but the shared enum page documents
 * ("documented elsewhere"), are notes; anything else is a warning.
 */
import { EVOLVABLE_SENTINEL } from '../../compile/enum-values.js';
import type { Severity } from '../../spec/finding.js';
import { at, crossFinding, type CrossSourceRule } from '../cross-source.js';
import { enumSubjects, type EnumListing } from '../enum-sources.js';

function severityOf(member: string, missingFrom: readonly EnumListing[], listedBy: readonly EnumListing[]): Severity {
  if (member.toLowerCase() === EVOLVABLE_SENTINEL.toLowerCase()) return 'note';
  const onlyThePageLacksIt = missingFrom.every((l) => l.kind === 'page') && listedBy.some((l) => l.kind === 'enum-page');
  return onlyThePageLacksIt ? 'note' : 'warning';
}

export const enumMemberDiffers: CrossSourceRule = {
  id: 'enum-member-differs',
  severity: 'warning',
  description: 'An enum member is listed by one source (page, shared enum page, service metadata) and missing from another; unknownFutureValue and members documented elsewhere are notes.',
  example: 'resources/call.md:74 lists requestedModalities member unknown, which neither enums.md:329 nor the metadata (EnumType modality) lists (warning); api/team-clone.md:65 leaves out hiddenMembership, which the metadata declares (warning); api/call-reject.md:46 leaves out the evolvable sentinel unknownFutureValue (note).',
  check(set) {
    return enumSubjects(set).flatMap((subject) => {
      const all = new Map<string, string>();
      for (const l of subject.listings) for (const m of l.members) if (!all.has(m.toLowerCase())) all.set(m.toLowerCase(), m);
      return [...all].flatMap(([key, member]) => {
        const has = (l: EnumListing): boolean => l.members.some((m) => m.toLowerCase() === key);
        const listedBy = subject.listings.filter(has);
        const missingFrom = subject.listings.filter((l) => !has(l));
        if (missingFrom.length === 0) return [];
        // Located on the page when the page lists the enum at all (listings are page first).
        const where = subject.listings[0]!;
        return [
          crossFinding(
            'enum-member-differs',
            severityOf(member, missingFrom, listedBy),
            { ...subject, subject: `${subject.subject}/${key}`, source: where.source },
            `${subject.owner}.${subject.subject} (enum ${subject.enumName}): member ${member} is listed by ${listedBy.map((l) => `${l.label} (${at(l.source)})`).join(' and ')} but not by ${missingFrom.map((l) => `${l.label} (${at(l.source)})`).join(' or ')}`,
            subject.listings.slice(1).map((l) => ({ source: l.source, message: `${l.label} ${has(l) ? 'lists' : 'does not list'} ${member}` })),
            { enum: subject.enumName, member, listedBy: listedBy.map((l) => l.kind), missingFrom: missingFrom.map((l) => l.kind) },
          ),
        ];
      });
    });
  },
};
