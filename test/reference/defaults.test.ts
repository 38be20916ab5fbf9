import { describe, expect, it } from 'vitest';
import { itemsLikeFirst, withDefaults } from '../../src/reference/defaults.js';

describe('answer filling from a documented example', () => {
  it('keeps what a value holds and gains what the example shows, at every depth', () => {
    const filled = withDefaults({ topic: 'mine', owner: { name: 'n' }, tags: [{ k: 'a' }, {}] }, { topic: 'shown', createdAt: 't', owner: { name: 'x', tenant: 'y' }, tags: [{ k: 'b', v: 1 }] });
    expect(filled).toEqual({ topic: 'mine', createdAt: 't', owner: { name: 'n', tenant: 'y' }, tags: [{ k: 'a', v: 1 }, { k: 'b', v: 1 }] });
    expect(withDefaults(undefined, { a: [1] })).toEqual({ a: [1] });
    expect(withDefaults('scalar', { a: 1 })).toBe('scalar');
  });

  it('fills every item of an array with what its first item shows, in arrays nested inside items too', () => {
    const example = {
      value: [
        { id: '1', items: [{ status: 'busy', subject: 's', location: 'l' }] },
        { id: '2', items: [{ status: 'free' }, { status: 'busy' }] },
      ],
    };
    expect(itemsLikeFirst(example)).toEqual({
      value: [
        { id: '1', items: [{ status: 'busy', subject: 's', location: 'l' }] },
        { id: '2', items: [{ status: 'free', subject: 's', location: 'l' }, { status: 'busy', subject: 's', location: 'l' }] },
      ],
    });
  });

  it('leaves arrays of scalars, empty arrays and the first item as they are', () => {
    expect(itemsLikeFirst({ a: [1, 'x'], b: [], c: [{ k: 1 }] })).toEqual({ a: [1, 'x'], b: [], c: [{ k: 1 }] });
  });
});
