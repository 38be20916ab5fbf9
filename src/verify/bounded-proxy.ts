/**
 * A loopback proxy between Pact's verifier and the target, so `pact-verify` holds the target to
 * the same bounds as `verify` (docs/security.md): Pact's Rust core would otherwise inflate a
 * gzip bomb whole, wait on a slow target by its own rules, follow redirects off the target's
 * origin, and report a target that answers garbage as a transport error. Here:
 *
 * - each exchange has one total deadline (`timeoutMs`), and the body is cut at `maxBodyBytes`,
 *   counted after decoding (gzip, deflate, br are decoded here, streamed, never whole);
 * - a 3xx answer reaches Pact without its Location (renamed `X-Callconform-Location-Not-Followed`),
 *   so nothing is fetched that the target points to — the status already fails the interaction;
 * - a target that does not answer, or answers something that is not HTTP/1.1 (header overflow,
 *   HTTP/0.9, a reset), gets a 502/504 from here whose body says why, in callconform's words:
 *   Pact reports it as the interaction's mismatch (exit 1 with evidence, as `verify`), while a
 *   target no connection reaches stays exit 3 (the probe, before any interaction).
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';

export interface BoundedProxyOptions {
  /** Origin (and path prefix) of the target. */
  target: string;
  timeoutMs: number;
  maxBodyBytes: number;
  /** CA certificates an https target may chain to (`trustedCas`). */
  ca?: readonly string[];
}

export interface BoundedProxy {
  /** The proxy's base URL, with the target's path prefix. */
  url: string;
  /** What stood in for the target's answer, by request line (`POST /path: message`), in order; at most MAX_NOTED kept. */
  readonly replaced: readonly string[];
  close(): Promise<void>;
}

/** The header that carries a 3xx answer's Location, which is never followed. */
export const NOT_FOLLOWED_HEADER = 'x-callconform-location-not-followed';

/** Replaced answers noted for the summary (the rest are counted by Pact's own output). */
const MAX_NOTED = 50;

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

function decoder(encoding: string | undefined): Transform | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

function forwardedHeaders(headers: IncomingHttpHeaders, host: string): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name) && name !== 'host' && name !== 'accept-encoding') out[name] = value;
  out.host = host;
  return out;
}

/** Answer Pact with why there is no answer from the target to show (callconform's words, text/plain). */
function explain(res: ServerResponse, status: 502 | 504, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = `callconform: ${message}\n`;
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'X-Callconform-Error': message.slice(0, 200) });
  res.end(body);
}

export async function startBoundedProxy(opts: BoundedProxyOptions): Promise<BoundedProxy> {
  const target = new URL(opts.target);
  const tls = target.protocol === 'https:';
  const send = tls ? httpsRequest : httpRequest;
  const sockets = new Set<Socket>();
  const replaced: string[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let settled = false;
      const fail = (status: 502 | 504, message: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        upstream.destroy();
        if (replaced.length < MAX_NOTED) replaced.push(`${req.method ?? '?'} ${(req.url ?? '/').split('?')[0]!.slice(0, 200)}: ${status} ${message}`);
        explain(res, status, message);
      };
      const timer = setTimeout(() => fail(504, `no complete response within ${opts.timeoutMs} ms (timeout)`), opts.timeoutMs);
      const upstream = send(
        { protocol: target.protocol, hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'), port: target.port, method: req.method, path: req.url, headers: forwardedHeaders(req.headers, target.host), ...(opts.ca ? { ca: [...opts.ca] } : {}), agent: false },
        (answer) => {
          const decode = decoder(answer.headers['content-encoding']);
          const body: Buffer[] = [];
          let length = 0;
          const source = decode ? answer.pipe(decode) : answer;
          source.on('data', (c: Buffer) => {
            if (settled) return;
            length += c.length;
            if (length > opts.maxBodyBytes) return fail(502, `response body larger than ${opts.maxBodyBytes} bytes (--max-body)${decode ? ' once decoded' : ''}; status was ${answer.statusCode ?? '?'}`);
            body.push(c);
          });
          source.on('error', (err: NodeJS.ErrnoException) => fail(502, `the answer's body could not be read (${err.code ?? err.message})${decode ? ` while decoding ${String(answer.headers['content-encoding'])}` : ''}; status was ${answer.statusCode ?? '?'}`));
          answer.on('error', (err: NodeJS.ErrnoException) => fail(502, `the answer's body could not be read (${err.code ?? err.message}); status was ${answer.statusCode ?? '?'}`));
          source.on('end', () => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            const headers: OutgoingHttpHeaders = {};
            for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
            const status = answer.statusCode ?? 502;
            if (status >= 300 && status < 400 && headers.location !== undefined) {
              headers[NOT_FOLLOWED_HEADER] = headers.location;
              delete headers.location;
            }
            const bytes = Buffer.concat(body, length);
            headers['content-length'] = bytes.length;
            res.writeHead(status, headers);
            res.end(bytes);
          });
        },
      );
      upstream.on('error', (err: NodeJS.ErrnoException) => fail(502, `no HTTP answer could be read (${err.code ?? 'error'}: ${err.message.split('\n')[0]!.slice(0, 160)})`));
      upstream.end(Buffer.concat(chunks));
    });
  };

  const server: Server = createServer(handle);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const prefix = target.pathname === '/' ? '' : target.pathname.replace(/\/$/, '');
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    replaced,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
