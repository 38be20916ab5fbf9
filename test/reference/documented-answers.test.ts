/**
 * The reference answers what the documented examples show, on graph-full pages (the shapes
 * profile): a list whose example links a next page answers a first page that links one, on its own
 * origin, that works; a request two pages document answers every property either example shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceInputs, type ReferenceInputs } from '../../src/reference/inputs.js';
import { startReference } from '../../src/reference/server.js';
import type { OperationSpec } from '../../src/spec/model.js';
import { extractProfile, pagesWithRequestLine } from '../corpus/extract-profile.js';
import { extractShapesProfile } from '../corpus/shapes-profile.js';
import { tempDir } from '../helpers.js';
import { send } from './clients.js';

const TOKEN = 'd0cs-t0k3n';
const auth = { Authorization: `Bearer ${TOKEN}` };
const shapesDir = tempDir();
let inputs: ReferenceInputs;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const { specsDir, contractsDir } = await extractShapesProfile(shapesDir.dir);
  inputs = loadReferenceInputs(specsDir, contractsDir);
  const server = await startReference({ port: 0, token: TOKEN, faults: [], inputs });
  base = server.url;
  close = () => server.close();
}, 120_000);
afterAll(async () => {
  await close?.();
  shapesDir.cleanup();
});

const exampleOf = (op: OperationSpec): Record<string, unknown> => (op.response.body?.example?.json ?? {}) as Record<string, unknown>;
const CHAT_MESSAGES = /^\/chats\/\{[^}]+\}\/messages$/;
/** The operation's path to a chat's messages, for the chat `chatId`; undefined when it documents none. */
const chatMessages = (op: OperationSpec, chatId: string): string | undefined => op.paths.find((p) => CHAT_MESSAGES.test(p.template))?.template.replace(/\{[^}]+\}/, encodeURIComponent(chatId));

async function chat(): Promise<string> {
  const ids = (await send(`${base}/_callconform/state`, { body: { state: 'a chat exists', params: {}, action: 'setup' } })).json as Record<string, string>;
  return ids.chatId!;
}

describe('answers from the documented examples (graph-full pages)', () => {
  it('pages a list whose example shows a next link: the first page links the next on the same origin, and the link works', async () => {
    const paged = inputs.operations.filter((op) => op.shape?.kind === 'list' && typeof exampleOf(op)['@odata.nextLink'] === 'string' && chatMessages(op, '') !== undefined);
    expect(paged.length).toBeGreaterThan(0);
    const first = await send(`${base}${chatMessages(paged[0]!, await chat())}`, { headers: auth });
    expect(first.status).toBe(200);
    const link = (first.json as Record<string, unknown>)['@odata.nextLink'];
    expect(typeof link).toBe('string');
    expect(new URL(link as string).origin).toBe(base);
    const second = await send(link as string, { headers: auth });
    expect(second.status).toBe(200);
    const seen = [...(first.json as { value: Array<{ id: string }> }).value, ...(second.json as { value: Array<{ id: string }> }).value].map((i) => i.id);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('answers a create two pages document with every property either example shows', async () => {
    const creates = inputs.operations.filter((op) => op.shape?.kind === 'create' && chatMessages(op, '') !== undefined);
    expect(creates.length).toBeGreaterThan(1);
    const shown = new Set(creates.flatMap((op) => Object.entries(exampleOf(op)).flatMap(([k, v]) => (k.startsWith('@') || v === null ? [] : [k]))));
    const request = creates.map((op) => op.request.body?.example?.json).find((j) => j !== undefined);
    const created = await send(`${base}${chatMessages(creates[0]!, await chat())}`, { headers: auth, body: request });
    expect(created.status).toBe(201);
    const missing = [...shown].filter((k) => !(k in (created.json as Record<string, unknown>)));
    expect(missing).toEqual([]);
  });
});

describe('a list answering what another page stored', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  it("answers a stored value its own schema rejects as its own example shows it (calendars: `color` a string when created, an object when listed)", async () => {
    const pages = pagesWithRequestLine(/^(GET|POST) \/me\/calendars$/);
    const { specsDir, contractsDir } = await extractProfile(pages, 'calendars', dir.dir);
    const server = await startReference({ port: 0, token: TOKEN, faults: [], inputs: loadReferenceInputs(specsDir, contractsDir) });
    try {
      const created = await send(`${server.url}/me/calendars`, { headers: auth, body: { name: 'Team calendar', color: 'lightBlue' } });
      expect(created.status).toBe(201);
      const listed = await send(`${server.url}/me/calendars`, { headers: auth });
      expect(listed.status).toBe(200);
      const items = (listed.json as { value: Array<Record<string, unknown>> }).value;
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(typeof item.color, JSON.stringify(item)).toBe('object');
    } finally {
      await server.close();
    }
  }, 120_000);
});
