import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agents, exchange, joinRawHeaders } from '../../src/verify/http-exchange.js';

let server: Server;
let base = '';
const agents = new Agents({ maxSockets: 4, keepAliveMs: 1_000 });

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (req.url === '/big') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('x'.repeat(10_000));
        return;
      }
      // Two Location headers and two cookies: a client must show both Locations, not the first only.
      res.writeHead(201, [
        ['Location', 'https://a.example/calls/1/operations/1'],
        ['Location', 'https://b.example/calls/1/operations/1'],
        ['Set-Cookie', 's=1; Path=/'],
        ['Set-Cookie', 't=2'],
        ['Content-Type', 'application/json'],
      ]);
      res.end(JSON.stringify({ method: req.method, length: req.headers['content-length'] ?? null, body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  agents.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('one HTTP exchange on node:http', () => {
  it('keeps every repeated header, joined, and the cookies apart; sends Content-Length for a body', async () => {
    const r = await exchange({ method: 'POST', url: `${base}/x`, headers: { 'Content-Type': 'application/json' }, body: '{"a":"é"}', signal: new AbortController().signal, maxBodyBytes: 1_000 }, agents);
    if (r.tooLarge) throw new Error('unexpected cap');
    expect(r.status).toBe(201);
    expect(r.headers.location).toBe('https://a.example/calls/1/operations/1, https://b.example/calls/1/operations/1');
    expect(r.setCookies).toEqual(['s=1; Path=/', 't=2']);
    expect(JSON.parse(r.body.toString('utf8'))).toEqual({ method: 'POST', length: String(Buffer.byteLength('{"a":"é"}')), body: '{"a":"é"}' });
  });

  it('stops reading at the size cap and says so, with the status', async () => {
    const r = await exchange({ method: 'GET', url: `${base}/big`, headers: {}, signal: new AbortController().signal, maxBodyBytes: 100 }, agents);
    expect(r).toEqual({ status: 200, tooLarge: true });
  });

  it('ends at once when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(exchange({ method: 'GET', url: `${base}/x`, headers: {}, signal: controller.signal, maxBodyBytes: 100 }, agents)).rejects.toThrow(/abort/i);
  });

  it('joins raw headers case-insensitively in order', () => {
    expect(joinRawHeaders(['Location', 'a', 'X-One', '1', 'location', 'b'])).toEqual({ location: 'a, b', 'x-one': '1' });
  });
});
