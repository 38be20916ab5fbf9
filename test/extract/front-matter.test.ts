/**
 * Front matter read without the YAML library must read exactly as `yaml` does, or not at all:
 * for generated `key: value` lines, `readFlatFrontMatter` either declines (undefined) or agrees
 * with `readYamlFrontMatter`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFlatFrontMatter, readYamlFrontMatter, splitFrontMatter } from '../../src/extract/front-matter.js';

const key = fc.stringMatching(/^[A-Za-z_][\w.-]{0,12}$/);
const value = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('true', 'False', 'null', '~', '1.0', '0x1F', '.inf', 'yes', 'Priority', 'apiPageType', '09/10/2017', 'a: b', 'x #c', '"q"', "'s'", '"a\\"b"', '[1]', '{a: 1}', '*ref', '&a b', '|', '- x'),
);

describe('front matter', () => {
  it('the flat reading declines or agrees with yaml', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 8 }), (pairs) => {
        const lines = pairs.map(([k, v]) => `${k}: ${v}`);
        const flat = readFlatFrontMatter(lines);
        if (flat !== undefined) expect(flat).toEqual(readYamlFrontMatter(lines));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a real Graph page header without the YAML library', () => {
    const lines = ['---', 'title: "Get a user"', 'author: "jpettere"', 'localization_priority: Priority', 'ms.prod: "users"', 'doc_type: apiPageType', '---', '# Get a user'];
    expect(readFlatFrontMatter(lines.slice(1, 6))).toEqual({ title: 'Get a user', author: 'jpettere', localization_priority: 'Priority', 'ms.prod': 'users', doc_type: 'apiPageType' });
    expect(splitFrontMatter(lines)).toEqual({ data: readYamlFrontMatter(lines.slice(1, 6)), end: 7 });
  });

  it('leaves values YAML reads as something else to yaml', () => {
    expect(readFlatFrontMatter(['ms.date: 09/10/2017'])).toBeUndefined();
    expect(readFlatFrontMatter(['flag: true'])).toBeUndefined();
    expect(readFlatFrontMatter(['a: x', 'a: y'])).toBeUndefined();
  });
});
