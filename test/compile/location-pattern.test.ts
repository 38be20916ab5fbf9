import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locationPattern, PREFIX_SEGMENTS } from '../../src/compile/location-pattern.js';
import { locationSuffix, matchLocationSuffix } from '../../src/verify/facts.js';

const example = 'https://api.example.test/v9/things/widgets/w-123/jobs/j-456';
const template = '/things/widgets/{wid}/tune';

/** An unbounded `*`/`+` on a group, on `.`, or on a character class that matches `/`. */
function unboundedOverSlash(pattern: string): string[] {
  const found: string[] = [];
  for (const m of pattern.matchAll(/\)[*+]|\.[*+]|\[(\^?)((?:\\.|[^\]])*)\][*+]/g)) {
    if (m[0].startsWith('[')) {
      const negated = m[1] === '^';
      const holdsSlash = negated ? !m[2]!.includes('/') : m[2]!.includes('/');
      if (!holdsSlash) continue;
    }
    found.push(m[0]);
  }
  return found;
}

const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,10}$/);

describe('Location pattern', () => {
  const loc = locationPattern(example, template, 'wid')!;
  const re = new RegExp(loc.pattern);

  it('is derived from the documented example and the path template', () => {
    expect(loc.pattern).toBe(`^https?://[^/?#]+(?:/[^/?#]+){0,${PREFIX_SEGMENTS}}/things/widgets/[^/?#]+/jobs/[^/?#]+$`);
    expect(loc.idInExample).toBe('w-123');
    expect(re.test(example)).toBe(true);
  });

  it('has no unbounded repetition a peer cannot sample (Specmatic hangs on `(?:/x)*`, `[^?#]*`, `.*`)', () => {
    expect(unboundedOverSlash(loc.pattern)).toEqual([]);
    expect(unboundedOverSlash('^https?://[^/?#]+(?:/[^/?#]+)*/a$')).toEqual([')*']);
    expect(unboundedOverSlash('^https?://[^?#]*/a$')).toEqual(['[^?#]*']);
  });

  it('accepts any origin, prefix and ids; rejects other shapes', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9-]{1,12}$/), fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/), fc.constantFrom('', '/v1.0', '/gw/beta'), (id, op, prefix) => {
        expect(re.test(`http://localhost:8080${prefix}/things/widgets/${id}/jobs/${op}`)).toBe(true);
      }),
    );
    for (const bad of ['/things/widgets/w/jobs/j', 'https://h/things/widgets/w/tasks/j', 'https://h/things/widgets/w/jobs', 'https://h/things/widgets/w/jobs/j/x']) {
      expect(re.test(bad), bad).toBe(false);
    }
  });

  it(`judges a Location as the unbounded prefix did, up to ${PREFIX_SEGMENTS} prefix segments`, () => {
    const unbounded = new RegExp(loc.pattern.replace(`{0,${PREFIX_SEGMENTS}}`, '*'));
    const suffix = fc.constantFrom('/things/widgets/w-1/jobs/j-1', '/things/widgets/w-1/jobs', '/widgets/w-1/jobs/j-1', '/things/widgets/w-1/tasks/j-1', '/things/widgets//jobs/j-1');
    fc.assert(
      fc.property(fc.constantFrom('http', 'https', 'ftp'), fc.stringMatching(/^[a-z0-9.-]{1,12}(:[0-9]{1,5})?$/), fc.array(segment, { maxLength: PREFIX_SEGMENTS + 4 }), suffix, (scheme, host, prefix, tail) => {
        const url = `${scheme}://${host}${prefix.map((s) => `/${s}`).join('')}${tail}`;
        expect(re.test(url), url).toBe(unbounded.test(url) && prefix.length <= PREFIX_SEGMENTS);
      }),
    );
  });

  it("leaves verify's own Location check as it was: any prefix depth, the same call, the documented suffix", () => {
    const suffix = locationSuffix(example, template, 'wid')!;
    const deep = Array.from({ length: PREFIX_SEGMENTS + 3 }, (_, i) => `p${i}`).join('/');
    expect(matchLocationSuffix(`/${deep}/things/widgets/w-9/jobs/j-1`, suffix, 'w-9')).toEqual({ ok: true, ids: ['j-1'] });
    expect(matchLocationSuffix('/things/widgets/w-9/jobs/j-1', suffix, 'w-8').ok).toBe(false);
    expect(matchLocationSuffix('/things/widgets/w-9/tasks/j-1', suffix, 'w-9').ok).toBe(false);
  });

  it('aligns a deprecated alias on the segments it shares with the example', () => {
    const alias = locationPattern(example, '/legacy/widgets/{wid}/tune', 'wid')!;
    expect(alias.pattern).toBe(`^https?://[^/?#]+(?:/[^/?#]+){0,${PREFIX_SEGMENTS}}/widgets/[^/?#]+/jobs/[^/?#]+$`);
    expect(new RegExp(alias.pattern).test(example)).toBe(true);
  });

  it('gives up on an example that is not a URL', () => {
    expect(locationPattern('see the operation', '/things/{id}', 'id')).toBeUndefined();
  });
});
