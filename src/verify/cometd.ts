/**
 * CometD subscriptions with the CometD project's own client (`cometd` + `cometd-nodejs-client`):
 * Bayeux 1.0 handshake, subscribe, long-polling connect (DESIGN.md "Target contract"). Every
 * failure — no handshake within the time limit, a refused subscription — is data, never a throw.
 */
import { CometD, type Message } from 'cometd';
import { adapt } from 'cometd-nodejs-client';
import { BoundedLongPolling } from './cometd-transport.js';

let adapted = false;

/** A received message: channel and data, as the Bayeux message carries them. */
export interface ReceivedMessage {
  channel: string;
  data: unknown;
  /** Milliseconds since the subscription was made. */
  atMs: number;
}

export interface Subscription {
  channel: string;
  messages: ReceivedMessage[];
  /** The first message (already received or still to come) that `match` accepts, or undefined after `timeoutMs`. */
  next(match: (m: ReceivedMessage) => boolean, timeoutMs: number): Promise<ReceivedMessage | undefined>;
  close(): Promise<void>;
}

export interface SubscribeOptions {
  url: string;
  channel: string;
  timeoutMs: number;
  /** Largest Bayeux response read (--max-body); a longer one is a failed exchange. */
  maxBodyBytes: number;
  /** Extra HTTP headers (Authorization) on every Bayeux request. */
  headers?: Record<string, string>;
  /** CA certificates for an https endpoint (`trustedCas`). */
  ca?: readonly string[];
}

/** Longest piece of endpoint-supplied text (a handshake error) quoted in a message. */
const QUOTE_LIMIT = 200;

function quote(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}… (${text.length} characters)` : text;
}

/** Why an exchange failed: the endpoint's Bayeux error, else the transport's reason (timeout, HTTP status, size cap). */
function whyFailed(m: Message): string {
  if (m.error) return quote(m.error);
  const failure = (m as Message & { failure?: { reason?: unknown; httpCode?: unknown } }).failure;
  if (failure) return quote(failure.reason ?? (failure.httpCode ? `HTTP ${String(failure.httpCode)}` : 'transport failure'));
  return quote(m.advice ?? 'unsuccessful');
}

/** The client's console logging, silenced per instance: what a hostile endpoint sends must not reach the terminal. */
function silence(cometd: CometD): void {
  const quiet = (): void => undefined;
  Object.assign(cometd, { _warn: quiet, _info: quiet, _debug: quiet });
}

/** Handshake and subscribe; resolves with the subscription, or `{error}` when either fails or takes longer than the time limit. */
export function subscribe(options: SubscribeOptions): Promise<Subscription | { error: string }> {
  if (!adapted) {
    adapt();
    adapted = true;
  }
  const cometd = new CometD();
  silence(cometd);
  // Only long-polling, through a transport with the size cap whose close() ends its connections.
  const transport = new BoundedLongPolling(options.maxBodyBytes, options.ca);
  cometd.unregisterTransports();
  cometd.registerTransport('long-polling', transport as unknown as Parameters<CometD['registerTransport']>[1]);
  cometd.configure({
    url: options.url,
    logLevel: 'warn',
    maxNetworkDelay: options.timeoutMs,
    maxBackoff: 500,
    ...(options.headers ? { requestHeaders: options.headers } : {}),
  });
  const started = performance.now();
  const messages: ReceivedMessage[] = [];
  const waiters: { match: (m: ReceivedMessage) => boolean; resolve: (m: ReceivedMessage | undefined) => void }[] = [];
  // A polite disconnect (at most the time limit, at most a second), then whatever is left is cut.
  const stop = (): Promise<void> =>
    new Promise<void>((done) => {
      const t = setTimeout(done, Math.min(1000, options.timeoutMs));
      try {
        cometd.disconnect(() => {
          clearTimeout(t);
          done();
        });
      } catch {
        clearTimeout(t);
        done();
      }
    }).then(() => transport.close());
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: Subscription | { error: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => {
      void stop();
      settle({ error: `no CometD handshake and subscription to ${options.channel} at ${options.url} within ${options.timeoutMs} ms` });
    }, options.timeoutMs);
    cometd.handshake((hs: Message) => {
      if (!hs.successful) {
        void stop();
        settle({ error: `CometD handshake with ${options.url} failed: ${whyFailed(hs)}` });
        return;
      }
      cometd.subscribe(
        options.channel,
        (m: Message) => {
          const received: ReceivedMessage = { channel: m.channel, data: m.data as unknown, atMs: Math.round(performance.now() - started) };
          messages.push(received);
          for (const w of [...waiters]) {
            if (w.match(received)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(received);
            }
          }
        },
        (sub: Message) => {
          if (!sub.successful) {
            void stop();
            settle({ error: `CometD subscription to ${options.channel} refused: ${whyFailed(sub)}` });
            return;
          }
          settle({
            channel: options.channel,
            messages,
            next: (match, timeoutMs) => {
              const seen = messages.find(match);
              if (seen) return Promise.resolve(seen);
              return new Promise((res) => {
                const timer = setTimeout(() => {
                  const i = waiters.indexOf(w);
                  if (i >= 0) {
                    waiters.splice(i, 1);
                    res(undefined);
                  }
                }, timeoutMs);
                const w = {
                  match,
                  resolve: (m: ReceivedMessage | undefined) => {
                    clearTimeout(timer);
                    res(m);
                  },
                };
                waiters.push(w);
              });
            },
            close: stop,
          });
        },
      );
    });
  });
}
