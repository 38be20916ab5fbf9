/**
 * Exchanges → report evidence: the request (the token shown as `$CALLCONFORM_TOKEN` where it was
 * sent), a curl line that reproduces it, and what came back (parsed JSON, or text cut to a readable
 * size). Bounded and redacted as it is built, so a large or hostile answer costs little later. Pure.
 */
import { redactedPrefix, redactor, redactSecrets, redactText, type Redactor } from '../report/redact.js';
import type { Evidence } from '../report/result.js';
import type { Exchange, HttpRequest } from './http.js';

/** What a token is replaced by in evidence; the curl line reads it from the environment. */
export const TOKEN_PLACEHOLDER = '$CALLCONFORM_TOKEN';
/** Longest body text kept in evidence. */
export const EVIDENCE_TEXT_LIMIT = 4096;
/** Bodies up to this many characters are shown parsed when they are JSON; longer ones as text cut at `EVIDENCE_TEXT_LIMIT`. */
export const EVIDENCE_JSON_LIMIT = 65_536;
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

/** What evidence must not show: the token (shown as `$CALLCONFORM_TOKEN` where we sent it) and every secret. */
export interface EvidenceSecrets {
  token?: string;
  /** The token and the values of secret headers (`RunContext.secrets`). */
  secrets?: readonly string[];
}

const redactors = new WeakMap<object, Redactor>();
/** One redactor per run context (built on first use). */
function redactorOf(s: EvidenceSecrets): Redactor {
  let r = redactors.get(s);
  if (!r) redactors.set(s, (r = redactor([...(s.secrets ?? []), ...(s.token ? [s.token] : [])])));
  return r;
}

/** A header value as shown: the token we put there replaced by the placeholder the curl line expands. */
function shownHeader(value: string, token: string | undefined): string {
  return token ? value.split(token).join(TOKEN_PLACEHOLDER) : value;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A curl line that sends the same request; the token comes from `$CALLCONFORM_TOKEN`. */
export function curlLine(req: HttpRequest, token: string | undefined): string {
  const parts = ['curl', '-sS', '-i', '-X', req.method, shellQuote(req.url)];
  for (const [name, value] of Object.entries(req.headers)) {
    const shown = shownHeader(value, token);
    // Double quotes only where the token placeholder must expand; everything else single-quoted.
    parts.push('-H', shown.includes(TOKEN_PLACEHOLDER) ? `"${name}: ${shown.replace(/(["\\`])/g, '\\$1')}"` : shellQuote(`${name}: ${shown}`));
  }
  if (req.body !== undefined) parts.push('--data-raw', shellQuote(req.body));
  return parts.join(' ');
}

/**
 * A body as evidence, bounded: parsed JSON up to `EVIDENCE_JSON_LIMIT` characters, else text cut
 * at `EVIDENCE_TEXT_LIMIT` (redacted before the cut, so no piece of an encoded secret is left at it).
 */
function shownBody(text: string, r: Redactor, parsed?: { json?: unknown; isJson: boolean }): unknown {
  if (text.trim() === '') return undefined;
  if (text.length <= EVIDENCE_JSON_LIMIT) {
    if (parsed?.isJson) return redactSecrets(parsed.json, r);
    if (!parsed) {
      try {
        return redactSecrets(JSON.parse(text) as unknown, r);
      } catch {
        // shown as text
      }
    }
  }
  return text.length > EVIDENCE_TEXT_LIMIT ? `${redactedPrefix(text, EVIDENCE_TEXT_LIMIT, r)}… (${text.length} characters)` : redactText(text, r);
}

function shownHeaders(headers: Record<string, string>, token: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = shownHeader(v, token);
  return out;
}

/** Evidence of one exchange: bounded in size, and redacted (`ctx` is the run context, or just the secrets). */
export function evidenceOf(ex: Exchange, ctx: EvidenceSecrets): Evidence {
  const r = redactorOf(ctx);
  const req = ex.request;
  const body = req.body === undefined ? undefined : shownBody(req.body, r);
  const evidence: Evidence = {
    request: {
      method: req.method,
      url: redactText(req.url, r),
      headers: redactSecrets(shownHeaders(req.headers, ctx.token), r),
      ...(body !== undefined ? { body } : {}),
      curl: redactText(curlLine(req, ctx.token), r),
    },
  };
  if (ex.response) {
    const resBody = shownBody(ex.response.text, r, ex.response);
    evidence.response = { status: ex.response.status, headers: redactSecrets(ex.response.headers, r), ...(resBody !== undefined ? { body: resBody } : {}) };
  } else {
    evidence.response = { error: redactText(ex.error ?? 'no response', r) };
  }
  return evidence;
}

/** Evidence of several exchanges: the first is the main one, the others go to `more`. */
export function evidenceOfAll(exchanges: readonly Exchange[], ctx: EvidenceSecrets, extra: Partial<Evidence> = {}): Evidence {
  const [first, ...rest] = exchanges;
  const main: Evidence = first ? evidenceOf(first, ctx) : {};
  if (rest.length > 0) main.more = rest.map((e) => evidenceOf(e, ctx));
  return { ...main, ...extra };
}
