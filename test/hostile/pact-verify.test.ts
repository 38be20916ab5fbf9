/**
 * `pact-verify` against targets that accept the connection and then misbehave: exit 1 with the
 * misbehaviour in its output (as `verify`), never exit 3 (that is for no connection at all), and
 * within bounds of time and memory; no redirect followed off the target's origin. Through the
 * built CLI, each row against its own server, all spawned at once.
 */
import { gzipSync } from 'node:zlib';
import type { Socket } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { spawnCli } from '../helpers.js';
import * as S from './servers.js';

const TIMEOUT_MS = 1_500;

/** About 1 MB of gzip that inflates to 1 GB: 100 members of 10 MB of zeros each. */
const GZIP_BOMB = Buffer.concat(Array.from({ length: 100 }, () => gzipSync(Buffer.alloc(10_000_000), { level: 9 })));

const gzipBomb: S.Handler = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': GZIP_BOMB.length });
  res.end(GZIP_BOMB);
};

/** HTTP/0.9: a body with no status line or headers. */
function http09(socket: Socket): void {
  socket.end('{"id":"op-1","status":"completed"}');
}

/** An endless JSON body for the provider-state request, and an honest 200 for everything else. */
const endlessState: S.Handler = (req, res) => {
  if ((req.url ?? '').startsWith(S.STATE_PATH)) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = (): void => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    res.write('{"callId":"');
    return pump();
  }
  return S.json(res, 200, {});
};

interface Row {
  name: string;
  start(): Promise<{ target: S.HostileServer; canary?: S.HostileServer }>;
  /** What the output must say about the misbehaviour. */
  reported: RegExp;
}

const ROWS: Row[] = [
  { name: 'never answers', start: async () => ({ target: await S.httpServer(S.withState(S.neverAnswer)) }), reported: /no complete response within 1500 ms \(timeout\)/ },
  { name: 'dribbles (slowloris)', start: async () => ({ target: await S.httpServer(S.withState(S.dribble(40))) }), reported: /no complete response within 1500 ms \(timeout\)/ },
  { name: 'streams an endless body', start: async () => ({ target: await S.httpServer(S.withState(S.hugeBody(1_000_000_000))) }), reported: /response body larger than 1048576 bytes \(--max-body\); status was 200/ },
  { name: 'a 1 MB gzip answer that inflates to 1 GB', start: async () => ({ target: await S.httpServer(S.withState(gzipBomb)) }), reported: /response body larger than 1048576 bytes \(--max-body\) once decoded/ },
  { name: '100,000 headers', start: async () => ({ target: await S.tcpServer(S.manyHeaders(100_000)) }), reported: /HPE_HEADER_OVERFLOW|Header overflow/ },
  { name: 'HTTP/0.9 (no status line)', start: async () => ({ target: await S.tcpServer(http09) }), reported: /no HTTP answer could be read \(HPE_/ },
  { name: 'an endless state URL body', start: async () => ({ target: await S.httpServer(endlessState) }), reported: /state URL answered more than 1048576 bytes/ },
  {
    name: 'redirects to another origin (a canary there gets nothing)',
    start: async () => {
      const canary = await S.httpServer(S.okEmpty);
      return { target: await S.httpServer(S.withState(S.redirectTo(canary.url))), canary };
    },
    reported: /307/,
  },
];

const started: { target: S.HostileServer; canary?: S.HostileServer }[] = [];
afterAll(async () => {
  for (const s of started) {
    await s.target.close();
    await s.canary?.close();
  }
});

it('pact-verify: every misbehaviour is exit 1 with evidence, bounded, and nothing followed off origin', async () => {
  const runs = await Promise.all(
    ROWS.map(async (row) => {
      const s = await row.start();
      started.push(s);
      const t0 = performance.now();
      const run = await spawnCli(['pact-verify', '--target', s.target.url, '--state-url', `${s.target.url}${S.STATE_PATH}`, '--profile', 'graph-v1.0', '--timeout', String(TIMEOUT_MS)], { guardMs: 120_000 });
      return { row, s, run, ms: performance.now() - t0 };
    }),
  );
  for (const { row, run, ms } of runs) console.log(`${row.name}: exit ${run.code} in ${Math.round(ms)} ms`);
  for (const { row, s, run } of runs) {
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.code, `${row.name}\n${output.slice(-3000)}`).toBe(1);
    expect(output, row.name).toMatch(row.reported);
    if (s.canary) expect(s.canary.hits, row.name).toBe(0);
  }
}, 180_000);
