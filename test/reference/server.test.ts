import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReference, type ReferenceServer } from '../../src/reference/server.js';
import { newCall, send, subscribe } from './clients.js';
import { CHANNEL, MAX_NOTE, MODES, OPERATION_NAME, OP_STATUSES, fixtureInputs } from './fixtures.js';

const TOKEN = 'sekret-token';
const auth = { Authorization: `Bearer ${TOKEN}` };

let server: ReferenceServer;
let base: string;

beforeAll(async () => {
  server = await startReference({ port: 0, token: TOKEN, inputs: fixtureInputs() });
  base = server.url;
});
afterAll(async () => {
  await server.close();
});

describe('provider state endpoint', () => {
  it('creates a fresh call per setup and answers teardown', async () => {
    const a = await newCall(base);
    const b = await newCall(base);
    expect(a).not.toBe(b);
    const down = await send(`${base}/_callconform/state`, { body: { state: 'a call exists', params: { callId: a }, action: 'teardown' } });
    expect(down.status).toBe(200);
    const gone = await send(`${base}/communications/calls/${a}/updateNote`, { headers: auth, body: { note: 'x' } });
    expect(gone.status).toBe(404);
  });

  it('rejects unknown states, bad JSON and other methods', async () => {
    expect((await send(`${base}/_callconform/state`, { body: { state: 'nothing', action: 'setup' } })).status).toBe(400);
    expect((await send(`${base}/_callconform/state`, { raw: '{', headers: { 'Content-Type': 'application/json' }, method: 'POST' })).status).toBe(400);
    expect((await send(`${base}/_callconform/state`)).status).toBe(405);
  });
});

