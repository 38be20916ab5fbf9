/**
 * The long-polling transport the CometD client uses in the verifier: the CometD project's own
 * `LongPollingTransport` (its Bayeux logic untouched) with the HTTP exchange replaced. The
 * stock Node adapter buffers any response whole into one string, so a hostile Bayeux endpoint
 * answering with a gigabyte crashed the process ("Invalid string length"), and its shared
 * keep-alive agent outlived the subscription. Here every response is cut at the size cap, and
 * `close()` aborts whatever is still in flight and releases the connections of this one
 * subscription, so a held long-poll can neither keep the process alive nor outlast the check.
 */
import * as cometdModule from 'cometd';
import { Agents, exchange } from './http-exchange.js';

/** What `LongPollingTransport.xhrSend` is given (cometd's RequestTransport). */
interface XhrPacket {
  url: string;
  headers?: Record<string, string>;
  body: string;
  onSuccess(text: string): void;
  onError(reason: string, exception?: unknown): void;
}

/** What cometd reads back from `xhrSend`: state, status, abort. */
interface XhrHandle {
  readyState: number;
  status: number;
  statusText: string;
  abort(): void;
}

type LongPollingConstructor = new () => { xhrSend(packet: XhrPacket): XhrHandle };

const { LongPollingTransport } = cometdModule as unknown as { LongPollingTransport: LongPollingConstructor };

const DONE = 4;

export class BoundedLongPolling extends LongPollingTransport {
  private readonly agents: Agents;
  private readonly inFlight = new Set<AbortController>();
  /** Cookies the endpoint set (a Bayeux server may tie a session to one), for this subscription only. */
  private readonly cookies = new Map<string, string>();
  private closed = false;

  constructor(
    private readonly maxBodyBytes: number,
    ca?: readonly string[],
  ) {
    super();
    this.agents = new Agents({ maxSockets: 2, keepAliveMs: 1_000, ...(ca ? { ca } : {}) });
  }

  override xhrSend(packet: XhrPacket): XhrHandle {
    const controller = new AbortController();
    const xhr: XhrHandle = { readyState: 1, status: 0, statusText: '', abort: () => controller.abort() };
    if (this.closed) {
      xhr.readyState = DONE;
      setTimeout(() => packet.onError('subscription closed'), 0);
      return xhr;
    }
    this.inFlight.add(controller);
    void this.exchange(packet, controller.signal, xhr).then((outcome) => {
      this.inFlight.delete(controller);
      xhr.readyState = DONE;
      if ('text' in outcome) packet.onSuccess(outcome.text);
      else {
        xhr.statusText = outcome.error;
        packet.onError(outcome.error);
      }
    });
    return xhr;
  }

  private async exchange(packet: XhrPacket, signal: AbortSignal, xhr: XhrHandle): Promise<{ text: string } | { error: string }> {
    try {
      const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await exchange(
        {
          method: 'POST',
          url: packet.url,
          headers: { ...(packet.headers ?? {}), 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
          body: packet.body,
          signal,
          maxBodyBytes: this.maxBodyBytes,
        },
        this.agents,
      );
      xhr.status = res.status;
      xhr.readyState = 2;
      if (res.tooLarge) return { error: `Bayeux response larger than ${this.maxBodyBytes} bytes (--max-body)` };
      for (const line of res.setCookies) {
        const pair = line.split(';')[0] ?? '';
        const eq = pair.indexOf('=');
        if (eq > 0 && this.cookies.size < 32) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
      if (res.status !== 200) return { error: `HTTP ${res.status}` };
      return { text: res.body.toString('utf8') };
    } catch (err) {
      return { error: signal.aborted ? 'abort' : err instanceof Error ? err.message : String(err) };
    }
  }

  /** Abort every exchange still in flight and release this subscription's connections. */
  close(): Promise<void> {
    this.closed = true;
    for (const c of this.inFlight) c.abort();
    this.agents.destroy();
    return Promise.resolve();
  }
}
