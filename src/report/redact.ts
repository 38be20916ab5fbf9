/**
 * Redaction: the one way callconform keeps secrets (the bearer token, credentials in marked
 * headers and cookies) out of every report file and every line it prints. The verify stage keeps
 * the token out of the requests it shows already; the writers redact again anyway, because a
 * target can echo a token back in a body, an error message or a Location header.
 *
 * Guarantee: after redaction, no text of the result contains any of the secrets, nor a form the
 * secret takes in texts: JSON-escaped (`\"`, `\/`, `\uXXXX`), shell-quoted, %-encoded (either
 * case), HTML-escaped (named, `&#NN;` or `&#xHH;` entities, in any mix), or base64 (standard or
 * URL alphabet, on its own or inside a longer base64 text). Each occurrence becomes `[REDACTED]`.
 * Empty secrets and secrets that are themselves part of the marker (`RED`, `]`) cannot be
 * meaningfully redacted and are ignored. The work is linear in the text's length (times the
 * number of forms).
 *
 * Only text a target can have put there is searched: messages, evidence, the target URL. The ids,
 * requirements and sources the tool generates from specs are kept as they are, so a short token
 * (which matches ordinary text) cannot turn them into nonsense.
 */
import type { CheckResult, Evidence, Report } from './result.js';

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

/**
 * Shorter secrets match ordinary text: credentials read from headers are hidden only in the header
 * itself, and a shorter token is accepted with a warning (`verify`).
 */
export const MIN_SECRET_LENGTH = 8;

/** Nesting beyond this depth is replaced (hostile bodies can nest deeper than the stack allows). */
const MAX_DEPTH = 200;

/** Base64 of `bytes` written after `offset` other bytes: the characters that depend on `bytes` alone. */
function base64Core(bytes: Buffer, offset: number): string {
  const full = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64').replace(/=+$/, '');
  return full.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
}

