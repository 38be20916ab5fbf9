/**
 * JSON examples as printed on a page. A body that does not parse is repaired only when the
 * repair is certain: deleting one character near the parser's error position yields JSON, and
 * every such deletion yields the same value. Otherwise the example is dropped. Either way a
 * `json-syntax` finding reports it.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Finding } from '../spec/finding.js';
import { finding } from './findings.js';
import { jsonDepth, MAX_JSON_DEPTH } from './page-limits.js';

export interface ParsedJson {
  ok: boolean;
  value?: unknown;
  finding?: Finding;
}

function tryParse(text: string): { value?: unknown; error?: number; tooDeep?: true } {
  try {
    const value = JSON.parse(text) as unknown;
    // Every later stage walks values recursively; deeper than this would exhaust the stack.
    return jsonDepth(value) > MAX_JSON_DEPTH ? { tooDeep: true } : { value };
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    return { error: m ? Number(m[1]) : text.length };
  }
}

/** Line offset (0-based) of a character index. */
const lineIndex = (text: string, index: number): number => text.slice(0, index).split('\n').length - 1;

export function parseJsonExample(text: string, file: string, lines: number[], subject: string): ParsedJson {
  const first = tryParse(text);
  if (first.tooDeep) {
    return {
      ok: false,
      finding: finding('json-too-deep', `JSON example nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels; the example is left out of the spec`, { file, line: lines[0] ?? 1 }, {
        subject,
        action: { kind: 'dropped', detail: 'example left out' },
      }),
    };
  }
  if (first.error === undefined) return { ok: true, value: first.value };
  const at = first.error;
  const candidates: Array<{ value: unknown; index: number }> = [];
  for (let i = Math.max(0, at - 4); i <= Math.min(text.length - 1, at + 1); i++) {
    const attempt = tryParse(text.slice(0, i) + text.slice(i + 1));
    if (attempt.error === undefined && !attempt.tooDeep) candidates.push({ value: attempt.value, index: i });
  }
  const certain = candidates.length > 0 && candidates.every((c) => isDeepStrictEqual(c.value, candidates[0]!.value));
  const errLine = lines[lineIndex(text, at)] ?? lines[0] ?? 1;
  const lineText = text.split('\n')[lineIndex(text, at)]?.trim() ?? '';
  if (certain) {
    const c = candidates[0]!;
    const removed = `\`${text[c.index]}\``;
    return {
      ok: true,
      value: c.value,
      finding: finding('json-syntax', `JSON example does not parse at \`${lineText}\`; removing the stray ${removed} is the only repair that makes it parse`, { file, line: lines[lineIndex(text, c.index)] ?? errLine }, {
        subject,
        action: { kind: 'repaired', detail: `removed ${removed}` },
      }),
    };
  }
  return {
    ok: false,
    finding: finding('json-syntax', `JSON example does not parse at \`${lineText}\` and no certain repair exists; the example is left out of the spec`, { file, line: errLine }, {
      subject,
      action: { kind: 'dropped', detail: 'example left out' },
    }),
  };
}
