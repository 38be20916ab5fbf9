/**
 * Exchanges → report evidence: the request (token redacted), a curl line that reproduces it, and
 * what came back (parsed JSON, or text cut to a readable size). Pure.
 */
import type { Evidence } from '../report/result.js';
import type { Exchange, HttpRequest } from './http.js';

/** What a token is replaced by in evidence; the curl line reads it from the environment. */
export const TOKEN_PLACEHOLDER = '$CALLCONFORM_TOKEN';
/** Longest body text kept in evidence. */
export const EVIDENCE_TEXT_LIMIT = 4096;
/** Deepest nesting kept in evidence (as in the report stage's redaction): a hostile body can nest deeper than a serializer's stack. */
export const EVIDENCE_DEPTH_LIMIT = 200;

/** The value with anything nested deeper than the limit replaced by a marker. Iterative, so any depth is safe. */
export function boundDepth<T>(value: T, limit = EVIDENCE_DEPTH_LIMIT): T {
  const root: { v: unknown } = { v: value };
  const stack: { holder: Record<string, unknown> | unknown[]; key: string | number; depth: number }[] = [{ holder: root as unknown as Record<string, unknown>, key: 'v', depth: 0 }];
  while (stack.length > 0) {
    const { holder, key, depth } = stack.pop()!;
    const v = (holder as Record<string | number, unknown>)[key];
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) {
      (holder as Record<string | number, unknown>)[key] = '[nested too deep]';
      continue;
    }
    const copy: Record<string, unknown> | unknown[] = Array.isArray(v) ? [...(v as unknown[])] : { ...(v as Record<string, unknown>) };
    (holder as Record<string | number, unknown>)[key] = copy;
    for (const k of Array.isArray(copy) ? copy.keys() : Object.keys(copy)) stack.push({ holder: copy, key: k, depth: depth + 1 });
  }
  return root.v as T;
}

function redact(text: string, token: string | undefined): string {
  return token ? text.split(token).join(TOKEN_PLACEHOLDER) : text;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A curl line that sends the same request; the token comes from `$CALLCONFORM_TOKEN`. */
export function curlLine(req: HttpRequest, token: string | undefined): string {
  const parts = ['curl', '-sS', '-i', '-X', req.method, shellQuote(redact(req.url, token))];
  for (const [name, value] of Object.entries(req.headers)) {
    const shown = redact(value, token);
    // Double quotes only where the token placeholder must expand; everything else single-quoted.
    parts.push('-H', shown.includes(TOKEN_PLACEHOLDER) ? `"${name}: ${shown.replace(/(["\\`])/g, '\\$1')}"` : shellQuote(`${name}: ${shown}`));
  }
  if (req.body !== undefined) parts.push('--data-raw', shellQuote(redact(req.body, token)));
  return parts.join(' ');
}

function shownBody(text: string, token: string | undefined): unknown {
  const clean = redact(text, token);
  if (clean.trim() === '') return undefined;
  try {
    return JSON.parse(clean) as unknown;
  } catch {
    return clean.length > EVIDENCE_TEXT_LIMIT ? `${clean.slice(0, EVIDENCE_TEXT_LIMIT)}… (${clean.length} characters)` : clean;
  }
}

function redactHeaders(headers: Record<string, string>, token: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = redact(v, token);
  return out;
}

/** Evidence of one exchange. */
export function evidenceOf(ex: Exchange, token: string | undefined): Evidence {
  const req = ex.request;
  const body = req.body === undefined ? undefined : shownBody(req.body, token);
  const evidence: Evidence = {
    request: {
      method: req.method,
      url: redact(req.url, token),
      headers: redactHeaders(req.headers, token),
      ...(body !== undefined ? { body } : {}),
      curl: curlLine(req, token),
    },
  };
  if (ex.response) {
    const resBody = shownBody(ex.response.text, token);
    evidence.response = { status: ex.response.status, headers: redactHeaders(ex.response.headers, token), ...(resBody !== undefined ? { body: resBody } : {}) };
  } else {
    evidence.response = { error: redact(ex.error ?? 'no response', token) };
  }
  return evidence;
}

/** Evidence of several exchanges: the first is the main one, the others go to `more`. */
export function evidenceOfAll(exchanges: readonly Exchange[], token: string | undefined, extra: Partial<Evidence> = {}): Evidence {
  const [first, ...rest] = exchanges;
  const main: Evidence = first ? evidenceOf(first, token) : {};
  if (rest.length > 0) main.more = rest.map((e) => evidenceOf(e, token));
  return { ...main, ...extra };
}
