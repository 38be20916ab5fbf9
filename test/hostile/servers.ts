/**
 * Misbehaving targets for the hostile-target harness: real servers on loopback (port 0), built
 * from a few parts — an HTTP server or a raw TCP server, an honest provider-state endpoint (so
 * the checks reach the misbehaving operation), a Bayeux endpoint that misbehaves in one of
 * three ways, and a canary that counts every request it gets (a request to it means callconform
 * followed something it must not follow). Every server tracks its sockets and `close()` ends
 * them, so a test leaves no handle behind.
 */
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** Where the harness servers answer the provider-state request (the test passes `<url>/state` as --state-url). */
export const STATE_PATH = '/state';
/** Where the harness servers answer Bayeux (the test passes `<url>/cometd` as --cometd-url). */
export const COMETD_PATH = '/cometd';

export interface HostileServer {
  /** `http://127.0.0.1:<port>` (or the host it was bound to). */
  url: string;
  /** Requests (HTTP) or connections (raw TCP) seen so far. */
  hits: number;
  /** Request paths seen (HTTP servers only), in order. */
  paths: string[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

async function listen(server: Server, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return `http://${host}:${port}`;
}

/** Listen on a free port and describe the server; every socket is tracked so `close()` ends them all. */
async function started(server: Server, host: string, state: { hits: number }, paths: string[]): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  const url = await listen(server, host);
  return {
    url,
    get hits() {
      return state.hits;
    },
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An HTTP server running `handler` on every request (the request body is read first). */
export async function httpServer(handler: Handler, host = '127.0.0.1', keepAliveTimeout = 100): Promise<HostileServer> {
  const paths: string[] = [];
  const state = { hits: 0 };
  const server = createHttpServer({ keepAliveTimeout }, (req, res) => {
    state.hits++;
    paths.push(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  return started(server, host, state, paths);
}

/**
 * A raw TCP server for answers node:http cannot produce. Each connection's first request head is
 * read; a provider-state request is answered honestly (and the connection closed), anything else
 * goes to `misbehave` with the head already consumed.
 */
export async function tcpServer(misbehave: (socket: Socket) => void, host = '127.0.0.1'): Promise<HostileServer> {
  const state = { hits: 0 };
  const server = createNetServer((socket) => {
    state.hits++;
    socket.on('error', () => undefined);
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      const [method, target] = head.split(' ');
      if (method === 'POST' && (target ?? '').split('?')[0]?.endsWith(STATE_PATH)) {
        const body = JSON.stringify({ callId: `call-${randomBytes(6).toString('hex')}` });
        socket.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
        return;
      }
      misbehave(socket);
    };
    socket.on('data', onData);
  });
  return started(server, host, state, []);
}

/** A port that was free a moment ago and has nothing listening on it now. */
export async function closedPortUrl(): Promise<string> {
  const server = createNetServer();
  const url = await listen(server, '127.0.0.1');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}

function path(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0] ?? '/';
}

/** Reply JSON. */
export function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * The provider state answered honestly (a fresh call id per request), Bayeux handled by `bayeux`
 * when given, everything else by `rest`: the misbehaviour under test.
 */
export function withState(rest: Handler, bayeux?: Handler): Handler {
  return (req, res, body) => {
    const p = path(req);
    if (p.endsWith(STATE_PATH) && req.method === 'POST') return json(res, 200, { callId: `call-${randomBytes(6).toString('hex')}` });
    if (bayeux && p.includes(COMETD_PATH)) return bayeux(req, res, body);
    return rest(req, res, body);
  };
}

// ---------------------------------------------------------------------------------------------
// Misbehaviours of plain HTTP.

/** Accept the request and never answer (the socket stays open until the client gives up). */
export const neverAnswer: Handler = () => undefined;

/** Send the status line and headers, then nothing more. */
export const headersThenStall: Handler = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
  res.flushHeaders();
};

/** Bytes a streaming handler wrote: the largest single response, and all of them. */
export interface Streamed {
  largest: number;
  total: number;
}

/** Stream a body of `bytes` (1 GB by default), honouring back-pressure, until done or the client hangs up. */
export function hugeBody(bytes = 1_000_000_000, streamed: Streamed = { largest: 0, total: 0 }): Handler {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(bytes) });
    let sent = 0;
    let stopped = false;
    const pump = (): void => {
      while (sent < bytes && !stopped) {
        sent += chunk.length;
        streamed.total += chunk.length;
        streamed.largest = Math.max(streamed.largest, sent);
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!stopped) res.end();
    };
    res.on('close', () => (stopped = true));
    pump();
  };
}