describe('action with an operation resource (Location)', () => {
  it('answers the ruled status, an absolute Location on its own origin, and the operation body', async () => {
    const call = await newCall(base);
    const r = await send(`${base}/communications/calls/${call}/updateNote`, { headers: auth, body: { note: 'n', clientContext: 'ctx-1', mode: MODES[1] } });
    expect(r.status).toBe(202);
    expect(r.headers.get('content-type')).toBe('application/json');
    const body = r.json as Record<string, unknown>;
    expect(body['@odata.type']).toBe('#example.tel.noteOperation');
    expect(body.clientContext).toBe('ctx-1');
    expect(body.status).toBe('done');
    expect(OP_STATUSES).toContain(body.status);
    const location = r.headers.get('location') ?? '';
    expect(location).toBe(`${base}/communications/calls/${call}/operations/${String(body.id)}`);
    const op = await send(location, { headers: auth });
    expect(op.status).toBe(200);
    expect(op.json).toEqual(body);
  });

  it('serves the deprecated path with the operation under the same prefix', async () => {
    const call = await newCall(base);
    const r = await send(`${base}/app/calls/${call}/updateNote`, { headers: auth, body: { note: 'n' } });
    expect(r.status).toBe(202);
    const location = r.headers.get('location') ?? '';
    expect(location.startsWith(`${base}/app/calls/${call}/operations/`)).toBe(true);
    expect((await send(location, { headers: auth })).status).toBe(200);
  });

  it('serves every profile under a /<profile> prefix too, and Location carries the prefix', async () => {
    const call = await newCall(`${base}/tel-beta`);
    const r = await send(`${base}/tel-beta/communications/calls/${call}/updateNote`, { headers: auth, body: { note: 'n' } });
    expect(r.status).toBe(202);
    const location = r.headers.get('location') ?? '';
    expect(location.startsWith(`${base}/tel-beta/communications/calls/${call}/operations/`)).toBe(true);
    expect((await send(location, { headers: auth })).status).toBe(200);
  });

  it('answers 401 without or with a wrong token, with a Graph-style error', async () => {
    const call = await newCall(base);
    const none = await send(`${base}/communications/calls/${call}/updateNote`, { body: { note: 'n' } });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((none.json as { error: { code: string; message: string } }).error.code).toBeTypeOf('string');
    const wrong = await send(`${base}/communications/calls/${call}/updateNote`, { headers: { Authorization: 'Bearer nope' }, body: { note: 'n' } });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain(TOKEN);
    const opGet = await send(`${base}/communications/calls/${call}/operations/whatever`);
    expect(opGet.status).toBe(401);
  });

  it('answers 404 with a Graph-style error for an unknown call or operation', async () => {
    const r = await send(`${base}/communications/calls/no-such-call/updateNote`, { headers: auth, body: { note: 'n' } });
    expect(r.status).toBe(404);
    const err = r.json as { error: { code: string; message: string } };
    expect(err.error.code).toBeTypeOf('string');
    expect(err.error.message).toContain('no-such-call');
    const call = await newCall(base);
    expect((await send(`${base}/communications/calls/${call}/operations/no-such-op`, { headers: auth })).status).toBe(404);
    expect((await send(`${base}/communications/calls/no-such-call/operations/x`, { headers: auth })).status).toBe(404);
  });

  it('validates the body with the compiled schema: max length, enum, required, JSON', async () => {
    const call = await newCall(base);
    const url = `${base}/communications/calls/${call}/updateNote`;
    expect((await send(url, { headers: auth, body: { note: 'n', clientContext: 'x'.repeat(MAX_NOTE) } })).status).toBe(202);
    const long = await send(url, { headers: auth, body: { note: 'n', clientContext: 'x'.repeat(MAX_NOTE + 1) } });
    expect(long.status).toBe(400);
    expect((long.json as { error: { message: string } }).error.message).toContain('/clientContext');
    for (const mode of MODES) expect((await send(url, { headers: auth, body: { note: 'n', mode } })).status).toBe(202);
    expect((await send(url, { headers: auth, body: { note: 'n', mode: 'Loud' } })).status).toBe(400);
    expect((await send(url, { headers: auth, body: { mode: 'loud' } })).status).toBe(400);
    expect((await send(url, { headers: auth, raw: '{"note":', method: 'POST' })).status).toBe(415);
    expect((await send(url, { headers: { ...auth, 'Content-Type': 'application/json' }, raw: '{"note":', method: 'POST' })).status).toBe(400);
    expect((await send(url, { headers: { ...auth, 'Content-Type': 'application/json' }, method: 'POST' })).status).toBe(400);
  });

  it('answers 415 for a wrong Content-Type where the spec requires JSON', async () => {
    const call = await newCall(base);
    const r = await send(`${base}/communications/calls/${call}/updateNote`, { headers: { ...auth, 'Content-Type': 'text/plain' }, raw: JSON.stringify({ note: 'n' }), method: 'POST' });
    expect(r.status).toBe(415);
    expect((await send(`${base}/communications/calls/${call}/updateNote`, { headers: { ...auth, 'Content-Type': 'application/json; charset=utf-8' }, raw: '{"note":"n"}', method: 'POST' })).status).toBe(202);
  });

  it('answers 404 for undocumented paths and 405 for undocumented methods', async () => {
    expect((await send(`${base}/nothing/here`)).status).toBe(404);
    const call = await newCall(base);
    const r = await send(`${base}/communications/calls/${call}/updateNote`, { headers: auth, method: 'PUT', body: {} });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
  });

  it('rejects oversized bodies with 413', async () => {
    const call = await newCall(base);
    const r = await send(`${base}/communications/calls/${call}/updateNote`, { headers: auth, body: { note: 'x'.repeat(2 * 1024 * 1024) } });
    expect(r.status).toBe(413);
  });
});

describe('update of the call (PATCH)', () => {
  it('returns the updated call with @odata.type and keeps the id', async () => {
    const call = await newCall(base);
    const url = `${base}/communications/calls/${call}`;
    const r = await send(url, { method: 'PATCH', headers: auth, body: { '@odata.type': '#example.tel.call', topic: 'first', phase: 'talking' } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ '@odata.type': '#example.tel.call', topic: 'first', phase: 'talking', id: call });
    const again = await send(url, { method: 'PATCH', headers: auth, body: { topic: 'second' } });
    expect(again.json).toEqual({ '@odata.type': '#example.tel.call', topic: 'second', phase: 'talking', id: call });
    expect((await send(url, { method: 'PATCH', headers: auth, body: { phase: 'dialling' } })).status).toBe(400);
    expect((await send(`${base}/communications/calls/nope`, { method: 'PATCH', headers: auth, body: { topic: 'x' } })).status).toBe(404);
    expect((await send(url, { method: 'PATCH', body: { topic: 'x' } })).status).toBe(401);
  });
});

