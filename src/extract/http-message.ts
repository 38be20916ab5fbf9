/** An HTTP message as printed in a doc code block: start line, headers, and the raw body. */
import type { CodeBlock } from './page-model.js';

export interface HttpHeaderLine {
  name: string;
  value: string;
  line: number;
}

export interface HttpMessage {
  request?: { method: string; target: string; line: number };
  status?: { code: number; reason: string; line: number };
  headers: HttpHeaderLine[];
  /** Body text exactly as printed (LF line ends), or '' when there is none. */
  body: string;
  bodyLine?: number;
  /** Source line of each body line. */
  bodyLines: number[];
}

const REQUEST = /^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)(?:\s+HTTP\/[\d.]+)?\s*$/;
const STATUS = /^\s*HTTP\/\d(?:\.\d)?\s+(\d{3})\s*(.*?)\s*$/;
const HEADER = /^([A-Za-z][A-Za-z0-9-]*)\s*:\s*(.*?)\s*$/;

/** Several passes and rules read the same block; it is read once (callers treat the result as read-only). */
const read = new WeakMap<CodeBlock, HttpMessage | undefined>();

/** Read a code block as an HTTP message; undefined when its first line is neither a request nor a status line. */
export function parseHttpMessage(block: CodeBlock): Readonly<HttpMessage> | undefined {
  if (read.has(block)) return read.get(block);
  const msg = readHttpMessage(block);
  read.set(block, msg);
  return msg;
}

function readHttpMessage(block: CodeBlock): HttpMessage | undefined {
  const lines = block.text.split('\n');
  const first = lines[0] ?? '';
  const req = REQUEST.exec(first);
  const st = STATUS.exec(first);
  if (!req && !st) return undefined;
  const msg: HttpMessage = { headers: [], body: '', bodyLines: [] };
  if (req) msg.request = { method: req[1]!, target: req[2]!, line: block.lines[0] ?? block.line };
  if (st) msg.status = { code: Number(st[1]), reason: st[2] ?? '', line: block.lines[0] ?? block.line };
  let i = 1;
  for (; i < lines.length; i++) {
    const h = HEADER.exec(lines[i]!);
    if (!h || /^\s*[{[]/.test(lines[i]!)) break;
    msg.headers.push({ name: h[1]!, value: h[2]!, line: block.lines[i] ?? block.line });
  }
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const bodyLines = lines.slice(i);
  while (bodyLines.length && bodyLines[bodyLines.length - 1]!.trim() === '') bodyLines.pop();
  msg.body = bodyLines.join('\n');
  if (bodyLines.length) {
    msg.bodyLine = block.lines[i] ?? block.line;
    msg.bodyLines = bodyLines.map((_, k) => block.lines[i + k] ?? block.line);
  }
  return msg;
}

/** A block whose text is a bare JSON value (Genesys samples print bodies without HTTP framing). */
export function isBareJson(block: CodeBlock): boolean {
  return /^\s*[{[]/.test(block.text);
}

/** Request line of a block that starts with one but has no headers (`POST api/v2/me/calls/…` then JSON). */
export function headerValue(msg: HttpMessage, name: string): HttpHeaderLine | undefined {
  return msg.headers.find((h) => h.name.toLowerCase() === name.toLowerCase());
}
