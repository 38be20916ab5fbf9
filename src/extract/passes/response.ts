/**
 * Success response: status from the prose and from the example (kept apart: a contradiction is a
 * finding for a human to rule on), response headers (Location and what it points to), and the
 * body's resource type and example.
 */
import type { Finding } from '../../spec/finding.js';
import type { CollectionFact, ConditionalStatusFact, ErrorResponseFact, ResponseBodyFact, ResponseHeaderFact, Source, StatusFact, SuccessResponse } from '../../spec/model.js';
import { sentences } from '../facts-from-text.js';
import { isBareJson, parseHttpMessage, headerValue, type HttpMessage } from '../http-message.js';
import type { CodeBlock, Page, Paragraph } from '../page-model.js';
import { codes, headingBefore, section } from '../sections.js';
import { exampleOf } from './request-body.js';

const STATUS_IN_PROSE = /\b([1-5]\d\d)\s+((?:[A-Z][A-Za-z-]*)(?:\s+[A-Z][A-Za-z-]*)*)/g;

function proseParagraphs(page: Page): Paragraph[] {
  const sec = section(page, /^(response|responses)$/i);
  return (sec?.blocks ?? []).filter((b): b is Paragraph => b.kind === 'paragraph');
}

/** Every status the response prose names, with the sentence it is named in. */
function statusesInProse(page: Page): Array<{ code: number; reason: string; sentence: string; source: Source }> {
  const out: Array<{ code: number; reason: string; sentence: string; source: Source }> = [];
  for (const p of proseParagraphs(page)) {
    for (const sentence of sentences(p.text)) {
      for (const m of sentence.matchAll(STATUS_IN_PROSE)) out.push({ code: Number(m[1]), reason: m[2]!.trim(), sentence, source: { file: page.file, line: p.line } });
    }
  }
  return out;
}

/**
 * Success statuses the prose documents on purpose, each with its condition ("returns `202 Accepted`
 * when the request has been processed … but the server requires more time"): two or more distinct
 * 2xx codes in the response prose. Undefined for a page that names one.
 */
export function conditionalStatuses(page: Page): ConditionalStatusFact[] | undefined {
  const out: ConditionalStatusFact[] = [];
  for (const s of statusesInProse(page)) {
    if (s.code < 200 || s.code >= 300 || out.some((o) => o.code === s.code)) continue;
    out.push({ code: s.code, reason: s.reason, condition: s.sentence, source: s.source, level: 'MUST' });
  }
  return out.length > 1 ? out : undefined;
}

/** Error statuses the response prose documents ("returns a `404 Not Found` response code when …"): MUST, with their condition. */
export function documentedErrors(page: Page): ErrorResponseFact[] {
  const out: ErrorResponseFact[] = [];
  for (const s of statusesInProse(page)) {
    if (s.code < 400 || s.code > 599 || out.some((o) => o.status === s.code)) continue;
    out.push({ status: s.code, when: 'documented', condition: s.sentence, source: s.source, level: 'MUST' });
  }
  return out;
}

export function statusFromProse(page: Page): StatusFact | undefined {
  for (const p of proseParagraphs(page)) {
    for (const m of p.text.matchAll(STATUS_IN_PROSE)) {
      const code = Number(m[1]);
      if (code >= 200 && code < 300) return { code, reason: m[2]!.trim(), source: { file: page.file, line: p.line }, level: 'MUST' };
    }
  }
  return undefined;
}