describe('documented reply and notification (Bayeux)', () => {
  it('merges the pairs, answers the documented reply and publishes the notification', async () => {
    const call = await newCall(base, 'line');
    const sub = await subscribe(`${base}/api/v2/notifications`, CHANNEL);
    try {
      const url = `${base}/api/v9/me/lines/${call}`;
      const first = await send(url, { body: { operationName: OPERATION_NAME, things: { a: '1' } } });
      expect(first.status).toBe(200);
      expect(first.json).toEqual({ resultCode: 0 });
      const second = await send(url, { body: { operationName: OPERATION_NAME, things: { b: '2', c: '3' } } });
      expect(second.json).toEqual({ resultCode: 0 });
      const m = await sub.next((msg) => (msg.data as { line?: { things?: Record<string, string> } }).line?.things?.c === '3');
      expect(m?.channel).toBe(CHANNEL);
      expect(m?.data).toEqual({ kind: 'ThingsChanged', messageType: 'LineChangeMessage', line: { id: call, things: { a: '1', b: '2', c: '3' } } });
    } finally {
      await sub.close();
    }
  });

  it('delivers over the WebSocket transport as well', async () => {
    const call = await newCall(base, 'line');
    const sub = await subscribe(`${base}/api/v2/notifications`, CHANNEL, 'websocket');
    try {
      await send(`${base}/api/v9/me/lines/${call}`, { body: { operationName: OPERATION_NAME, things: { w: '1' } } });
      const m = await sub.next((msg) => (msg.data as { line?: { id?: string } }).line?.id === call);
      expect(m?.data).toMatchObject({ line: { id: call, things: { w: '1' } } });
    } finally {
      await sub.close();
    }
  });

  it('serves Bayeux under a /<profile> prefix too', async () => {
    const prefixed = `${base}/vox-v2`;
    const call = await newCall(prefixed, 'line');
    const sub = await subscribe(`${prefixed}/api/v2/notifications`, CHANNEL);
    try {
      expect((await send(`${prefixed}/api/v9/me/lines/${call}`, { body: { operationName: OPERATION_NAME, things: { p: '1' } } })).status).toBe(200);
      const m = await sub.next((msg) => (msg.data as { line?: { id?: string } }).line?.id === call);
      expect(m?.data).toMatchObject({ line: { id: call, things: { p: '1' } } });
    } finally {
      await sub.close();
    }
  });

  it('answers documented-style errors for an unknown operation name, a missing one and an unknown call', async () => {
    const call = await newCall(base, 'line');
    const url = `${base}/api/v9/me/lines/${call}`;
    const unknown = await send(url, { body: { operationName: 'Nope', things: {} } });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ resultCode: 2, resultMessage: expect.stringContaining('Nope') as unknown });
    const missing = await send(url, { body: { things: {} } });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ resultCode: 1 });
    const noCall = await send(`${base}/api/v9/me/lines/none`, { body: { operationName: OPERATION_NAME, things: {} } });
    expect(noCall.status).toBe(404);
    expect(noCall.json).toMatchObject({ resultCode: 6 });
    const bad = await send(url, { body: { operationName: OPERATION_NAME, things: { n: 1 } } });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ resultCode: 2 });
  });

  it('keeps every key under 200 concurrent requests from separate clients', async () => {
    const { Agent } = await import('undici');
    const call = await newCall(base, 'line');
    const url = `${base}/api/v9/me/lines/${call}`;
    const agents = Array.from({ length: 200 }, () => new Agent({ connections: 1 }));
    try {
      const replies = await Promise.all(agents.map((dispatcher, i) => send(url, { dispatcher, body: { operationName: OPERATION_NAME, things: { [`k${i}`]: `v${i}` } } })));
      expect(replies.every((r) => r.status === 200)).toBe(true);
    } finally {
      await Promise.all(agents.map((a) => a.close()));
    }
    const sub = await subscribe(`${base}/api/v2/notifications`, CHANNEL);
    try {
      await send(url, { body: { operationName: OPERATION_NAME, things: { last: 'x' } } });
      const m = await sub.next((msg) => (msg.data as { line?: { id?: string; things?: Record<string, string> } }).line?.things?.last === 'x');
      const things = (m?.data as { line: { things: Record<string, string> } }).line.things;
      expect(Object.keys(things)).toHaveLength(201);
      for (let i = 0; i < 200; i++) expect(things[`k${i}`]).toBe(`v${i}`);
    } finally {
      await sub.close();
    }
  });

  it('keeps calls apart under 200 concurrent operations on 200 calls', async () => {
    const { Agent } = await import('undici');
    const calls = await Promise.all(Array.from({ length: 200 }, () => newCall(base)));
    const agents = calls.map(() => new Agent({ connections: 1 }));
    try {
      const replies = await Promise.all(
        calls.map((call, i) => send(`${base}/communications/calls/${call}/updateNote`, { dispatcher: agents[i], headers: auth, body: { note: 'n', clientContext: `c${i}` } })),
      );
      const ops = await Promise.all(replies.map((r, i) => send(r.headers.get('location') ?? '', { dispatcher: agents[i], headers: auth })));
      ops.forEach((op, i) => {
        expect(op.status).toBe(200);
        expect((op.json as { clientContext: string }).clientContext).toBe(`c${i}`);
      });
      replies.forEach((r, i) => expect(r.headers.get('location')).toContain(`/calls/${calls[i]}/operations/`));
    } finally {
      await Promise.all(agents.map((a) => a.close()));
    }
  });
});

