/** Facts read from table cells and sentences: types, enum values, length limits, requiredness. */
import type { Cell } from './page-model.js';
import type { EnumFact, JsonType, MaxLengthFact, Source, StringFormat } from '../spec/model.js';

export interface TypeInfo {
  type: JsonType;
  items?: JsonType;
  resource?: string;
  format?: StringFormat;
  /** The type as printed, when it says more than its JSON type (`DateTimeOffset`, `callState`). */
  odataType?: string;
}

/** OData primitives that are strings of a known format (Edm types as the Graph docs print them). */
const FORMATTED: Record<string, StringFormat> = {
  datetimeoffset: 'date-time',
  datetime: 'date-time',
  date: 'date',
  timeofday: 'time',
  duration: 'duration',
  guid: 'uuid',
  binary: 'byte',
  stream: 'byte',
};

const PRIMITIVE: Record<string, JsonType> = {
  ...Object.fromEntries(Object.keys(FORMATTED).map((k) => [k, 'string' as const])),
  string: 'string',
  'string (identifier)': 'string',
  uuid: 'string',
  url: 'string',
  uri: 'string',
  enumeration: 'string',
  enum: 'string',
  boolean: 'boolean',
  bool: 'boolean',
  int16: 'integer',
  int32: 'integer',
  int64: 'integer',
  integer: 'integer',
  int: 'integer',
  byte: 'integer',
  double: 'number',
  single: 'number',
  decimal: 'number',
  number: 'number',
  float: 'number',
  object: 'object',
  json: 'object',
};

/** A Type cell (`String`, `Int32`, `[participantInfo](…) collection`, `Enumeration collection`) → JSON type. */
export function typeOfCell(cell: Cell | undefined): TypeInfo | undefined {
  if (!cell || cell.text.trim() === '') return undefined;
  const text = cell.text.trim();
  const collection = /\bcollection\s*$/i.test(text);
  const base = text.replace(/\s*collection\s*$/i, '').trim();
  const key = base.toLowerCase().replace(/^edm\./, '');
  const prim = PRIMITIVE[key];
  const format = FORMATTED[key];
  const link = cell.links[0];
  const printed = key === 'string' ? {} : { odataType: text };
  const one: TypeInfo = prim ? { type: prim, ...(format ? { format } : {}) } : { type: 'object', ...(/^[A-Za-z][\w.]*$/.test(link ?? base) ? { resource: link ?? base } : {}) };
  if (!collection) return { ...one, ...printed };
  return { type: 'array', items: one.type, ...(one.resource ? { resource: one.resource } : {}), ...(one.format ? { format: one.format } : {}), ...printed };
}

/** Enum values from "Possible values are: `a`, `b`, or `c`." (also "The possible values are", "Supported values are"). */
export function enumOfText(text: string, source: Source): EnumFact | undefined {
  const m = /\b(?:possible|supported|allowed|valid)\s+values?\s+(?:are|is|include)\s*:?\s*(.+)$/i.exec(text);
  if (!m?.[1]) return undefined;
  const list = m[1].split(/(?<=[a-zA-Z0-9_`'"])\.(?:\s|$)/)[0]!;
  const values = list
    .split(/\s*,\s*|\s+or\s+|\s+and\s+/)
    .map((v) => v.replace(/^(?:or|and)\s+/i, '').replace(/[`'"*]/g, '').trim())
    .filter((v) => /^[A-Za-z][\w.-]*$/.test(v));
  if (values.length < 2) return undefined;
  const unique = [...new Set(values)];
  return { values: unique, source, level: 'MUST', ...(unique.includes('unknownFutureValue') ? { evolvable: true } : {}) };
}

/** "Max limit is 256 chars." / "Maximum length is 128 characters." → maxLength. */
export function maxLengthOfText(text: string, source: Source): MaxLengthFact | undefined {
  const sentences = text.split(/(?<=\.)\s+/);
  for (const sentence of sentences) {
    const m = /\bmax(?:imum)?\.?\s*(?:limit|length|size)?\s*(?:is|of|:)?\s*(\d+)\s*(?:chars?|characters?)\b/i.exec(sentence);
    if (m) return { value: Number(m[1]), source, level: 'MUST', text: sentence.trim() };
    const n = /\b(?:up to|at most|no more than|not exceed(?:ing)?)\s+(\d+)\s*(?:chars?|characters?)\b/i.exec(sentence);
    if (n) return { value: Number(n[1]), source, level: 'MUST', text: sentence.trim() };
  }
  return undefined;
}

/** "Required." → true; "Optional." → false; silence → undefined. */
export function requiredOfText(text: string): boolean | undefined {
  if (/\boptional\b/i.test(text)) return false;
  if (/\brequired\b/i.test(text)) return true;
  return undefined;
}

/** `camelCase` from a title or name: "Update call" → updateCall, "UpdateUserData" → updateUserData. */
export function camelCase(text: string): string {
  const words = text.replace(/[^A-Za-z0-9]+/g, ' ').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const [head, ...rest] = words;
  return head!.charAt(0).toLowerCase() + head!.slice(1) + rest.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/** Split prose into sentences (keeps abbreviations like "e.g." mostly intact). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z])/)
    .map((s) => s.trim())
    .filter(Boolean);
}
