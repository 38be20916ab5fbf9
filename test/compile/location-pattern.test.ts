import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locationPattern } from '../../src/compile/location-pattern.js';

const example = 'https://api.example.test/v9/things/widgets/w-123/jobs/j-456';

describe('Location pattern', () => {
  const loc = locationPattern(example, '/things/widgets/{wid}/tune', 'wid')!;
  const re = new RegExp(loc.pattern);

  it('is derived from the documented example and the path template', () => {
    expect(loc.pattern).toBe('^https?://[^/?#]+(?:/[^/?#]+)*/things/widgets/[^/?#]+/jobs/[^/?#]+$');
    expect(loc.idInExample).toBe('w-123');
    expect(re.test(example)).toBe(true);
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

  it('aligns a deprecated alias on the segments it shares with the example', () => {
    const alias = locationPattern(example, '/legacy/widgets/{wid}/tune', 'wid')!;
    expect(alias.pattern).toBe('^https?://[^/?#]+(?:/[^/?#]+)*/widgets/[^/?#]+/jobs/[^/?#]+$');
    expect(new RegExp(alias.pattern).test(example)).toBe(true);
  });

  it('gives up on an example that is not a URL', () => {
    expect(locationPattern('see the operation', '/things/{id}', 'id')).toBeUndefined();
  });
});
