/**
 * Redaction: the last line of defence that keeps secrets (the bearer token, credentials in marked
 * headers and cookies) out of every report file. The verify stage is expected to keep the token
 * out of evidence already; the writers redact again anyway, because a target can echo a token back
 * in a body, an error message or a Location header.
 *
 * Guarantee: after `redactSecrets(value, secrets)`, no string (or object key, or number's decimal
 * text) of the result contains any of the secrets, nor their JSON-escaped, shell-quoted,
 * URL-encoded, HTML-escaped or base64 forms. Each occurrence becomes `[REDACTED]`. Empty secrets
 * and secrets that are themselves part of the marker (`RED`, `]`) cannot be meaningfully
 * redacted and are ignored.
 */
import type { CheckResult, Evidence, Report } from './result.js';
import { escapeHtml } from './text.js';

export const REDACTED = '[REDACTED]';

/** Headers whose values are credentials: their values are redacted wherever else they appear too. */
export const SENSITIVE_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-csrf-token',
];

/** Credentials read from headers shorter than this are hidden in the header only, not searched for elsewhere. */
const MIN_DERIVED_SECRET = 8;

/** Nesting beyond this depth is replaced (hostile bodies can nest deeper than the stack allows). */
const MAX_DEPTH = 200;

/** The forms a secret takes inside the texts a report holds. */
function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  forms.add(JSON.stringify(secret).slice(1, -1));
  forms.add(secret.replaceAll("'", `'\\''`));
  forms.add(secret.replaceAll("'", `'"'"'`));
  forms.add(secret.replace(/[\\"$`]/g, '\\$&'));
  forms.add(escapeHtml(secret));
  forms.add(secret.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c));
  try {
    forms.add(encodeURIComponent(secret));
    forms.add(encodeURIComponent(secret).replaceAll('%20', '+'));
  } catch {
    // lone surrogates cannot be URL-encoded, so they cannot appear URL-encoded either
  }
  const base64 = Buffer.from(secret, 'utf8').toString('base64');
  forms.add(base64);
  forms.add(base64.replace(/=+$/, ''));
  forms.add(Buffer.from(secret, 'utf8').toString('base64url'));
  return [...forms];
}

/** The strings to search for: every form of every usable secret, longest first. */
export function redactionNeedles(secrets: readonly string[]): string[] {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (!secret || REDACTED.includes(secret)) continue;
    for (const form of secretForms(secret)) if (form && !REDACTED.includes(form)) needles.add(form);
  }
  return [...needles].sort((a, b) => b.length - a.length);
}

/**
 * Replace every stretch of `text` covered by an occurrence of a needle (overlaps included) by one
 * marker. Replacing can make a new occurrence out of marker and neighbouring characters (secret
 * `]x`, text `?]xx`), so repeat until nothing matches; should that not settle, nothing of the text
 * is kept.
 */
function redactText(text: string, needles: readonly string[]): string {
  let current = text;
  for (let pass = 0; pass < 8; pass++) {
    const covered = new Uint8Array(current.length);
    let found = false;
    for (const needle of needles) {
      for (let i = current.indexOf(needle); i !== -1; i = current.indexOf(needle, i + 1)) {
        covered.fill(1, i, i + needle.length);
        found = true;
      }
    }
    if (!found) return current;
    let out = '';
    for (let i = 0; i < current.length; ) {
      const start = i;
      const state = covered[i];
      while (i < current.length && covered[i] === state) i++;
      out += state ? REDACTED : current.slice(start, i);
    }
    current = out;
  }
  return REDACTED;
}

function redactDeep(value: unknown, needles: readonly string[], depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value, needles);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const text = String(value);
    return redactText(text, needles) === text ? value : REDACTED;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[nested too deep]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => redactDeep(v, needles, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redactText(k, needles)] = redactDeep(v, needles, depth + 1, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * Replace every occurrence of any secret (and its escaped and encoded forms) by `[REDACTED]`,
 * in a string or anywhere inside a JSON-like value (strings, keys, numbers; arrays and plain
 * objects are copied, the input is not changed). For a whole `Report` use `redactReport`, which
 * also keeps the report's own numbers (statuses, durations, lines) numbers.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string;
export function redactSecrets<T>(value: T, secrets: readonly string[]): T;
export function redactSecrets(value: unknown, secrets: readonly string[]): unknown {
  const needles = redactionNeedles(secrets);
  if (needles.length === 0) return value;
  return redactDeep(value, needles, 0, new WeakSet());
}

export interface RedactionOptions {
  /** Secret values to remove everywhere: the token, values of headers or cookies the user marked. */
  secrets?: readonly string[];
  /** Header names (any case) whose values are credentials; default `SENSITIVE_HEADERS`. */
  sensitiveHeaders?: readonly string[];
}

/** Credentials carried by one sensitive header value: the value, the part after the auth scheme, cookie values. */
function credentialsIn(name: string, value: string): string[] {
  const out = [value];
  const lower = name.toLowerCase();
  const scheme = /^\s*[A-Za-z][\w.+-]*\s+(\S.*)$/.exec(value);
  if (scheme?.[1] && (lower === 'authorization' || lower === 'proxy-authorization')) out.push(scheme[1].trim());
  if (lower === 'cookie' || lower === 'set-cookie') {
    const pairs = lower === 'cookie' ? value.split(';') : [value.split(';')[0] ?? ''];
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq > 0) out.push(pair.slice(eq + 1).trim());
    }
  }
  return out.filter((s) => s.length >= MIN_DERIVED_SECRET && !s.includes('$CALLCONFORM_TOKEN') && !s.includes(REDACTED));
}