describe('hostile input', () => {
  it('answers any JSON body on any documented route with a documented status, never a 5xx', async () => {
    const call = await newCall(base);
    const line = await newCall(base, 'line');
    const routes = [
      { method: 'POST', url: `${base}/communications/calls/${call}/updateNote`, ok: [202] },
      { method: 'PATCH', url: `${base}/communications/calls/${call}`, ok: [200] },
      { method: 'POST', url: `${base}/api/v9/me/lines/${line}`, ok: [200] },
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue(), async (route, body) => {
        const r = await send(route.url, { method: route.method, headers: auth, body });
        expect([...route.ok, 400]).toContain(r.status);
        expect(r.json).toBeDefined();
      }),
      { numRuns: 150 },
    );
  });

  it('survives odd paths, methods and a __proto__ key', async () => {
    const call = await newCall(base);
    const line = await newCall(base, 'line');
    for (const path of ['/communications/calls/%E0%A4%A/updateNote', '/communications/calls//updateNote', '/%2e%2e/%2e%2e/etc/passwd', `/communications/calls/${call}/operations/`]) {
      expect((await send(`${base}${path}`, { headers: auth, body: { note: 'n' } })).status).toBeLessThan(500);
    }
    const patched = await send(`${base}/communications/calls/${call}`, { method: 'PATCH', headers: auth, raw: '{"__proto__":{"polluted":true},"topic":"t"}' });
    expect(patched.status).toBe(400); // the fixture's schema allows no additional properties
    const sub = await subscribe(`${base}/api/v2/notifications`, CHANNEL);
    try {
      const raw = `{"operationName":"${OPERATION_NAME}","__proto__":{"polluted":"yes"},"things":{"__proto__":"x","a":"1"}}`;
      const r = await send(`${base}/api/v9/me/lines/${line}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, raw });
      expect(r.status).toBe(200);
      const m = await sub.next((msg) => (msg.data as { line?: { id?: string } }).line?.id === line);
      expect(JSON.stringify(m?.data)).not.toContain('polluted');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    } finally {
      await sub.close();
    }
  });
});

describe('info and lifecycle', () => {
  it('describes what it serves', async () => {
    const r = await send(`${base}/_callconform`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ profiles: ['tel-beta', 'vox-v2'], faults: [] });
  });

  it('serves without a token when none is configured, and closes cleanly', async () => {
    const open = await startReference({ port: 0, inputs: fixtureInputs() });
    const call = await newCall(open.url);
    expect((await send(`${open.url}/communications/calls/${call}/updateNote`, { body: { note: 'n' } })).status).toBe(202);
    await open.close();
    await open.close();
    await expect(send(`${open.url}/_callconform`)).rejects.toThrow();
  });
});
