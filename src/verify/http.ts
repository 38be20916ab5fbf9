/**
 * The verifier's HTTP client: every request has a time limit and a response-size cap,
 * redirects are never followed (a 3xx is an answer like any other, so nothing off the target's
 * origin is ever fetched), and every outcome — a response, a timeout, a reset, an oversized
 * body — comes back as data (`Exchange`), never as an exception. Hostile targets are expected.
 */
import { Agents, exchange, type RawResponse } from './http-exchange.js';
import { unfilledPlaceholder } from './http-values.js';

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
  /** Why there is no response: `not sent: the path still holds the placeholder {userId}`, `timeout after 5000 ms`, `response body larger than 1048576 bytes`, `ECONNREFUSED`… */
  error?: string;
  /** The failure kind: `timeout`, `too-large`, `network`. */
  errorKind?: 'timeout' | 'too-large' | 'network' | 'unfilled-path';
  durationMs: number;
}

export interface HttpClientOptions {
  timeoutMs: number;
  maxBodyBytes: number;
  /** Upper bound of parallel connections per origin. */
  connections?: number;
  /** CA certificates for https targets (`trustedCas`). */
  ca?: readonly string[];
}

function describeError(err: unknown, timeoutMs: number, timedOut: boolean): { error: string; errorKind: Exchange['errorKind'] } {
  if (timedOut) return { error: `no complete response within ${timeoutMs} ms (timeout)`, errorKind: 'timeout' };
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : String(err);
  return { error: code && !message.includes(code) ? `${code}: ${message}` : message, errorKind: 'network' };
}

export class HttpClient {
  private readonly agents: Agents;

  constructor(readonly options: HttpClientOptions) {
    this.agents = new Agents({ maxSockets: options.connections ?? 16, keepAliveMs: 4_000, ...(options.ca ? { ca: options.ca } : {}) });
  }

  /**
   * Send one request; never throws. The time limit measures the target: the timer stops when the
   * response is complete; parsing and evidence come after, off the timed path.
   */
  async send(req: HttpRequest): Promise<Exchange> {
    const started = performance.now();
    // A placeholder left in the path is callconform's defect, not the target's: never sent.
    const unfilled = unfilledPlaceholder(req.url);
    if (unfilled !== undefined) return { request: req, error: `not sent: the path still holds the placeholder ${unfilled} (no id for it)`, errorKind: 'unfilled-path', durationMs: 0 };
    const { timeoutMs, maxBodyBytes } = this.options;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const elapsed = (): number => Math.round(performance.now() - started);
    let res: RawResponse;
    try {
      res = await exchange({ ...req, signal: controller.signal, maxBodyBytes }, this.agents);
    } catch (err) {
      return { request: req, ...describeError(err, timeoutMs, timedOut), durationMs: elapsed() };
    } finally {
      clearTimeout(timer);
    }
    const durationMs = elapsed();
    if (res.tooLarge) {
      return { request: req, error: `response body larger than ${maxBodyBytes} bytes (--max-body); status was ${res.status}`, errorKind: 'too-large', durationMs };
    }
    const text = res.body.toString('utf8');
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
    return { request: req, response: { status: res.status, headers: res.headers, text, ...(isJson ? { json } : {}), isJson }, durationMs };
  }

  close(): Promise<void> {
    this.agents.destroy();
    return Promise.resolve();
  }
}
