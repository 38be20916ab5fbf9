/**
 * The hostile-target table: one row per misbehaviour, built from the server parts in
 * servers.ts. Each row says how the target misbehaves and how callconform must report it (a
 * fail or error result whose message names the cause). The in-process test runs every row;
 * the CLI test spawns a representative few.
 */
import type { CheckName } from '../../src/report/result.js';
import * as S from './servers.js';

/** The per-request time limit of the hostile runs (ms). */
export const TIMEOUT_MS = 400;

/** What a row starts: the target, and a canary where nothing may be fetched from another origin. */
export interface Started {
  target: S.HostileServer;
  canary?: S.HostileServer;
  streamed?: S.Streamed;
}

export interface HostileCase {
  name: string;
  start(): Promise<Started>;
  /** Profiles to certify (default: every profile). */
  profiles?: string[];
  only?: CheckName[];
  maxBodyBytes?: number;
  /** Per-request limit of this row when not TIMEOUT_MS (streaming a megabyte must not race the limit on a loaded machine). */
  timeoutMs?: number;
  /** Exit code: 1 (nonconformant) or 3 (unreachable). */
  exit: 1 | 3;
  /** Some fail/error result's message shows the misbehaviour. */
  reported?: RegExp;
  /** And that result is of one of these checks (default: any). */
  reportedBy?: CheckName[];
}

const bayeuxCase = (mode: S.BayeuxMode): (() => Promise<Started>) => async () => ({ target: await S.httpServer(S.withState(S.okEmpty, S.bayeux(mode))) });
const BAYEUX = { profiles: ['genesys-v2'], only: ['notification' as const], reportedBy: ['notification' as const] };

