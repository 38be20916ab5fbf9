import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { lineOfPattern, linearRegExp, nonLinearPatterns } from '../../src/spec/linear-regexp.js';

describe('linearRegExp (Ajv code.regExp)', () => {
  const ajv = new Ajv2020({ code: { regExp: linearRegExp } });

  it('judges a catastrophic-backtracking pattern at once', () => {
    const validate = ajv.compile({ type: 'string', pattern: '^(a+)+$' });
    const t0 = performance.now();
    expect(validate(`${'a'.repeat(5_000)}!`)).toBe(false);
    expect(validate('a'.repeat(5_000))).toBe(true);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('keeps patterns apart (Ajv keys compiled patterns by their text)', () => {
    const validate = ajv.compile({ type: 'object', properties: { a: { type: 'string', pattern: '^x$' }, b: { type: 'string', pattern: '^y$' } }, patternProperties: { '^z\\d$': { type: 'number' } } });
    expect(validate({ a: 'x', b: 'y', z1: 1 })).toBe(true);
    expect(validate({ a: 'y', b: 'y' })).toBe(false);
    expect(validate({ a: 'x', b: 'x' })).toBe(false);
    expect(validate({ z2: 'not a number' })).toBe(false);
  });

  it('searches like RegExp.test (unanchored) and reads ECMAScript escapes', () => {
    const validate = ajv.compile({ type: 'string', pattern: '\\/calls\\/[^/]+' });
    expect(validate('https://h/v1/calls/abc')).toBe(true);
    expect(validate('https://h/v1/call')).toBe(false);
  });
});

describe('nonLinearPatterns', () => {
  it('names patterns RE2 cannot run, in pattern and patternProperties, at any depth', () => {
    const schema = { $defs: { a: { properties: { x: { pattern: '(a)\\1' } } } }, items: [{ patternProperties: { '(?=y)': {} } }], properties: { ok: { pattern: '^(a+)+$' } } };
    expect(nonLinearPatterns(schema).map((p) => p.pattern).sort()).toEqual(['(?=y)', '(a)\\1']);
  });

  it('finds the line a pattern is written on', () => {
    const text = JSON.stringify({ a: 1, b: { pattern: '(a)\\1' } }, null, 2);
    expect(lineOfPattern(text, '(a)\\1')).toBe(4);
  });
});
