import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceInputs, type ReferenceInputs } from '../../src/reference/inputs.js';
import { extractShapesProfile } from '../corpus/shapes-profile.js';
import { tempDir } from '../helpers.js';
import { FAULTS, faultApplies, formatFaultList, parseFaults, type FaultName } from '../../src/reference/faults.js';
import { startReference } from '../../src/reference/server.js';
import { newCall, send, subscribe, type Exchange } from './clients.js';
import { CHANNEL, MAX_NOTE, MODES, OPERATION_NAME, OP_STATUSES, attachThings, fixtureInputs, noteOperation, updateLine, updateNote } from './fixtures.js';

const TOKEN = 't0k3n';
const auth = { Authorization: `Bearer ${TOKEN}` };

interface Env {
  base: string;
  call: string;
  /** A line (the fixture's other resource type), from its own provider state. */
  line: string;
  note(body?: unknown, headers?: Record<string, string>): Promise<Exchange>;
  attach(things: Record<string, string>): Promise<Exchange>;
}

async function withServer(faults: string[], run: (env: Env) => Promise<void>): Promise<void> {
  const server = await startReference({ port: 0, token: TOKEN, faults, inputs: fixtureInputs() });
  try {
    const call = await newCall(server.url);
    const line = ((await send(`${server.url}/_callconform/state`, { body: { state: 'a line exists', params: {}, action: 'setup' } })).json as { lineId: string }).lineId;
    await run({
      base: server.url,
      call,
      line,
      note: (body = { note: 'n' }, headers = auth) => send(`${server.url}/communications/calls/${call}/updateNote`, { headers, body }),
      attach: (things) => send(`${server.url}/api/v9/me/lines/${line}`, { body: { operationName: OPERATION_NAME, things } }),
    });
  } finally {
    await server.close();
  }
}

/** The shapes profile (graph-full pages: creates, lists, deletes, nested gets), extracted once. */
const shapesDir = tempDir();
let shapes: ReferenceInputs | undefined;
beforeAll(async () => {
  const { specsDir, contractsDir } = await extractShapesProfile(shapesDir.dir);
  shapes = loadReferenceInputs(specsDir, contractsDir);
}, 120_000);
afterAll(() => shapesDir.cleanup());

interface ShapesEnv {
  base: string;
  /** Provider-state setup: the ids the state answers. */
  state(name: string): Promise<Record<string, string>>;
}

/** A fault seen on the shapes profile (the fixture has no create, list or delete). */
function onShapes(faults: string[], run: (env: ShapesEnv) => Promise<void>): () => Promise<void> {
  return async () => {
    const server = await startReference({ port: 0, token: TOKEN, faults, inputs: shapes });
    try {
      const state = async (name: string): Promise<Record<string, string>> => (await send(`${server.url}/_callconform/state`, { body: { state: name, params: {}, action: 'setup' } })).json as Record<string, string>;
      await run({ base: server.url, state });
    } finally {
      await server.close();
    }
  };
}

const newApplication = { displayName: 'Display name' };

