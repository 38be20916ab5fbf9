import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactedPrefix, redactor, redactReport, redactSecrets } from '../../src/report/redact.js';
import type { CheckResult, Report, RunScope } from '../../src/report/result.js';
import { checkReport } from '../../src/report/validate-report.js';
import { FIXTURE_COOKIE, FIXTURE_TOKEN, nonconformantReport } from './fixtures.js';

/** A secret the marker cannot contain: anything but a piece of `[REDACTED]` itself. */
const secretArb = fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }).filter((s) => !REDACTED.includes(s));

describe('redactSecrets', () => {
  it('replaces a secret in a string, inside curl lines and JSON bodies', () => {
    const token = 'tok-123456789';
    expect(redactSecrets(`curl -H 'Authorization: Bearer ${token}' x`, [token])).toBe(`curl -H 'Authorization: Bearer ${REDACTED}' x`);
    expect(redactSecrets({ body: { echo: `Bearer ${token}`, [token]: 1 } }, [token])).toEqual({ body: { echo: `Bearer ${REDACTED}`, [REDACTED]: 1 } });
  });

  it('catches the escaped and encoded forms a secret takes in texts', () => {
    const secret = `it's "quoted" <b>&$x`;
    const forms = [
      JSON.stringify(secret),
      `'${secret.replaceAll("'", `'\\''`)}'`,
      encodeURIComponent(secret),
      secret.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
      Buffer.from(secret).toString('base64'),
    ];
    for (const form of forms) expect(redactSecrets(`a ${form} b`, [secret])).toContain(REDACTED);
  });

  it('leaves values without secrets unchanged and ignores empty secrets', () => {
    const value = { a: [1, 'two', null, true], b: { c: 'd' } };
    expect(redactSecrets(value, [''])).toEqual(value);
    expect(redactSecrets(value, ['zzz-not-there'])).toEqual(value);
  });

  it('redacts numbers whose digits are a secret', () => {
    expect(redactSecrets({ pin: 12345678 }, ['12345678'])).toEqual({ pin: REDACTED });
  });

  it('survives cycles and absurd nesting', () => {
    const cyclic: Record<string, unknown> = { s: 'secret-value' };
    cyclic.self = cyclic;
    expect(redactSecrets(cyclic, ['secret-value'])).toEqual({ s: REDACTED, self: '[circular]' });
    let deep: unknown = 'secret-value';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(JSON.stringify(redactSecrets(deep, ['secret-value']))).not.toContain('secret-value');
  });

  it('property: a secret embedded anywhere in a string never survives', () => {
    fc.assert(
      fc.property(secretArb, fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), fc.nat(3), (secret, before, after, times) => {
        const text = before + secret.repeat(times + 1) + after;
        const out = redactSecrets(text, [secret]);
        expect(out).not.toContain(secret);
        expect(out).toContain(REDACTED);
      }),
      { numRuns: 400 },
    );
  });

  it('property: a secret embedded anywhere in a JSON value never survives, in keys, strings or its serialization', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string({ unit: 'binary' }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 })),
    })).value;
    fc.assert(
      fc.property(secretArb, json, fc.string(), fc.string(), fc.boolean(), (secret, value, before, after, asKey) => {
        const planted = asKey ? { [before + secret + after]: value } : { carrier: [value, before + secret + after] };
        const out = redactSecrets(planted, [secret]);
        const texts: string[] = [];
        const walk = (v: unknown): void => {
          if (typeof v === 'string') texts.push(v);
          else if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v === 'object') {
            for (const [k, x] of Object.entries(v)) {
              texts.push(k);
              walk(x);
            }
          }
        };
        walk(out);
        for (const t of texts) expect(t).not.toContain(secret);
        // The serialization must not show it either, unless the secret is a piece of JSON's own text (`n` of `null`).
        const escaped = JSON.stringify(secret).slice(1, -1);
        const skeleton = JSON.stringify(asKey ? { [before + after]: value, REDACTED } : { carrier: [value, before + after, REDACTED] });
        if (!skeleton.includes(escaped)) expect(JSON.stringify(out)).not.toContain(escaped);
      }),
      { numRuns: 300 },
    );
  });

  it('property: several secrets, overlapping or adjacent, all disappear', () => {
    fc.assert(
      fc.property(fc.array(secretArb, { minLength: 1, maxLength: 4 }), fc.array(fc.string({ unit: 'binary' }), { maxLength: 6 }), (secrets, glue) => {
        const text = secrets.map((s, i) => `${glue[i] ?? ''}${s}`).join('') + secrets.join('');
        const out = redactSecrets(text, secrets);
        for (const s of secrets) expect(out).not.toContain(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the forms issue 17 found leaking', () => {
  const token = 'tok+SECRET/123=';

  it('lower-case and mixed-case %-encoding', () => {
    for (const form of ['tok%2bSECRET%2f123%3d', 'tok%2BSECRET%2f123%3D', 'tok+SECRET%2F123=']) expect(redactSecrets(`?q=${form}&x=1`, [token])).toBe(`?q=${REDACTED}&x=1`);
  });

  it('JSON `\\/` and `\\uXXXX` escapes, and HTML `&#NN;` / `&#xHH;` entities, in any mix', () => {
    for (const form of ['tok+SECRET\\/123=', 'tok\\u002bSECRET\\/123\\u003d', 'tok&#43;SECRET&#47;123&#61;', 'tok&#x2B;SECRET&#x2f;123=', '&#116;ok+SECRET%2F123&#61;']) {
      expect(redactSecrets(`<p>${form}</p>`, [token])).toBe(`<p>${REDACTED}</p>`);
    }
  });

  it('base64 of the token inside a longer base64 text, at any alignment', () => {
    for (const prefix of ['', 'a', 'ab', 'Bearer ']) {
      const b64 = Buffer.from(`${prefix}${token}and more`).toString('base64');
      const out = redactSecrets(b64, [token]);
      expect(out, prefix).toContain(REDACTED);
      expect(Buffer.from(out.replaceAll(REDACTED, ''), 'base64').toString('latin1'), prefix).not.toContain('SECRET');
    }
  });

  it('a cut at the evidence limit leaves no prefix of an encoded token', () => {
    const b64 = Buffer.from(token).toString('base64');
    const r = redactor([token]);
    for (let at = 0; at <= b64.length; at++) {
      const text = `${'x'.repeat(4096 - at)}${b64}${'y'.repeat(100)}`;
      const cut = redactedPrefix(text, 4096, r);
      expect(cut.length).toBeLessThanOrEqual(4096);
      expect(cut, `cut ${at} characters into the base64`).not.toContain(b64.slice(0, Math.max(4, at)));
    }
  });

});

describe('redactReport', () => {
  it('carries every field of Report and CheckResult, including ones added later', () => {
    const report = nonconformantReport();
    const result: Required<CheckResult> = report.results[0]!;
    type Later = { futureResultField: string };
    const scope: RunScope = { filters: {}, narrowed: false, planned: 1, excluded: 0, ran: 1, skipped: 0, checks: [] };
    const inputs = { specs: { path: 'specs', files: {} }, contracts: { path: 'contracts', files: {} } };
    const configuration = { kind: 'credentials' as const, message: 'every request was refused', hint: 'check --token' };
    const full: Required<Report> & { futureReportField: unknown; results: (CheckResult & Later)[] } = { ...report, scope, inputs, configuration, citations: report.citations ?? {}, results: [{ ...result, futureResultField: 'kept' }], futureReportField: { a: 1 } };
    const safe = redactReport(full) as typeof full;
    const keys = (o: object): string[] => Object.keys(o).sort();
    expect(keys(safe)).toEqual(keys(full));
    expect(keys(safe.results[0]!)).toEqual(keys(full.results[0]!));
    expect(safe.futureReportField).toEqual({ a: 1 });
    expect(safe.results[0]!.futureResultField).toBe('kept');
  });

  it('a short token never touches the ids, requirements and sources the tool generates', () => {
    const report = nonconformantReport();
    const safe = redactReport(report, { secrets: ['t'] });
    for (const [i, r] of safe.results.entries()) {
      const before = report.results[i]!;
      expect([r.id, r.operation, r.check, r.requirement, r.level, r.source]).toEqual([before.id, before.operation, before.check, before.requirement, before.level, before.source]);
    }
    expect(safe.profile).toBe(report.profile);
  });

  it('removes the token and sensitive header values everywhere and keeps the report valid', () => {
    const report = nonconformantReport();
    const safe = redactReport(report, { secrets: [FIXTURE_TOKEN] });
    const text = JSON.stringify(safe);
    expect(text).not.toContain(FIXTURE_TOKEN);
    expect(text).not.toContain(FIXTURE_COOKIE);
    expect(checkReport(safe)).toEqual([]);
    const leak = safe.results.find((r) => r.id.endsWith('clientContext-257'));
    expect(leak?.evidence.request?.headers?.authorization).toBe(`Bearer ${REDACTED}`);
    // the curl line's placeholder is not a secret and stays usable
    expect(leak?.evidence.request?.curl).toContain('$CALLCONFORM_TOKEN');
    // the input is not modified
    expect(JSON.stringify(report)).toContain(FIXTURE_TOKEN);
  });

  it('derives secrets from sensitive headers even without being told the token', () => {
    const safe = redactReport(nonconformantReport());
    const text = JSON.stringify(safe);
    expect(text).not.toContain(FIXTURE_TOKEN);
    expect(text).not.toContain(FIXTURE_COOKIE);
  });

  it('is idempotent', () => {
    const once = redactReport(nonconformantReport(), { secrets: [FIXTURE_TOKEN] });
    expect(redactReport(once, { secrets: [FIXTURE_TOKEN] })).toEqual(once);
  });
});
