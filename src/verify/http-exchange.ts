/**
 * One HTTP exchange on Node's own `http`/`https` (built in, so nothing to load at start-up): the
 * request as given, the response's status, its headers exactly as sent (repeats joined, none
 * dropped: Node's parsed `headers` keep only the first Location or Content-Type), and the body
 * read up to a size cap. Aborting the signal ends it at once. Errors are thrown; callers turn
 * them into data.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';

export interface AgentOptions {
  /** Upper bound of parallel connections per origin. */
  maxSockets: number;
  keepAliveMs: number;
  /** CA certificates (PEM) an https target may chain to, besides Node's bundled roots (`--ca`). */
  ca?: readonly string[];
}

/** Keep-alive connection pools, one per scheme; the https one is made on first use. */
export class Agents {
  private readonly http: HttpAgent;
  private https?: HttpsAgent;

  constructor(private readonly options: AgentOptions) {
    this.http = new HttpAgent({ keepAlive: true, maxSockets: options.maxSockets, timeout: options.keepAliveMs });
  }

  async for(url: URL): Promise<{ agent: HttpAgent | HttpsAgent; request: typeof httpRequest }> {
    if (url.protocol !== 'https:') return { agent: this.http, request: httpRequest };
    const [https, tls] = await Promise.all([import('node:https'), import('node:tls')]);
    // One TLS context for every connection: given `ca`, each connection would parse the whole CA
    // list again (Node's roots and --ca: ~40 ms each), which stalls a burst of new connections.
    if (!this.https) {
      const secureContext = this.options.ca ? tls.createSecureContext({ ca: [...this.options.ca] }) : undefined;
      this.https = new https.Agent({ keepAlive: true, maxSockets: this.options.maxSockets, timeout: this.options.keepAliveMs, ...(secureContext ? { secureContext } : {}) });
    }
    return { agent: this.https, request: https.request };
  }

  destroy(): void {
    this.http.destroy();
    this.https?.destroy();
  }
}

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  maxBodyBytes: number;
}

export type RawResponse =
  | { status: number; headers: Record<string, string>; setCookies: string[]; body: Buffer; tooLarge?: undefined }
  | { status: number; tooLarge: true };

/** Response headers from the raw name/value list: lower-case names, repeats joined with `, `. */
export function joinRawHeaders(raw: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}

function responseOf(req: ReturnType<typeof httpRequest>): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    req.once('response', resolve);
    // `on`, not `once`: an error after the response (a reset mid-body) must not go unhandled; the body read reports it.
    req.on('error', reject);
  });
}

/**
 * Send the request and read the answer. A keep-alive connection the server closed while idle
 * (its keep-alive timeout ran out just as the request went) fails with ECONNRESET before the
 * server read anything: that request is sent once more on a fresh connection, as Node's
 * documentation advises, so a conformant target with a short keep-alive is not judged by a race.
 */
export async function exchange(r: RawRequest, agents: Agents): Promise<RawResponse> {
  try {
    return await exchangeOnce(r, agents);
  } catch (err) {
    if (!(err instanceof StaleConnection)) throw err;
    return exchangeOnce(r, agents, { fresh: true });
  }
}

/** A reused connection was reset before any answer: the server had closed it while idle. */
class StaleConnection extends Error {}

async function exchangeOnce(r: RawRequest, agents: Agents, { fresh = false } = {}): Promise<RawResponse> {
  const url = new URL(r.url);
  const pool = await agents.for(url);
  const { request } = pool;
  // A fresh connection of its own (not from the pool), so it cannot be another stale one.
  const agent = fresh ? false : pool.agent;
  const headers: Record<string, string> = { ...r.headers };
  if (r.body !== undefined) headers['content-length'] = String(Buffer.byteLength(r.body));
  const req = request(url, { method: r.method, headers, agent, signal: r.signal });
  const pending = responseOf(req);
  req.end(r.body);
  let res: IncomingMessage;
  try {
    res = await pending;
  } catch (err) {
    if (req.reusedSocket && (err as NodeJS.ErrnoException).code === 'ECONNRESET' && !r.signal.aborted) throw new StaleConnection();
    throw err;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > r.maxBodyBytes) {
      res.destroy();
      return { status: res.statusCode ?? 0, tooLarge: true };
    }
    chunks.push(buf);
  }
  const setCookie = res.headers['set-cookie'];
  return { status: res.statusCode ?? 0, headers: joinRawHeaders(res.rawHeaders), setCookies: setCookie ?? [], body: Buffer.concat(chunks, size) };
}