/** A valid-looking answer dribbled one byte every `everyMs`: never idle for long, never finished. */
export function dribble(everyMs = 50): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' });
    res.write('[');
    const timer = setInterval(() => res.write(' '), everyMs);
    res.on('close', () => clearInterval(timer));
  };
}

/** A 302 to the very URL that was asked for. */
export const redirectLoop: Handler = (req, res) => {
  res.writeHead(302, { Location: req.url ?? '/', 'Content-Length': '0' });
  res.end();
};

/** Every answer redirects (307) to the same path on another origin. */
export function redirectTo(origin: string): Handler {
  return (req, res) => {
    res.writeHead(307, { Location: `${origin}${req.url ?? '/'}`, 'Content-Length': '0' });
    res.end();
  };
}

/** The documented-looking success, with a Location header on another host (or a private address). */
export function locationTo(base: string): Handler {
  return (req, res) => json(res, 201, { id: 'x' }, { Location: `${base}${req.url ?? '/'}/operations/op-1` });
}

/** The same status and body to every request. */
export function fixed(status: number, contentType: string, body: string): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
}

export const HTML_ERROR_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><script>alert(1)</script></body></html>';

/** An answer with `count` headers (10,000 by default), written on the raw socket. */
export function manyHeaders(count = 10_000): (socket: Socket) => void {
  const head = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n${Array.from({ length: count }, (_, i) => `X-Filler-${i}: ${'v'.repeat(8)}\r\n`).join('')}\r\n{}`;
  return (socket) => void socket.end(head);
}

/** Bytes that are not HTTP at all, then the connection is closed. */
export function garbage(socket: Socket): void {
  socket.end(Buffer.concat([Buffer.from('\u0000\u00ff\u00feSSH-2.0-not-http\r\n\r\n'), randomBytes(2048)]));
}

/** Headers and part of the body, then a TCP reset. */
export function resetMidBody(socket: Socket): void {
  socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"partial": "');
  setTimeout(() => socket.resetAndDestroy(), 20);
}

// ---------------------------------------------------------------------------------------------
// Bayeux (CometD) misbehaviours. The HTTP operations answer 200 `{}` so the notification check
// gets as far as waiting for its message.

interface BayeuxMessage {
  channel?: string;
  id?: string;
  subscription?: string;
  clientId?: string;
}

function bayeuxMessages(body: string): BayeuxMessage[] {
  try {
    const v = JSON.parse(body) as unknown;
    return (Array.isArray(v) ? v : [v]).filter((m): m is BayeuxMessage => typeof m === 'object' && m !== null);
  } catch {
    return [];
  }
}

export type BayeuxMode = 'refuse-handshake' | 'never-deliver' | 'malformed';

/** A Bayeux endpoint that refuses the handshake, holds every connect without delivering, or delivers malformed messages. */
export function bayeux(mode: BayeuxMode, channel = '/v2/me/calls'): Handler {
  let connects = 0;
  return (_req, res, body) => {
    const replies: unknown[] = [];
    for (const m of bayeuxMessages(body)) {
      const base = { channel: m.channel, id: m.id };
      switch (m.channel) {
        case '/meta/handshake':
          if (mode === 'refuse-handshake') replies.push({ ...base, successful: false, error: '403::handshake denied', advice: { reconnect: 'handshake', interval: 0 } });
          else replies.push({ ...base, successful: true, clientId: randomBytes(8).toString('hex'), version: '1.0', supportedConnectionTypes: ['long-polling'], advice: { reconnect: 'retry', interval: 0, timeout: 60_000 } });
          break;
        case '/meta/subscribe':
          replies.push({ ...base, successful: true, subscription: m.subscription });
          break;
        case '/meta/disconnect':
          replies.push({ ...base, successful: true });
          break;
        case '/meta/connect': {
          connects++;
          if (mode === 'never-deliver' && connects > 1) return; // held until the client hangs up
          if (mode === 'malformed' && connects > 1) {
            if (connects % 2 === 0) {
              // Messages of every wrong shape on the subscribed channel, then the connect reply.
              replies.push(
                { channel, data: 'not an object' },
                { channel },
                { channel, data: { call: null } },
                { channel, data: { call: { id: 42 }, userData: [1, 2] } },
                { channel, data: { nested: JSON.parse(`${'['.repeat(500)}${']'.repeat(500)}`) as unknown } },
                { channel: 42, data: {} },
                'a string where a message should be',
                null,
              );
            } else {
              res.writeHead(200, { 'Content-Type': 'application/json' });
              res.end('[{"channel": "/meta/connect", "successful": tr');
              return;
            }
          }
          replies.push({ ...base, successful: true, advice: { reconnect: 'retry', interval: 0, timeout: 60_000 } });
          break;
        }
        default:
          replies.push({ ...base, successful: false, error: '400::unknown channel' });
      }
    }
    json(res, 200, replies);
  };
}

/** The operations answer 200 `{}`: enough for a notification check to wait for its message. */
export const okEmpty: Handler = (_req, res) => json(res, 200, {});

// ---------------------------------------------------------------------------------------------
// A target that hands every request header back — in the body (raw, base64 and URL-encoded), in
// response headers, in Set-Cookie, in the Location and in Bayeux errors — to prove none of it
// reaches an output of callconform.

function echoed(req: IncomingMessage): { all: string; auth: string; key: string } {
  return { all: JSON.stringify(req.headers), auth: req.headers.authorization ?? '', key: String(req.headers['x-api-key'] ?? '') };
}

export const echoHeaders: Handler = (req, res, body) => {
  const { all, auth, key } = echoed(req);
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const reply = JSON.stringify({ headers: req.headers, authBase64: b64(auth), keyBase64: b64(key), authUrl: encodeURIComponent(auth), cookieUrl: encodeURIComponent(req.headers.cookie ?? ''), body });
  res.writeHead(req.method === 'GET' ? 200 : 201, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(reply),
    'Set-Cookie': [`echo=${encodeURIComponent(auth)}; Path=/`, `key=${key}; HttpOnly`, `cookie=${encodeURIComponent(req.headers.cookie ?? '')}`],
    'X-Echo': all,
    'WWW-Authenticate': `Bearer realm="${auth.replace(/"/g, '')}"`,
    Location: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}/operations/${encodeURIComponent(auth)}?key=${encodeURIComponent(key)}`,
  });
  res.end(reply);
};

/** Bayeux that refuses the handshake with an error quoting the request headers. */
export const bayeuxEcho: Handler = (req, res, body) => {
  const replies = bayeuxMessages(body).map((m) => ({ channel: m.channel, id: m.id, successful: false, error: `401::${echoed(req).all}`, advice: { reconnect: 'none' } }));
  json(res, 200, replies, { 'Set-Cookie': `bayeux=${encodeURIComponent(echoed(req).auth)}` });
};

// ---------------------------------------------------------------------------------------------
// A conformant target with large answers: the reference behind a proxy that adds a `padding`
// property of `bytes` characters to every JSON object it answers (the schemas allow further
// properties), so every check gets a large, still-conformant body.

export async function paddedProxy(upstream: string, bytes = 1_000_000): Promise<HostileServer> {
  const padding = JSON.stringify('x'.repeat(bytes));
  const base = new URL(upstream);
  return httpServer((req, res, body) => {
    const forward = httpRequest({ host: base.hostname, port: base.port, method: req.method, path: req.url, headers: req.headers, agent: false }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        let text = Buffer.concat(chunks).toString('utf8');
        const headers = { ...up.headers };
        // Spliced in as text, not parsed and re-serialized: the target stays fast (the point is a large answer, not a slow one).
        if (/json/.test(String(headers['content-type'] ?? '')) && /^\s*\{\s*"/.test(text)) text = `{"padding":${padding},${text.slice(text.indexOf('{') + 1)}`;
        delete headers['transfer-encoding'];
        headers['content-length'] = String(Buffer.byteLength(text));
        res.writeHead(up.statusCode ?? 502, headers);
        res.end(text);
      });
    });
    forward.on('error', () => res.destroy());
    forward.end(body);
  });
}
