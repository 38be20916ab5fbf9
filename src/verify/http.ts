/**
 * The verifier's HTTP client (undici): every request has a time limit and a response-size cap,
 * redirects are never followed (a 3xx is an answer like any other, so nothing off the target's
 * origin is ever fetched), and every outcome — a response, a timeout, a reset, an oversized
 * body — comes back as data (`Exchange`), never as an exception. Hostile targets are expected.
 */
import { Agent, request } from 'undici';

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Raw body text as sent. */
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, when it parsed. */
  json?: unknown;
  /** Whether the body parsed as JSON (an empty body does not). */
  isJson: boolean;
}

/** One request and what came back: a response, or the reason there is none. */
export interface Exchange {
  request: HttpRequest;
  response?: HttpResponse;
  /** Why there is no response: `timeout after 5000 ms`, `response body larger than 1048576 bytes`, `ECONNREFUSED`… */
  error?: string;
  /** The failure kind: `timeout`, `too-large`, `network`. */
  errorKind?: 'timeout' | 'too-large' | 'network';
  durationMs: number;
}

export interface HttpClientOptions {
  timeoutMs: number;
  maxBodyBytes: number;
  /** Upper bound of parallel connections per origin. */
  connections?: number;
}

function joinHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function describeError(err: unknown, timeoutMs: number, timedOut: boolean): { error: string; errorKind: Exchange['errorKind'] } {
  if (timedOut) return { error: `no complete response within ${timeoutMs} ms (timeout)`, errorKind: 'timeout' };
  const e = err as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : undefined;
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return { error: `no complete response within ${timeoutMs} ms (timeout)`, errorKind: 'timeout' };
  }
  return { error: code && !message.includes(code) ? `${code}: ${message}` : message, errorKind: 'network' };
}

export class HttpClient {
  private readonly agent: Agent;

  constructor(readonly options: HttpClientOptions) {
    this.agent = new Agent({
      connections: options.connections ?? 16,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      keepAliveTimeout: 4_000,
    });
  }

  /** Send one request; never throws. */
  async send(req: HttpRequest): Promise<Exchange> {
    const started = performance.now();
    const { timeoutMs, maxBodyBytes } = this.options;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const elapsed = (): number => Math.round(performance.now() - started);
    try {
      const res = await request(req.url, {
        method: req.method as 'GET',
        headers: req.headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
        dispatcher: this.agent,
        signal: controller.signal,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (size > maxBodyBytes) {
          res.body.destroy();
          return { request: req, error: `response body larger than ${maxBodyBytes} bytes (--max-body); status was ${res.statusCode}`, errorKind: 'too-large', durationMs: elapsed() };
        }
        chunks.push(buf);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      let isJson = false;
      if (text.trim() !== '') {
        try {
          json = JSON.parse(text) as unknown;
          isJson = true;
        } catch {
          isJson = false;
        }
      }
      return {
        request: req,
        response: { status: res.statusCode, headers: joinHeaders(res.headers), text, ...(isJson ? { json } : {}), isJson },
        durationMs: elapsed(),
      };
    } catch (err) {
      return { request: req, ...describeError(err, timeoutMs, timedOut), durationMs: elapsed() };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }
}