/** Literal forms a secret takes that the decoded view (below) does not undo: shell quoting, `+` for space, base64. */
function literalForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  forms.add(secret.replaceAll("'", `'\\''`));
  forms.add(secret.replaceAll("'", `'"'"'`));
  forms.add(secret.replace(/[\\"$`]/g, '\\$&'));
  try {
    const encoded = encodeURIComponent(secret);
    for (const form of [encoded, encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())]) {
      forms.add(form);
      forms.add(form.replaceAll('%20', '+'));
    }
  } catch {
    // lone surrogates cannot be URL-encoded, so they cannot appear URL-encoded either
  }
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = bytes.toString('base64');
  forms.add(base64);
  forms.add(bytes.toString('base64url'));
  for (let offset = 0; offset < 3; offset++) {
    const core = base64Core(bytes, offset);
    // A short core would match ordinary base64 by chance; short secrets are caught in their aligned forms.
    if (core.length >= MIN_SECRET_LENGTH) {
      forms.add(core);
      forms.add(core.replaceAll('+', '-').replaceAll('/', '_'));
    }
  }
  return [...forms];
}

/** What to search for: built once per set of secrets, used for every text. */
export interface Redactor {
  /** Literal forms of every usable secret, longest first. */
  needles: readonly string[];
  /** The usable secrets themselves, searched in the decoded view of a text. */
  secrets: readonly string[];
  /** Longest stretch of text one occurrence can cover (an entity per character is the widest form). */
  reach: number;
}

export function redactor(secrets: readonly string[]): Redactor {
  const usable = [...new Set(secrets)].filter((s) => s && !REDACTED.includes(s));
  const needles = new Set<string>();
  for (const secret of usable) for (const form of literalForms(secret)) if (form && !REDACTED.includes(form)) needles.add(form);
  const longest = Math.max(0, ...[...needles].map((n) => n.length), ...usable.map((s) => s.length * 10));
  return { needles: [...needles].sort((a, b) => b.length - a.length), secrets: usable, reach: longest };
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const JSON_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
/** One escape at the start of the text: `%2f`, `&#47;`, `&#x2F;`, `&amp;`, `\/`, `\u002f`. */
const ESCAPE = /%([0-9a-fA-F]{2})|&#(\d{1,7});|&#[xX]([0-9a-fA-F]{1,6});|&([a-z]{2,4});|\\u([0-9a-fA-F]{4})|\\(["\\/bfnrt])/y;

/**
 * The text with each escape decoded to the character it stands for, and for every character of
 * that view the stretch of the original text it came from.
 */
function decodedView(text: string): { view: string; from: Int32Array; to: Int32Array } {
  const chars: string[] = [];
  const from = new Int32Array(text.length);
  const to = new Int32Array(text.length);
  let i = 0;
  while (i < text.length) {
    let char = text[i]!;
    let end = i + 1;
    if (char === '%' || char === '&' || char === '\\') {
      ESCAPE.lastIndex = i;
      const m = ESCAPE.exec(text);
      const decoded = m
        ? m[1] !== undefined
          ? String.fromCharCode(parseInt(m[1], 16))
          : m[2] !== undefined || m[3] !== undefined
            ? safeCodePoint(m[2] !== undefined ? parseInt(m[2], 10) : parseInt(m[3]!, 16))
            : m[4] !== undefined
              ? NAMED_ENTITIES[m[4]]
              : m[5] !== undefined
                ? String.fromCharCode(parseInt(m[5], 16))
                : JSON_ESCAPES[m[6]!]
        : undefined;
      if (m && decoded !== undefined) {
        char = decoded;
        end = i + m[0].length;
      }
    }
    for (let u = 0; u < char.length; u++) {
      from[chars.length] = i;
      to[chars.length] = end;
      chars.push(char[u]!);
    }
    i = end;
  }
  return { view: chars.join(''), from, to };
}

function safeCodePoint(n: number): string | undefined {
  return n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}

/** Marks in `covered` every stretch of `text` an occurrence of a secret (in any form) spans; whether any did. */
function cover(text: string, r: Redactor, covered: Uint8Array): boolean {
  let found = false;
  for (const needle of r.needles) {
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
      covered.fill(1, i, i + needle.length);
      found = true;
    }
  }
  if (!/[%&\\]/.test(text)) return found;
  const { view, from, to } = decodedView(text);
  for (const secret of r.secrets) {
    for (let i = view.indexOf(secret); i !== -1; i = view.indexOf(secret, i + 1)) {
      covered.fill(1, from[i]!, to[i + secret.length - 1]!);
      found = true;
    }
  }
  return found;
}

/**
 * Replace every stretch of `text` covered by an occurrence of a secret (overlaps included) by one
 * marker. Replacing can make a new occurrence out of marker and neighbouring characters (secret
 * `]x`, text `?]xx`), so repeat until nothing matches; should that not settle, nothing of the text
 * is kept.
 */
export function redactText(text: string, r: Redactor): string {
  if (r.secrets.length === 0) return text;
  let current = text;
  for (let pass = 0; pass < 8; pass++) {
    const covered = new Uint8Array(current.length);
    if (!cover(current, r, covered)) return current;
    const parts: string[] = [];
    for (let i = 0; i < current.length; ) {
      const start = i;
      const state = covered[i];
      while (i < current.length && covered[i] === state) i++;
      parts.push(state ? REDACTED : current.slice(start, i));
    }
    current = parts.join('');
  }
  return REDACTED;
}

/**
 * The first `limit` characters of `text`, redacted, with no piece of an encoded secret left at the
 * cut: the text is redacted up to the cut plus the longest form first, then cut.
 */
export function redactedPrefix(text: string, limit: number, r: Redactor): string {
  if (text.length <= limit) return redactText(text, r);
  return redactText(text.slice(0, limit + r.reach), r).slice(0, limit);
}

function redactDeep(value: unknown, r: Redactor, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value, r);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const text = String(value);
    return redactText(text, r) === text ? value : REDACTED;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[nested too deep]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => redactDeep(v, r, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redactText(k, r)] = redactDeep(v, r, depth + 1, seen);
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
export function redactSecrets(text: string, secrets: readonly string[] | Redactor): string;
export function redactSecrets<T>(value: T, secrets: readonly string[] | Redactor): T;
export function redactSecrets(value: unknown, secrets: readonly string[] | Redactor): unknown {
  const r = 'needles' in secrets ? secrets : redactor(secrets);
  if (r.secrets.length === 0) return value;
  return redactDeep(value, r, 0, new WeakSet());
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
  return out.filter((s) => s.length >= MIN_SECRET_LENGTH && !s.includes('$CALLCONFORM_TOKEN') && !s.includes(REDACTED));
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

/**
 * Evidence with every text redacted and sensitive header values masked. Fields are carried
 * generically (a field added to `Evidence` is redacted, not dropped); the numbers that are the
 * tool's own (a response status, a source line) stay numbers.
 */
function redactEvidence(evidence: Evidence, r: Redactor, sensitive: ReadonlySet<string>, depth: number): Evidence {
  const deep = <T>(v: T): T => redactDeep(v, r, 0, new WeakSet()) as T;
  const headers = (h: Record<string, string>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(h)) {
      out[redactText(name, r)] = sensitive.has(name.toLowerCase()) ? maskHeader(String(value)) : redactText(String(value), r);
    }
    return out;
  };
  const { request, response, more, decision, ...rest } = evidence;
  const out: Evidence = deep(rest);
  if (request) {
    const { headers: h, ...fields } = request;
    out.request = { ...deep(fields), ...(h !== undefined ? { headers: headers(h) } : {}) };
  }
  if (response) {
    const { headers: h, status, ...fields } = response;
    out.response = { ...(status !== undefined ? { status } : {}), ...(h !== undefined ? { headers: headers(h) } : {}), ...deep(fields) };
  }
  if (more) out.more = depth >= MAX_DEPTH ? [] : more.map((m) => redactEvidence(m, r, sensitive, depth + 1));
  if (decision) {
    const { source, ...fields } = decision;
    out.decision = { ...deep(fields), source: { ...deep(source), line: source.line } };
  }
  return out;
}

/**
 * The report with every secret removed: the given secrets, plus the credentials found in
 * sensitive headers of any evidence (so a token the target echoes in a body is caught too).
 * Sensitive header values themselves always become `Bearer [REDACTED]` / `[REDACTED]`.
 * Every field is carried (a new field of `Report` or `CheckResult` is kept as it is); only the
 * texts a target can have put there are searched (see the module header). The result still
 * matches report.schema.json.
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
  const r = redactor(secrets);
  const result = (c: CheckResult): CheckResult => ({ ...c, message: redactText(c.message, r), evidence: redactEvidence(c.evidence, r, sensitive, 0) });
  // The configuration problem quotes URLs and ids the user gave: target text like the messages.
  const configuration = report.configuration && { ...report.configuration, message: redactText(report.configuration.message, r), hint: redactText(report.configuration.hint, r) };
  return { ...report, target: redactText(report.target, r), summary: { ...report.summary }, ...(configuration ? { configuration } : {}), results: report.results.map(result) };
}