/** What each fault does wrong, seen from a real client. Every catalogue entry must have one. */
const deviations: Record<FaultName, (env: Env) => Promise<void>> = {
  'status-202': async ({ note, base, call }) => {
    expect((await note()).status).toBe(200); // required is 202, so the fault answers 200
    expect((await send(`${base}/communications/calls/${call}`, { method: 'PATCH', headers: auth, body: { topic: 't' } })).status).toBe(202);
  },
  'no-location': async ({ note }) => {
    const r = await note();
    expect(r.status).toBe(202);
    expect(r.headers.get('location')).toBeNull();
  },
  'relative-location': async ({ note, call }) => {
    const location = (await note()).headers.get('location') ?? '';
    expect(location.startsWith(`/communications/calls/${call}/operations/`)).toBe(true);
  },
  'foreign-location': async ({ note, base }) => {
    const location = new URL((await note()).headers.get('location') ?? '');
    expect(location.origin).not.toBe(base);
    expect(location.pathname).toMatch(/\/operations\//);
  },
  'location-404': async ({ note }) => {
    const r = await note();
    const location = r.headers.get('location') ?? '';
    expect(location).toMatch(/\/operations\//);
    expect((await send(location, { headers: auth })).status).toBe(404);
  },
  'accept-over-max-length': async ({ note }) => {
    expect((await note({ note: 'n', clientContext: 'x'.repeat(MAX_NOTE + 1) })).status).toBe(202);
  },
  'reject-max-length': async ({ note }) => {
    expect((await note({ note: 'n', clientContext: 'x'.repeat(MAX_NOTE) })).status).toBe(400);
    expect((await note({ note: 'n', clientContext: 'x'.repeat(MAX_NOTE - 1) })).status).toBe(202);
  },
  'enum-unchecked': async ({ note }) => {
    expect((await note({ note: 'n', mode: 'not-a-mode' })).status).toBe(202);
  },
  'reject-valid-enum': async ({ note }) => {
    expect((await note({ note: 'n', mode: MODES[MODES.length - 1] })).status).toBe(400);
    expect((await note({ note: 'n', mode: MODES[0] })).status).toBe(202);
  },
  'status-casing': async ({ note }) => {
    const r = await note();
    const status = (r.json as { status: string }).status;
    expect(OP_STATUSES).not.toContain(status);
    expect(OP_STATUSES.map((s) => s.toLowerCase())).toContain(status.toLowerCase());
    const op = await send(r.headers.get('location') ?? '', { headers: auth });
    expect(OP_STATUSES).not.toContain((op.json as { status: string }).status);
  },
  'no-auth': async ({ note }) => {
    expect((await note({ note: 'n' }, {})).status).toBe(202);
  },
  'missing-odata-type': async ({ note, base, call }) => {
    const r = await note();
    expect(r.json).not.toHaveProperty(['@odata.type']);
    const patched = await send(`${base}/communications/calls/${call}`, { method: 'PATCH', headers: auth, body: { topic: 't' } });
    expect(patched.json).not.toHaveProperty(['@odata.type']);
  },
  'wrong-content-type': async ({ note, attach }) => {
    const r = await note();
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(r.json).toMatchObject({ status: 'done' });
    expect((await attach({ a: '1' })).headers.get('content-type')).toMatch(/^text\/plain/);
  },
  'content-type-unchecked': async ({ base, call }) => {
    const r = await send(`${base}/communications/calls/${call}/updateNote`, { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' }, raw: '{"note":"n"}' });
    expect(r.status).toBe(202);
  },
  'required-unchecked': async ({ note, base, line }) => {
    expect((await note({ clientContext: 'c' })).status).toBe(202);
    const noName = await send(`${base}/api/v9/me/lines/${line}`, { body: { things: { a: '1' } } });
    expect(noName.status).toBe(200);
    expect((await send(`${base}/api/v9/me/lines/${line}`, { body: { operationName: 'Other', things: {} } })).status).toBe(400);
  },
  'accept-unknown-call': async ({ base }) => {
    const r = await send(`${base}/communications/calls/made-up/updateNote`, { headers: auth, body: { note: 'n' } });
    expect(r.status).toBe(202);
  },
  'no-notification': async ({ base, attach, line }) => {
    const sub = await subscribe(`${base}/api/v2/notifications`, CHANNEL);
    try {
      expect((await attach({ a: '1' })).status).toBe(200);
      expect(await sub.next((m) => JSON.stringify(m.data).includes(line), 500)).toBeUndefined();
    } finally {
      await sub.close();
    }
  },
  'wrong-channel': async ({ base, attach, line }) => {
    const right = await subscribe(`${base}/api/v2/notifications`, CHANNEL);
    const wrong = await subscribe(`${base}/api/v2/notifications`, `${CHANNEL}-misrouted`);
    try {
      await attach({ a: '1' });
      const elsewhere = await wrong.next((m) => JSON.stringify(m.data).includes(line));
      expect(elsewhere?.channel).not.toBe(CHANNEL);
      expect(await right.next((m) => JSON.stringify(m.data).includes(line), 300)).toBeUndefined();
    } finally {
      await right.close();
      await wrong.close();
    }
  },
  'userdata-replaced': async ({ base, attach, line }) => {
    const sub = await subscribe(`${base}/api/v2/notifications`, CHANNEL);
    try {
      await attach({ a: '1' });
      await attach({ b: '2' });
      const m = await sub.next((msg) => (msg.data as { line?: { id?: string; things?: Record<string, string> } }).line?.things?.b === '2');
      expect((m?.data as { line: { id: string; things: unknown } }).line).toEqual({ id: line, things: { b: '2' } });
    } finally {
      await sub.close();
    }
  },
  'statuscode-nonzero': async ({ attach }) => {
    const r = await attach({ a: '1' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ resultCode: 1 });
  },
  'create-without-location': onShapes(['create-without-location'], async ({ base }) => {
    const r = await send(`${base}/applications`, { headers: auth, body: newApplication });
    expect(r.status).toBe(200);
    expect(r.headers.get('location')).toBeNull();
  }),
  'delete-keeps-resource': onShapes(['delete-keeps-resource'], async ({ base, state }) => {
    const { applicationId } = await state('an application exists');
    expect((await send(`${base}/applications/${applicationId}`, { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await send(`${base}/applications/${applicationId}`, { headers: auth })).status).toBe(200);
  }),
  'ignore-outer-param': onShapes(['ignore-outer-param'], async ({ base, state }) => {
    const ids = await state('a message exists in a chat');
    expect(ids.messageId).toBeDefined();
    expect((await send(`${base}/chats/someone-elses-chat/messages/${ids.messageId}`, { headers: auth })).status).toBe(200);
  }),
  'list-bare-object': onShapes(['list-bare-object'], async ({ base }) => {
    const r = await send(`${base}/applications`, { headers: auth });
    expect(r.status).toBe(200);
    expect(r.json).not.toHaveProperty('value');
    expect(r.json).toHaveProperty('id');
  }),
  'foreign-next-link': onShapes(['foreign-next-link'], async ({ base }) => {
    const r = await send(`${base}/applications?$top=1`, { headers: auth });
    expect((r.json as { value: unknown[] }).value).toHaveLength(1);
    expect(new URL((r.json as Record<string, string>)['@odata.nextLink'] ?? '').origin).not.toBe(base);
  }),
  slow: async ({ note }) => {
    const t0 = performance.now();
    expect((await note()).status).toBe(202);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
  },
};

describe('fault catalogue', () => {
  it('has a deviation test for every fault, and names a check of the vocabulary for each', () => {
    expect(Object.keys(deviations).sort()).toEqual(FAULTS.map((f) => f.name).sort());
    const vocabulary = ['status-code', 'location-header', 'operation-resource', 'response-schema', 'enum', 'max-length', 'required', 'content-type', 'auth', 'not-found', 'notification', 'robustness'];
    for (const f of FAULTS) expect(vocabulary).toContain(f.check);
    expect(new Set(FAULTS.map((f) => f.check))).toEqual(new Set(vocabulary));
  });

  it('lists every fault with its check', () => {
    const text = formatFaultList();
    for (const f of FAULTS) expect(text).toMatch(new RegExp(`^${f.name} +${f.check} +\\S`, 'm'));
  });

  it('parses repeated, comma-separated and slow=MS values and refuses unknown names', () => {
    const set = parseFaults(['no-location', 'slow=120,enum-unchecked']);
    expect(set.names).toEqual(['no-location', 'enum-unchecked', 'slow']);
    expect(set.slowMs).toBe(120);
    expect(parseFaults(['slow']).slowMs).toBe(50);
    expect(() => parseFaults(['nope'])).toThrow(/unknown fault "nope"/);
    expect(() => parseFaults(['no-auth=3'])).toThrow(/takes no setting/);
    expect(() => parseFaults(['slow=abc'])).toThrow(/milliseconds/);
  });

  it('says from the spec facts which operations a fault applies to', () => {
    const resources = [noteOperation];
    const applies = (name: FaultName): string[] =>
      [updateNote, updateLine, attachThings].filter((op) => faultApplies(FAULTS.find((f) => f.name === name)!, op, resources)).map((op) => op.operation);
    expect(applies('no-location')).toEqual(['updateNote']);
    expect(applies('reject-max-length')).toEqual(['updateNote']);
    expect(applies('enum-unchecked')).toEqual(['updateNote', 'updateLine']);
    expect(applies('status-casing')).toEqual(['updateNote']);
    expect(applies('no-auth')).toEqual(['updateNote', 'updateLine']);
    expect(applies('content-type-unchecked')).toEqual(['updateNote']);
    expect(applies('required-unchecked')).toEqual(['updateNote', 'attachThings']);
    expect(applies('userdata-replaced')).toEqual(['attachThings']);
    expect(applies('statuscode-nonzero')).toEqual(['attachThings']);
    expect(applies('missing-odata-type')).toEqual(['updateNote', 'updateLine']);
    expect(applies('slow')).toEqual(['updateNote', 'updateLine', 'attachThings']);
  });
});

describe('each fault, against a real server', () => {
  for (const fault of FAULTS) {
    it(`${fault.name} (caught by ${fault.check})`, async () => {
      await withServer([fault.name], deviations[fault.name]);
    });
  }

  it('combines faults', async () => {
    await withServer(['no-location', 'enum-unchecked', 'statuscode-nonzero'], async (env) => {
      const r = await env.note({ note: 'n', mode: 'whatever' });
      expect(r.status).toBe(202);
      expect(r.headers.get('location')).toBeNull();
      expect((await env.attach({ a: '1' })).json).toEqual({ resultCode: 1 });
    });
  });

  it('a clean server serves create, get, list with paging and $filter, update and delete from the specs', onShapes([], async ({ base, state }) => {
    const created = await send(`${base}/applications`, { headers: auth, body: { ...newApplication, notDocumented: 1 } });
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${base}/applications/[^/]+$`));
    expect(created.json).toMatchObject({ displayName: 'Display name' });
    expect(created.json).not.toHaveProperty('notDocumented');
    const got = await send(location, { headers: auth });
    expect(got.status).toBe(200);
    expect((got.json as { id: string }).id).toBe(location.split('/').pop());
    const patched = await send(location, { method: 'PATCH', headers: auth, body: { displayName: 'Renamed', identifierUris: [], requiredResourceAccess: [] } });
    expect(patched.status).toBe(204);
    expect((await send(location, { headers: auth })).json).toMatchObject({ displayName: 'Renamed' });
    expect((await send(location, { headers: auth })).json).not.toHaveProperty('notDocumented');
    const first = await send(`${base}/applications?$top=1`, { headers: auth });
    const next = (first.json as Record<string, string>)['@odata.nextLink'] ?? '';
    expect(next.startsWith(`${base}/applications?`)).toBe(true);
    expect(((await send(next, { headers: auth })).json as { value: unknown[] }).value).toHaveLength(1);
    const filtered = await send(`${base}/applications?$filter=${encodeURIComponent("displayName eq 'Renamed'")}`, { headers: auth });
    expect((filtered.json as { value: { id: string }[] }).value.map((a) => a.id)).toEqual([location.split('/').pop()]);
    expect((await send(`${base}/applications?$filter=nope eq 1`, { headers: auth })).status).toBe(400);
    expect((await send(location, { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await send(location, { headers: auth })).status).toBe(404);
    const ids = await state('a message exists in a chat');
    expect((await send(`${base}/chats/${ids.chatId}/messages/${ids.messageId}`, { headers: auth })).status).toBe(200);
    expect((await send(`${base}/chats/another-chat/messages/${ids.messageId}`, { headers: auth })).status).toBe(404);
  }));

  it('a clean server shows none of the deviations', async () => {
    await withServer([], async ({ note, attach, base }) => {
      const r = await note({ note: 'n', clientContext: 'x'.repeat(MAX_NOTE), mode: MODES[MODES.length - 1] });
      expect(r.status).toBe(202);
      expect(r.headers.get('content-type')).toBe('application/json');
      expect(r.headers.get('location')?.startsWith(base)).toBe(true);
      expect((await send(r.headers.get('location') ?? '', { headers: auth })).status).toBe(200);
      expect((await attach({ a: '1' })).json).toEqual({ resultCode: 0 });
      expect((await note({ note: 'n' }, {})).status).toBe(401);
    });
  });
});
