/**
 * The reference server on the real extracted specs and compiled schemas (specs/, contracts/),
 * every request built from spec facts. Skipped until `callconform build` has written the schemas.
 */
import { existsSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceInputs, type ReferenceInputs } from '../../src/reference/inputs.js';
import { startReference, type ReferenceServer } from '../../src/reference/server.js';
import { requiredStatus } from '../../src/spec/decisions.js';
import type { OperationSpec, ParameterFact } from '../../src/spec/model.js';
import { newCall, send, subscribe } from './clients.js';

const TOKEN = 'real-specs-token';
/** Where the compiled contracts are (overridable to try a build in a scratch folder). */
const CONTRACTS = process.env.CALLCONFORM_REFERENCE_CONTRACTS ?? 'contracts';
const auth = { Authorization: `Bearer ${TOKEN}` };

function tryInputs(): ReferenceInputs | string {
  if (!existsSync(`${CONTRACTS}/schemas`)) return `${CONTRACTS}/schemas does not exist yet (run callconform build)`;
  try {
    const inputs = loadReferenceInputs('specs', CONTRACTS);
    const missing = inputs.operations.filter((op) => !inputs.schemas.has(`${op.profile}/${op.operation}.request.schema.json`));
    if (missing.length > 0) return `no compiled request schema for ${missing.map((m) => m.operation).join(', ')}`;
    const unresolved = inputs.operations.filter((op) => !requiredStatus(op, inputs.decisions));
    if (unresolved.length > 0) return `no ruling on the success status of ${unresolved.map((m) => m.operation).join(', ')}`;
    return inputs;
  } catch (err) {
    return (err as Error).message;
  }
}

const loaded = tryInputs();
const ready = typeof loaded !== 'string';
const inputs = ready ? loaded : undefined;
if (!ready) process.stderr.write(`real-specs tests skipped: ${loaded}\n`);

/** The compiled response and notification schemas, for checking what the server answers. */
function contractValidator(): (file: string, value: unknown) => string | undefined {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  for (const [file, schema] of inputs?.schemas ?? []) ajv.addSchema({ ...schema, $id: typeof schema.$id === 'string' ? schema.$id : `https://callconform.invalid/contracts/schemas/${file}` });
  return (file, value) => {
    const schema = inputs?.schemas.get(file);
    if (!schema) return undefined;
    const validate = ajv.getSchema(typeof schema.$id === 'string' ? schema.$id : `https://callconform.invalid/contracts/schemas/${file}`)!;
    return validate(value) ? undefined : ajv.errorsText(validate.errors);
  };
}

/** A value the facts say is valid for a parameter. */
function validValue(p: ParameterFact): unknown {
  if (p.const !== undefined) return p.const;
  if (p.enum) return p.type === 'array' ? [p.enum.values[0]] : p.enum.values[0];
  if (p.type === 'string') return 'callconform';
  if (p.type === 'object') return {};
  if (p.type === 'array') return [];
  if (p.type === 'boolean') return true;
  return 1;
}

function validBody(op: OperationSpec, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const p of op.request.body?.parameters ?? []) {
    if (p.required || p.const !== undefined) body[p.name] = validValue(p);
  }
  return { ...body, ...overrides };
}

function pathOf(op: OperationSpec, callId: string, deprecated = false): string {
  const path = op.paths.find((p) => p.deprecated === deprecated) ?? op.paths[0]!;
  return path.template.replace(/\{[^}]+\}/, encodeURIComponent(callId));
}