export const CASES: HostileCase[] = [
  { name: 'never answers (state URL included)', start: async () => ({ target: await S.httpServer(S.neverAnswer) }), exit: 1, reported: /within 400 ms \(timeout\)/ },
  { name: 'never answers the operations', start: async () => ({ target: await S.httpServer(S.withState(S.neverAnswer)) }), profiles: ['graph-v1.0'], exit: 1, reported: /no response to \w+ .*within 400 ms \(timeout\)/, reportedBy: ['status-code'] },
  { name: 'answers headers, then stalls', start: async () => ({ target: await S.httpServer(S.withState(S.headersThenStall)) }), profiles: ['graph-v1.0'], exit: 1, reported: /within 400 ms \(timeout\)/, reportedBy: ['status-code'] },
  { name: 'dribbles the body a byte at a time (never idle, never done)', start: async () => ({ target: await S.httpServer(S.withState(S.dribble(40))) }), profiles: ['graph-v1.0'], exit: 1, reported: /within 400 ms \(timeout\)/, reportedBy: ['status-code'] },
  {
    name: 'streams a 1 GB body (default cap 1 MiB)',
    start: async () => {
      const streamed = { largest: 0, total: 0 };
      return { target: await S.httpServer(S.withState(S.hugeBody(1_000_000_000, streamed))), streamed };
    },
    timeoutMs: 2_000,
    exit: 1,
    reported: /response body larger than 1048576 bytes \(--max-body\); status was 200/,
    reportedBy: ['status-code'],
  },
  {
    name: 'streams a 1 GB body (--max-body 65536)',
    start: async () => {
      const streamed = { largest: 0, total: 0 };
      return { target: await S.httpServer(S.withState(S.hugeBody(1_000_000_000, streamed))), streamed };
    },
    profiles: ['graph-v1.0'],
    maxBodyBytes: 65_536,
    timeoutMs: 2_000,
    exit: 1,
    reported: /response body larger than 65536 bytes/,
    reportedBy: ['status-code'],
  },
  { name: 'answers with 10,000 headers', start: async () => ({ target: await S.tcpServer(S.manyHeaders()) }), profiles: ['graph-v1.0'], exit: 1, reported: /headers? overflow|HEADERS?_OVERFLOW/i, reportedBy: ['status-code'] },
  { name: 'redirect loop (302 to itself)', start: async () => ({ target: await S.httpServer(S.withState(S.redirectLoop)) }), exit: 1, reported: /got 302/, reportedBy: ['status-code'] },
  {
    name: 'redirects to another origin (not followed)',
    start: async () => {
      const canary = await S.httpServer(S.okEmpty);
      return { target: await S.httpServer(S.withState(S.redirectTo(canary.url))), canary };
    },
    exit: 1,
    reported: /got 307/,
    reportedBy: ['status-code'],
  },
  {
    name: 'Location on another host (not followed)',
    start: async () => {
      const canary = await S.httpServer(S.okEmpty);
      return { target: await S.httpServer(S.withState(S.locationTo(canary.url))), canary };
    },
    profiles: ['graph-v1.0', 'graph-beta'],
    exit: 1,
    reported: /expected Location on the target's origin http:\/\/127\.0\.0\.1:\d+ .*got http:\/\/127\.0\.0\.1:\d+/,
    reportedBy: ['location-header'],
  },
  {
    name: 'Location on a private address (cloud metadata; not followed)',
    start: async () => ({ target: await S.httpServer(S.withState(S.locationTo('http://169.254.169.254/latest/meta-data'))) }),
    profiles: ['graph-v1.0', 'graph-beta'],
    exit: 1,
    reported: /Location http:\/\/169\.254\.169\.254\/\S+ is off the target's origin .*; not followed/,
    reportedBy: ['operation-resource'],
  },
  { name: 'garbage bytes instead of HTTP', start: async () => ({ target: await S.tcpServer(S.garbage) }), exit: 1, reported: /does not match the HTTP\/1\.1 protocol|HPE_/, reportedBy: ['status-code'] },
  { name: 'connection reset mid-body', start: async () => ({ target: await S.tcpServer(S.resetMidBody) }), exit: 1, reported: /ECONNRESET|other side closed|terminated/, reportedBy: ['status-code'] },
  {
    name: 'invalid JSON under a JSON content type',
    start: async () => ({ target: await S.httpServer(S.withState(S.fixed(200, 'application/json; charset=utf-8', '{"id": "x", "status": tru'))) }),
    exit: 1,
    reported: /not JSON/,
    reportedBy: ['response-schema', 'content-type', 'operation-resource'],
  },
  { name: 'HTML error page', start: async () => ({ target: await S.httpServer(S.withState(S.fixed(502, 'text/html', S.HTML_ERROR_PAGE))) }), exit: 1, reported: /got 502/, reportedBy: ['status-code'] },
  { name: '500 on every request', start: async () => ({ target: await S.httpServer(S.fixed(500, 'application/json', '{"error": "internal"}')) }), exit: 1, reported: /answered 500/ },
  {
    name: 'JSON nested 100,000 levels deep',
    start: async () => ({ target: await S.httpServer(S.withState(S.fixed(200, 'application/json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`))) }),
    profiles: ['graph-v1.0'],
    timeoutMs: 2_000,
    exit: 1,
    reported: /^expected a body matching/,
    reportedBy: ['response-schema'],
  },
  { name: 'CometD handshake refused (and re-handshake advised)', start: bayeuxCase('refuse-handshake'), ...BAYEUX, exit: 1, reported: /CometD handshake with \S+ failed: 403::handshake denied/ },
  { name: 'CometD never delivers', start: bayeuxCase('never-deliver'), ...BAYEUX, exit: 1, reported: /within 400 ms .*got no message at all/ },
  { name: 'CometD delivers malformed messages', start: bayeuxCase('malformed'), ...BAYEUX, exit: 1, reported: /within 400 ms .*got \d+ message\(s\), none for call/ },
  {
    name: 'CometD answers the handshake with 1 GB',
    start: async () => ({ target: await S.httpServer(S.withState(S.okEmpty, S.hugeBody())) }),
    ...BAYEUX,
    timeoutMs: 2_000,
    exit: 1,
    reported: /CometD handshake with \S+ failed: Bayeux response larger than 1048576 bytes/,
  },
  { name: 'nothing listens on the port', start: async () => ({ target: { url: await S.closedPortUrl(), hits: 0, paths: [], close: async () => undefined } }), exit: 3 },
];
