/**
 * The places that list an enum's members for one field: the page (its own enum fact), the shared
 * enum page's section and the metadata's EnumType, each with its members' spelling and lines.
 * Shared by `enum-casing-differs` and `enum-member-differs`.
 */
import type { EnumSection } from '../extract/enum-sections.js';
import type { CsdlEnumType } from '../metadata/model.js';
import { simpleName } from '../metadata/model.js';
import type { Source } from '../spec/model.js';
import type { FieldPair, SourceSet } from './cross-source.js';

export interface EnumListing {
  /** `the page`, `enums.md`, `the metadata`: how messages name the source. */
  label: string;
  kind: 'page' | 'enum-page' | 'metadata';
  source: Source;
  members: string[];
}

function sectionListing(section: EnumSection): EnumListing {
  const file = section.source.file.split(/[\\/]/).pop() ?? section.source.file;
  return { label: file, kind: 'enum-page', source: section.source, members: section.members.map((m) => m.name) };
}

function metadataListing(type: CsdlEnumType): EnumListing {
  return { label: 'the metadata', kind: 'metadata', source: type.source, members: type.members.map((m) => m.name) };
}

/** The listings for one field: page, enum page section, metadata (those that exist). */
export function fieldListings(pair: FieldPair): EnumListing[] {
  const out: EnumListing[] = [];
  if (pair.field.enum) out.push({ label: 'the page', kind: 'page', source: pair.field.enum.source, members: pair.field.enum.values });
  if (pair.enumSection) out.push(sectionListing(pair.enumSection));
  if (pair.enumType) out.push(metadataListing(pair.enumType));
  return out;
}

/** The owner of findings about the enum page itself (no documented field lists that enum). */
export const ENUM_PAGE_OWNER = 'enums';

/** What to compare for one enum: a documented field's listings, or an enum page section against the metadata when no page field lists that enum. */
export interface EnumSubject {
  profile: string;
  owner: string;
  subject: string;
  /** Name of the enum type: `operationStatus`. */
  enumName: string;
  listings: EnumListing[];
}

export function enumSubjects(set: SourceSet): EnumSubject[] {
  const out: EnumSubject[] = [];
  const listedByPages = new Set<string>();
  for (const pair of set.fields) {
    if (!pair.enumType) continue;
    if (pair.field.enum) listedByPages.add(pair.enumType.name);
    const listings = fieldListings(pair);
    if (listings.length > 1) out.push({ profile: pair.profile, owner: pair.owner, subject: pair.field.name, enumName: simpleName(pair.enumType.name), listings });
  }
  for (const type of set.metadata.enums.values()) {
    const section = set.enumSections.get(type.name.toLowerCase());
    if (!section || listedByPages.has(type.name)) continue;
    out.push({ profile: set.profileOf(section.source.file), owner: ENUM_PAGE_OWNER, subject: simpleName(type.name), enumName: simpleName(type.name), listings: [sectionListing(section), metadataListing(type)] });
  }
  return out;
}

/** Lower-cased member → the spellings the listings use for it, when they use more than one. */
export function casingConflicts(listings: readonly EnumListing[]): Map<string, Set<string>> {
  const spellings = new Map<string, Set<string>>();
  for (const l of listings) for (const m of l.members) spellings.set(m.toLowerCase(), (spellings.get(m.toLowerCase()) ?? new Set()).add(m));
  return new Map([...spellings].filter(([, s]) => s.size > 1));
}

/** The enum subjects whose sources spell members with different casing (what `enum-casing-differs` reports and rulings decide). */
export function casingDisagreements(set: SourceSet): EnumSubject[] {
  return enumSubjects(set).filter((s) => casingConflicts(s.listings).size > 0);
}

/** `notStarted, running` */
export const listed = (members: readonly string[]): string => members.join(', ');
