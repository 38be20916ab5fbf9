/**
 * How checks name and fill paths: an unfilled `{placeholder}` is never sent (the HTTP layer
 * refuses it, with the request as evidence), and a request line the page does not deprecate is an
 * alternate path, not a deprecated one.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { statusCode } from '../../src/verify/checks/status-code.js';
import { ContractSchemas } from '../../src/verify/contract-schemas.js';
import { HttpClient } from '../../src/verify/http.js';
import { fixtureInputs, updateNote } from '../reference/fixtures.js';

describe('unfilled path placeholders', () => {
  it('are refused before anything is sent, literal or percent-encoded', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const http = new HttpClient({ timeoutMs: 2000, maxBodyBytes: 1024 });
    try {
      for (const path of ['/users/{userId}/presence', '/users/%7BuserId%7D/presence']) {
        const ex = await http.send({ method: 'GET', url: `${base}${path}`, headers: {} });
        expect(ex.response).toBeUndefined();
        expect(ex.errorKind).toBe('unfilled-path');
        expect(ex.error).toContain('{userId}');
        expect(ex.request.url).toBe(`${base}${path}`);
      }
      expect(requests).toBe(0);
      const filled = await http.send({ method: 'GET', url: `${base}/users/u1/presence?$filter=a%20eq%20'{x}'`, headers: {} });
      expect(filled.response?.status).toBe(200);
      expect(requests).toBe(1);
    } finally {
      await http.close();
      server.close();
    }
  });
});

describe('status-code instances per request line', () => {
  it('a line the page does not deprecate is alternate-path; a deprecated one stays deprecated-path', () => {
    const primary = updateNote.paths.find((p) => !p.deprecated)!;
    const spec = { ...updateNote, paths: [...updateNote.paths, { ...primary, template: '/me/calls/{id}/updateNote' }] };
    const instances = statusCode.plan({ spec, resources: [], decisions: fixtureInputs().decisions, schemas: new ContractSchemas(new Map()) });
    expect(instances.map((i) => i.id.split('/').pop())).toEqual(['deprecated-path', 'valid-request', 'alternate-path']);
  });
});
