/**
 * Text helpers shared by the report writers. Everything a target sends back is hostile until
 * proven otherwise: these functions make any string safe to place in HTML, XML, Markdown or on a
 * terminal, and keep long evidence short.
 */
import type { CheckResult, Evidence, ResultVerdict, RunScope } from './result.js';

/**
 * Characters that must not reach a reader as themselves: C0/C1 controls (except tab and
 * newline), DEL, zero-width and bidirectional formatting characters (a `U+202E` in a response
 * body could flip "fail" into "liaf" on screen), XML-forbidden U+FFFE/U+FFFF, and lone surrogates.
 */
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replace invisible and control characters by a visible `\uXXXX`; `\r` is dropped (CRLF → LF). */
export function showInvisible(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Escape for HTML text and (double- or single-quoted) attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Cut `text` to at most `max` UTF-16 units (never inside a surrogate pair) and say how much was
 * left out. `max` below 1 keeps nothing but the note.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}… [truncated ${text.length - end} characters]`;
}

/** A JSON-ish value for display: strings as they are, everything else as indented JSON. */
export function displayValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A value on one line (for tables and one-line summaries). */
export function oneLine(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\s*\n\s*/g, ' ');
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `specs/sources/graph-v1.0/x.md:42`. */
export function sourceRef(source: { file: string; line: number }): string {
  return `${source.file}:${source.line}`;
}

/** Every curl line of a result's evidence, the main exchange first, then the follow-ups. */
export function curlLines(evidence: Evidence): string[] {
  const out: string[] = [];
  const walk = (e: Evidence): void => {
    if (e.request?.curl) out.push(e.request.curl);
    for (const m of e.more ?? []) walk(m);
  };
  walk(evidence);
  return out;
}

/** Order in which results are presented: what needs attention first. */
const ATTENTION: Record<ResultVerdict, number> = { fail: 0, error: 1, warn: 2, skip: 3, pass: 4 };

/** Results sorted failures first (then errors, warnings, skips, passes), stable within a verdict. */
export function byAttention(results: readonly CheckResult[]): CheckResult[] {
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => ATTENTION[a.r.verdict] - ATTENTION[b.r.verdict] || a.i - b.i)
    .map(({ r }) => r);
}

/** Results grouped by operation, operations in order of first appearance. */
export function byOperation(results: readonly CheckResult[]): Map<string, CheckResult[]> {
  const groups = new Map<string, CheckResult[]>();
  for (const r of results) {
    const list = groups.get(r.operation);
    if (list) list.push(r);
    else groups.set(r.operation, [r]);
  }
  return groups;
}

/** `1.234 s` or `87 ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** The part of a result id after `<profile>/<operation>/`: `max-length/clientContext-257`. */
export function idTail(result: CheckResult): string {
  const parts = result.id.split('/');
  return parts.length > 2 ? parts.slice(2).join('/') : result.id;
}

/** One line on what the run covered: `14 of 40 check instances (--only max-length); 2 skipped`. */
export function scopeText(scope: RunScope): string {
  const f = scope.filters;
  const filters = [f.only ? `--only ${f.only.join(' ')}` : '', f.operations ? `--operation ${f.operations.join(' ')}` : '', f.excludeOperations ? `--exclude-operation ${f.excludeOperations.join(' ')}` : ''].filter(Boolean).join(', ');
  const total = scope.planned + scope.excluded;
  const stopped = scope.stopped ? `; stopped after ${scope.stopped.maxFailures} failed or errored (--max-failures), ${scope.stopped.notRun} not run` : '';
  return `${scope.ran} of ${total} check instances ran${filters ? ` (narrowed by ${filters})` : ''}${scope.skipped ? `; ${scope.skipped} skipped` : ''}${stopped}`;
}
