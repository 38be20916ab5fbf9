/**
 * Notifications shown with an operation (Genesys "CometD notification" samples): channel,
 * message and notification type, where the call id sits, and which request pairs accumulate.
 */
import type { Finding } from '../../spec/finding.js';
import type { AccumulationFact, ExampleFact, NotificationFact, ParameterFact } from '../../spec/model.js';
import { sentences } from '../facts-from-text.js';
import type { Page } from '../page-model.js';
import { codes, headingBefore } from '../sections.js';
import { parseJsonExample } from '../json-example.js';
import { isBareJson } from '../http-message.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON pointers of every place in `value` holding exactly `needle`. */
function pointersOf(value: unknown, needle: (v: unknown) => boolean, at = ''): string[] {
  const out: string[] = [];
  if (needle(value)) out.push(at);
  if (isObject(value)) for (const [k, v] of Object.entries(value)) out.push(...pointersOf(v, needle, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  return out;
}

function containsAll(outer: unknown, inner: Json): boolean {
  return isObject(outer) && Object.entries(inner).every(([k, v]) => JSON.stringify(outer[k]) === JSON.stringify(v));
}

export interface RequestSample {
  /** Id of the resource in the sample's request path (the last path segment). */
  resourceId?: string;
  body?: unknown;
}

export function readNotifications(page: Page, requests: RequestSample[], parameters: ParameterFact[], findings: Finding[]): NotificationFact[] {
  const samples: ExampleFact[] = [];
  let transport: 'cometd' | undefined;
  let firstLine: number | undefined;
  codes(page.blocks).forEach((block) => {
    const h = headingBefore(page, block);
    if (!h || !/notification/i.test(h.text) || !isBareJson(block)) return;
    if (/cometd|bayeux/i.test(h.text)) transport = 'cometd';
    const parsed = parseJsonExample(block.text, page.file, block.lines, `notification-example-${samples.length + 1}`);
    if (parsed.finding) findings.push(parsed.finding);
    if (!parsed.ok || !isObject(parsed.value) || typeof parsed.value.channel !== 'string') return;
    firstLine ??= h.line;
    samples.push({ source: { file: page.file, line: block.line }, json: parsed.value, ...(parsed.finding ? { repairs: [parsed.finding.id] } : {}) });
  });
  const first = samples[0];
  if (!first || !transport || !isObject(first.json)) return [];
  const msg = first.json;
  const data = isObject(msg.data) ? msg.data : {};
  const id = requests[0]?.resourceId;
  const idPointer = id ? pointersOf(msg, (v) => v === id).find((p) => /\/id$/.test(p)) : undefined;

  // Accumulation: an object parameter whose pairs appear in every notification, and a sentence saying pairs are added.
  const accumulates: AccumulationFact[] = [];
  for (const param of parameters.filter((p) => p.type === 'object')) {
    const sentence = page.blocks
      .filter((b) => b.kind === 'paragraph' || b.kind === 'table')
      .flatMap((b) => (b.kind === 'paragraph' ? sentences(b.text).map((s) => ({ s, line: b.line })) : b.rows.flatMap((r) => r.map((c) => ({ s: c.text, line: c.line })))))
      .find(({ s }) => /\badd(s|ed)?\b.*\b(pairs?|data)\b.*\bto the\b/i.test(s));
    const pairs = requests.map((r) => (isObject(r.body) ? r.body[param.name] : undefined)).filter(isObject);
    const pointer = pairs[0] ? pointersOf(msg, (v) => isObject(v) && containsAll(v, pairs[0]!)).find((p) => p.endsWith(`/${param.name}`)) : undefined;
    if (sentence && pointer) accumulates.push({ parameter: param.name, pointer, text: sentence.s, source: { file: page.file, line: sentence.line }, level: 'MUST' });
  }
  return [
    {
      transport,
      channel: msg.channel as string,
      ...(typeof data.messageType === 'string' ? { messageType: data.messageType } : {}),
      ...(typeof data.notificationType === 'string' ? { notificationType: data.notificationType } : {}),
      ...(idPointer ? { resourceIdPointer: idPointer } : {}),
      example: first,
      ...(accumulates.length ? { accumulates } : {}),
      source: { file: page.file, line: firstLine ?? first.source.line },
      level: 'MUST',
    },
  ];
}

