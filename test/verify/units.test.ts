/** Pure parts of the verifier: Location suffixes, deterministic strings, curl lines, the vocabulary. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/verify/checks/index.js';
import { CHECK_NAMES, RESULT_VERDICTS, RUN_VERDICTS } from '../../src/report/result.js';
import { undocumentedValue } from '../../src/verify/checks/enum.js';
import { accumulationPairs } from '../../src/verify/checks/notification.js';
import { curlLine } from '../../src/verify/evidence.js';
import { locationSuffix, matchLocationSuffix, pointerOf, stringOfLength } from '../../src/verify/facts.js';

describe('location suffix from the documented example', () => {
  const suffix = locationSuffix('https://api.example.test/v9/rooms/abc123/jobs/7f00e1', '/rooms/{roomId}/doThing', 'roomId')!;
  it('keeps words, turns ids into wildcards, and needs this call id', () => {
    expect(suffix.shape).toBe('…/rooms/{roomId}/jobs/{opId}');
    expect(matchLocationSuffix('/prefix/v2/rooms/R1/jobs/J9', suffix, 'R1')).toEqual({ ok: true, ids: ['J9'] });
    expect(matchLocationSuffix('/rooms/R2/jobs/J9', suffix, 'R1').ok).toBe(false);
    expect(matchLocationSuffix('/rooms/R1/tasks/J9', suffix, 'R1').ok).toBe(false);
    expect(matchLocationSuffix('/rooms/R1/jobs', suffix, 'R1').ok).toBe(false);
  });
  it('is undefined when the example does not show the call prefix', () => {
    expect(locationSuffix('https://x.test/elsewhere/1', '/rooms/{roomId}/doThing', 'roomId')).toBeUndefined();
    expect(locationSuffix('not a url at all', '/rooms/{roomId}/doThing', 'roomId')).toBeUndefined();
  });
});

describe('generated values', () => {
  it('strings have exactly the asked length', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 5000 }), (n) => stringOfLength(n).length === n));
  });
  it('an undocumented enum value is never a documented one (any casing)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }), (values) => {
        const v = undocumentedValue(values);
        return !values.some((x) => x.toLowerCase() === v.toLowerCase());
      }),
    );
  });
  it('accumulation pairs have disjoint keys, from the page where it has them', () => {
    const pairs = accumulationPairs([{ bag: { a: '1' } }, { bag: { a: '1', b: '2' } }], 'bag');
    expect(pairs).toEqual({ first: { a: '1' }, second: { b: '2' } });
    const generated = accumulationPairs([undefined], 'bag');
    expect(Object.keys(generated.first).some((k) => k in generated.second)).toBe(false);
  });
  it('finds where an example carries a value', () => {
    expect(pointerOf({ data: { kind: 'X', list: ['Y'] } }, 'Y')).toBe('/data/list/0');
    expect(pointerOf({ a: 1 }, 'Z')).toBeUndefined();
  });
});

describe('curl line', () => {
  it('reproduces the request with the token read from the environment', () => {
    const line = curlLine({ method: 'POST', url: 'http://h/x', headers: { Authorization: 'Bearer s3cr3t', 'Content-Type': 'application/json' }, body: `{"a":"it's"}` }, 's3cr3t');
    expect(line).not.toContain('s3cr3t');
    expect(line).toContain('"Authorization: Bearer $CALLCONFORM_TOKEN"');
    expect(line).toContain(`--data-raw '{"a":"it'\\''s"}'`);
  });
});

describe('check vocabulary (one list: CHECK_NAMES)', () => {
  it('the index has each check under its own name, in vocabulary order', () => {
    expect(CHECKS.map((c) => c.name)).toEqual([...CHECK_NAMES]);
  });

  it('report.schema.json allows exactly the vocabulary and the verdicts', () => {
    const schema = JSON.parse(readFileSync(new URL('../../src/report/report.schema.json', import.meta.url), 'utf8')) as {
      properties: { verdict: { enum: string[] } };
      $defs: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[]; $ref?: string }> }>;
    };
    // Every place that names a check (a result, the scope) refers to one definition.
    expect(schema.$defs.checkName?.enum).toEqual([...CHECK_NAMES]);
    const result = schema.$defs.result;
    expect(result?.properties?.check?.$ref).toBe('#/$defs/checkName');
    expect(result?.properties?.verdict?.enum).toEqual([...RESULT_VERDICTS]);
    expect(schema.properties.verdict.enum).toEqual([...RUN_VERDICTS]);
  });
});