function evidenceHeaders(evidence: Evidence, visit: (headers: Record<string, string>) => void, depth = 0): void {
  if (depth > MAX_DEPTH) return;
  if (evidence.request?.headers) visit(evidence.request.headers);
  if (evidence.response?.headers) visit(evidence.response.headers);
  for (const more of evidence.more ?? []) evidenceHeaders(more, visit, depth + 1);
}

/** The value a sensitive header keeps: its auth scheme, if any, and the marker. */
function maskHeader(value: string): string {
  const scheme = /^\s*(Bearer|Basic|Digest|Token|Negotiate|NTLM|AWS4-HMAC-SHA256)\s+\S/i.exec(value);
  if (value.includes('$CALLCONFORM_TOKEN')) return value;
  return scheme?.[1] ? `${scheme[1]} ${REDACTED}` : REDACTED;
}

function redactEvidence(evidence: Evidence, needles: readonly string[], sensitive: ReadonlySet<string>, depth: number): Evidence {
  const text = (s: string): string => redactText(s, needles);
  const deep = (v: unknown): unknown => redactDeep(v, needles, 0, new WeakSet());
  const headers = (h: Record<string, string>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(h)) {
      out[text(name)] = sensitive.has(name.toLowerCase()) ? maskHeader(String(value)) : text(String(value));
    }
    return out;
  };
  const out: Evidence = {};
  if (evidence.request) {
    const r = evidence.request;
    out.request = {};
    if (r.method !== undefined) out.request.method = text(r.method);
    if (r.url !== undefined) out.request.url = text(r.url);
    if (r.headers !== undefined) out.request.headers = headers(r.headers);
    if ('body' in r) out.request.body = deep(r.body);
    if (r.curl !== undefined) out.request.curl = text(r.curl);
  }
  if (evidence.response) {
    const r = evidence.response;
    out.response = {};
    if (r.status !== undefined) out.response.status = r.status;
    if (r.headers !== undefined) out.response.headers = headers(r.headers);
    if ('body' in r) out.response.body = deep(r.body);
    if (r.error !== undefined) out.response.error = text(r.error);
  }
  if (evidence.more) {
    out.more = depth >= MAX_DEPTH ? [] : evidence.more.map((m) => redactEvidence(m, needles, sensitive, depth + 1));
  }
  if (evidence.decision) {
    const d = evidence.decision;
    out.decision = { finding: text(d.finding), ruling: text(d.ruling), rationale: text(d.rationale), source: { file: text(d.source.file), line: d.source.line } };
  }
  if ('expected' in evidence) out.expected = deep(evidence.expected);
  if ('actual' in evidence) out.actual = deep(evidence.actual);
  return out;
}

/**
 * The report with every secret removed: the given secrets, plus the credentials found in
 * sensitive headers of any evidence (so a token the target echoes in a body is caught too).
 * Sensitive header values themselves always become `Bearer [REDACTED]` / `[REDACTED]`.
 * Shape and numbers of the report are kept, so the result still matches report.schema.json.
 */
export function redactReport(report: Report, options: RedactionOptions = {}): Report {
  const sensitive = new Set((options.sensitiveHeaders ?? SENSITIVE_HEADERS).map((h) => h.toLowerCase()));
  const secrets = [...(options.secrets ?? [])];
  for (const result of report.results) {
    evidenceHeaders(result.evidence, (headers) => {
      for (const [name, value] of Object.entries(headers)) {
        if (sensitive.has(name.toLowerCase())) secrets.push(...credentialsIn(name, String(value)));
      }
    });
  }
  const needles = redactionNeedles(secrets);
  const text = (s: string): string => redactText(s, needles);
  const result = (r: CheckResult): CheckResult => ({
    id: text(r.id),
    operation: text(r.operation),
    check: r.check,
    requirement: text(r.requirement),
    level: r.level,
    verdict: r.verdict,
    message: text(r.message),
    source: { file: text(r.source.file), line: r.source.line },
    evidence: redactEvidence(r.evidence, needles, sensitive, 0),
    durationMs: r.durationMs,
  });
  return {
    tool: { name: report.tool.name, version: text(report.tool.version) },
    target: text(report.target),
    profile: text(report.profile),
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    verdict: report.verdict,
    summary: { ...report.summary },
    ...(report.scope
      ? {
          scope: {
            ...report.scope,
            filters: JSON.parse(text(JSON.stringify(report.scope.filters))) as typeof report.scope.filters,
            checks: report.scope.checks.map((c) => ({ ...c, ...(c.skipReasons ? { skipReasons: c.skipReasons.map(text) } : {}) })),
          },
        }
      : {}),
    ...(report.inputs
      ? {
          inputs: {
            specs: { path: text(report.inputs.specs.path), files: { ...report.inputs.specs.files } },
            contracts: { path: text(report.inputs.contracts.path), files: { ...report.inputs.contracts.files } },
          },
        }
      : {}),
    results: report.results.map(result),
  };
}
