/**
 * The reference forgets (issue 17 point 10): a long-running `serve` used as a mock server keeps
 * at most DEFAULT_STORE_BOUNDS, so its memory stays flat however many POSTs it takes.
 */
import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/reference/bounded-store.js';
import { startReference } from '../../src/reference/server.js';
import { DEFAULT_STORE_BOUNDS } from '../../src/reference/store.js';
import { newCall, send } from './clients.js';
import { MODES, fixtureInputs } from './fixtures.js';

describe('BoundedMap', () => {
  it('keeps the most recently written maxEntries entries', () => {
    const map = new BoundedMap<number, number>({ maxEntries: 3, maxAgeMs: 1_000 });
    for (let i = 0; i < 10; i++) map.set(i, i);
    expect(map.keys()).toEqual([7, 8, 9]);
    map.set(7, 70);
    expect(map.keys()).toEqual([8, 9, 7]);
    map.set(10, 10);
    expect(map.keys()).toEqual([9, 7, 10]);
  });

  it('forgets entries older than maxAgeMs since they were written', () => {
    let now = 0;
    const map = new BoundedMap<string, number>({ maxEntries: 100, maxAgeMs: 1_000 }, () => now);
    map.set('a', 1);
    now = 600;
    map.set('b', 2);
    now = 1_000;
    expect(map.get('a')).toBeUndefined();
    expect(map.get('b')).toBe(2);
    now = 1_600;
    expect(map.size).toBe(0);
  });
});

describe('the reference store through HTTP', () => {
  const TOKEN = 'bounded-store-token';
  const auth = { Authorization: `Bearer ${TOKEN}` };

  it(`holds at most ${DEFAULT_STORE_BOUNDS.operationsPerResource.maxEntries} operation resources per call: the oldest are 404, the newest 200`, async () => {
    const server = await startReference({ port: 0, token: TOKEN, inputs: fixtureInputs() });
    try {
      const call = await newCall(server.url);
      const locations: string[] = [];
      const posts = DEFAULT_STORE_BOUNDS.operationsPerResource.maxEntries + 50;
      for (let i = 0; i < posts; i++) {
        const r = await send(`${server.url}/communications/calls/${call}/updateNote`, { headers: auth, body: { note: `n${i}`, mode: MODES[0] } });
        expect(r.status).toBe(202);
        locations.push(r.headers.get('location') ?? '');
      }
      expect((await send(locations[0]!, { headers: auth })).status).toBe(404);
      expect((await send(locations[49]!, { headers: auth })).status).toBe(404);
      expect((await send(locations[50]!, { headers: auth })).status).toBe(200);
      expect((await send(locations[posts - 1]!, { headers: auth })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it(`holds at most ${DEFAULT_STORE_BOUNDS.resources.maxEntries} calls created by provider states: the oldest is gone`, async () => {
    const server = await startReference({ port: 0, token: TOKEN, inputs: fixtureInputs() });
    try {
      const first = await newCall(server.url);
      // Created 25 at a time (the order within a batch does not matter: any of the last batch is among the newest).
      let last = first;
      for (let made = 0; made < DEFAULT_STORE_BOUNDS.resources.maxEntries; ) {
        const batch = Math.min(25, DEFAULT_STORE_BOUNDS.resources.maxEntries - made);
        last = (await Promise.all(Array.from({ length: batch }, () => newCall(server.url)))).at(-1)!;
        made += batch;
      }
      const gone = await send(`${server.url}/communications/calls/${first}/updateNote`, { headers: auth, body: { note: 'x', mode: MODES[0] } });
      expect(gone.status).toBe(404);
      const kept = await send(`${server.url}/communications/calls/${last}/updateNote`, { headers: auth, body: { note: 'x', mode: MODES[0] } });
      expect(kept.status).toBe(202);
    } finally {
      await server.close();
    }
  }, 120_000);
});