describe.skipIf(!ready)('reference server on the real specs', () => {
  let server: ReferenceServer;
  let base: string;
  const conforms = contractValidator();
  beforeAll(async () => {
    server = await startReference({ port: 0, token: TOKEN, inputs });
    base = server.url;
  });
  afterAll(async () => {
    await server?.close();
  });

  const operations = inputs?.operations ?? [];
  for (const op of operations) {
    const key = `${op.profile}/${op.operation}`;
    const authDocumented = op.request.headers.some((h) => h.name.toLowerCase() === 'authorization');
    const status = inputs ? requiredStatus(op, inputs.decisions)?.code : undefined;

    it(`${key}: documented status, Location and body for a valid request on every documented path`, async () => {
      for (const deprecated of [false, true]) {
        if (!op.paths.some((p) => p.deprecated === deprecated)) continue;
        const call = await newCall(base);
        const r = await send(`${base}${pathOf(op, call, deprecated)}`, { method: op.method.value, headers: auth, body: validBody(op) });
        expect(r.status, r.text).toBe(status);
        expect(r.headers.get('content-type')).toBe('application/json');
        expect(conforms(`${key}.response.schema.json`, r.json), 'response schema').toBeUndefined();
        const odataType = op.response.body?.odataType;
        if (odataType) expect((r.json as Record<string, unknown>)['@odata.type']).toBe(odataType);
        if (op.response.headers.some((h) => h.name === 'Location')) {
          const location = new URL(r.headers.get('location') ?? '');
          expect(location.origin).toBe(base);
          expect(location.pathname).toMatch(new RegExp(`/calls/${call}/operations/[^/]+$`));
          const got = await send(location.href, { headers: auth });
          expect(got.status).toBe(200);
          expect(got.json).toEqual(r.json);
        }
        if (op.response.body?.example && !op.response.body.resource && !odataType) expect(r.json).toEqual(op.response.body.example.json);
      }
    });

    it(`${key}: 404 for an unknown call${authDocumented ? ', 401 without Authorization' : ''}`, async () => {
      const nf = await send(`${base}${pathOf(op, 'no-such-call')}`, { method: op.method.value, headers: auth, body: validBody(op) });
      expect(nf.status).toBe(404);
      if (authDocumented) {
        const call = await newCall(base);
        expect((await send(`${base}${pathOf(op, call)}`, { method: op.method.value, body: validBody(op) })).status).toBe(401);
      }
    });

    for (const p of op.request.body?.parameters ?? []) {
      if (p.maxLength) {
        const max = p.maxLength.value;
        it(`${key}: ${p.name} of exactly ${max} characters accepted, ${max + 1} rejected`, async () => {
          const call = await newCall(base);
          const url = `${base}${pathOf(op, call)}`;
          expect((await send(url, { method: op.method.value, headers: auth, body: validBody(op, { [p.name]: 'x'.repeat(max) }) })).status).toBe(status);
          expect((await send(url, { method: op.method.value, headers: auth, body: validBody(op, { [p.name]: 'x'.repeat(max + 1) }) })).status).toBe(400);
        });
      }
      if (p.enum) {
        it(`${key}: every documented ${p.name} value accepted, an undocumented one rejected`, async () => {
          const call = await newCall(base);
          const url = `${base}${pathOf(op, call)}`;
          // Graph evolvable enums: requests never send the sentinel (the compiled request schema leaves it out).
          for (const v of p.enum!.values.filter((x) => !(p.enum!.evolvable && x === 'unknownFutureValue'))) {
            const value = p.type === 'array' ? [v] : v;
            expect((await send(url, { method: op.method.value, headers: auth, body: validBody(op, { [p.name]: value }) })).status, v).toBe(status);
          }
          const bogus = p.type === 'array' ? ['callconformBogus'] : 'callconformBogus';
          expect((await send(url, { method: op.method.value, headers: auth, body: validBody(op, { [p.name]: bogus }) })).status).toBe(400);
        });
      }
    }

    for (const n of op.notifications) {
      it(`${key}: notification on ${n.channel} carries the union of the documented samples' pairs`, async () => {
        const call = await newCall(base);
        const sub = await subscribe(`${base}/api/v2/notifications`, n.channel);
        try {
          const samples = [op.request.body?.example, ...(op.request.body?.moreExamples ?? [])].flatMap((e) => (e ? [e.json as Record<string, unknown>] : []));
          for (const sample of samples) expect((await send(`${base}${pathOf(op, call)}`, { method: op.method.value, headers: auth, body: sample })).status).toBe(status);
          const acc = n.accumulates?.[0];
          const want: Record<string, unknown> = {};
          for (const s of samples) Object.assign(want, acc ? (s[acc.parameter] as Record<string, unknown>) : {});
          const idPath = (n.resourceIdPointer ?? '/data/id').split('/').slice(2);
          const at = (value: unknown, path: string[]): unknown => path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);
          const m = await sub.next((msg) => at(msg.data, idPath) === call && (!acc || Object.keys(want).every((k) => k in ((at(msg.data, acc.pointer.split('/').slice(2)) as object | undefined) ?? {}))));
          expect(m, 'notification received').toBeDefined();
          const data = m!.data as Record<string, unknown>;
          if (n.messageType) expect(JSON.stringify(data)).toContain(`"${n.messageType}"`);
          if (n.notificationType) expect(JSON.stringify(data)).toContain(`"${n.notificationType}"`);
          if (acc) expect(at(data, acc.pointer.split('/').slice(2))).toEqual(want);
          expect(conforms(`${key}.notification.schema.json`, { channel: m!.channel, data }), 'notification schema').toBeUndefined();
        } finally {
          await sub.close();
        }
      });
    }
  }
});