/** Response example blocks: after the first Example/Sample heading, annotated `response` or starting with a status line; bare JSON under a "response" heading. */
export function responseExampleBlocks(page: Page): Array<{ block: CodeBlock; msg: HttpMessage }> {
  const example = page.blocks.findIndex((b) => b.kind === 'heading' && /^(examples?|samples?(?: \d+)?)$/i.test(b.text));
  // Pages without an Example section show the response example under "Response".
  const start = example >= 0 ? example : page.blocks.findIndex((b) => b.kind === 'heading' && /^responses?$/i.test(b.text));
  if (start < 0) return [];
  const out: Array<{ block: CodeBlock; msg: HttpMessage }> = [];
  for (const block of codes(page.blocks.slice(start))) {
    const msg = parseHttpMessage(block);
    if (msg?.status) out.push({ block, msg });
    else if (!msg && isBareJson(block) && /response/i.test(headingBefore(page, block)?.text ?? '')) {
      const lines = block.text.split('\n');
      out.push({ block, msg: { headers: [], body: block.text, bodyLine: block.line, bodyLines: lines.map((_, i) => block.lines[i] ?? block.line) } });
    }
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function firstItem(json: unknown): unknown {
  return isObject(json) && Array.isArray(json.value) ? json.value[0] : undefined;
}

/**
 * The body is a collection when the prose says "a collection of X objects", the example's
 * annotation says `isCollection`, or the example is an object holding only a `value` array and
 * OData annotations.
 */
function collectionOf(file: string, first: { block: CodeBlock } | undefined, json: unknown, bodyProse: Paragraph | undefined): CollectionFact | undefined {
  const shown = isObject(json) && Array.isArray(json.value) && Object.keys(json).every((k) => k === 'value' || k.startsWith('@odata.'));
  const annotations = shown ? Object.keys(json).filter((k) => k.startsWith('@odata.')).sort() : [];
  if (bodyProse && /\bcollection of\b/i.test(bodyProse.text)) return { source: { file, line: bodyProse.line }, level: 'MUST', annotations };
  if (first && (first.block.annotation?.isCollection === true || shown)) return { source: { file, line: first.block.line }, level: 'MUST', annotations };
  return undefined;
}

function resourceName(odataType: string | undefined): string | undefined {
  return odataType?.replace(/^#/, '').split('.').pop();
}

export function readResponse(page: Page, findings: Finding[]): SuccessResponse {
  // Built key by key so the YAML reads statuses, then headers, then body.
  const response = {} as SuccessResponse;
  const prose = statusFromProse(page);
  if (prose) response.statusFromProse = prose;
  const conditional = conditionalStatuses(page);
  const examples = responseExampleBlocks(page);
  const first = examples[0];
  if (first?.msg.status) {
    response.statusFromExample = { code: first.msg.status.code, ...(first.msg.status.reason ? { reason: first.msg.status.reason } : {}), source: { file: page.file, line: first.msg.status.line }, level: 'MUST' };
  } else if (!prose && first) {
    response.statusByConvention = {
      code: 200,
      reason: 'OK',
      source: { file: page.file, line: first.block.line },
      level: 'SHOULD',
      basis: 'the page shows the HTTP response body but no status code; a synchronous reply with a body is 200 OK by HTTP convention',
    };
  }

  if (conditional) response.conditionalStatuses = conditional;
  response.headers = [];
  // Location (and other documented headers) from the prose, with the example value.
  const paragraphs = proseParagraphs(page);
  const location = paragraphs.find((p) => /\bLocation header\b/i.test(p.text));
  const exampleLocation = first ? headerValue(first.msg, 'location') : undefined;
  if (location || exampleLocation) {
    const target = location?.links.find((l) => /^[a-z]\w*$/i.test(l)) ?? /\bto the (\w+)/i.exec(location?.text ?? '')?.[1];
    const header: ResponseHeaderFact = {
      name: 'Location',
      ...(target ? { pointsTo: /operation$/i.test(target) || /\boperation\b/i.test(location?.text ?? '') ? 'operation' : 'resource', resource: target } : exampleLocation && /\/operations\//.test(exampleLocation.value) ? { pointsTo: 'operation' } : {}),
      ...(exampleLocation ? { example: exampleLocation.value } : {}),
      source: { file: page.file, line: location?.line ?? exampleLocation!.line },
      level: location ? 'MUST' : 'SHOULD',
      ...(location ? {} : { basis: 'only the response example shows this header; the prose does not mention it' }),
    };
    response.headers.push(header);
  }

  // Body: resource type from the example's @odata.type, else the annotation, else the prose link.
  const example = first ? exampleOf(page, first.msg, 'response-example', findings) : undefined;
  const bodyProse = paragraphs.find((p) => /\bin the response body\b|\bresponse body\b/i.test(p.text));
  const collection = collectionOf(page.file, first, example?.json, bodyProse);
  // A collection's type is its items': the first item's `@odata.type`.
  const json = collection ? firstItem(example?.json) : example?.json;
  const odataInExample = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>)['@odata.type'] : undefined;
  const annotated = first?.block.annotation?.['@odata.type'];
  const odataType = typeof odataInExample === 'string' ? odataInExample : typeof annotated === 'string' ? annotated : undefined;
  const proseResource = bodyProse?.links.find((l) => /^[a-z]\w*$/i.test(l)) ?? /\b(?:an?|the|of)\s+(?:updated\s+|new\s+)?(\w+)\s+objects?\s+in the response body/i.exec(bodyProse?.text ?? '')?.[1];
  // A collection's items may be of derived types (`aadUserConversationMember`): the type the prose names is the items' type.
  const resource = collection ? (proseResource ?? resourceName(odataType)) : (resourceName(odataType) ?? proseResource);
  if (example || resource) {
    const truncatedNote = page.blocks.some((b) => b.kind === 'paragraph' && /response object shown here (might|may) be (shortened|truncated)/i.test(b.text));
    const body: ResponseBodyFact = {
      ...(resource ? { resource } : {}),
      ...(collection ? { collection } : {}),
      ...(typeof odataInExample === 'string' && !collection ? { odataType: odataInExample } : {}),
      source: example?.source ?? { file: page.file, line: bodyProse?.line ?? first?.block.line ?? 1 },
      level: bodyProse || typeof odataInExample === 'string' || typeof annotated === 'string' ? 'MUST' : example ? 'MUST' : 'SHOULD',
      ...(example ? { example } : {}),
      ...(first?.block.annotation?.truncated === true || truncatedNote ? { truncated: true } : {}),
    };
    response.body = body;
  }
  return response;
}
