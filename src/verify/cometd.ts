/**
 * CometD subscriptions with the CometD project's own client (`cometd` + `cometd-nodejs-client`):
 * Bayeux 1.0 handshake, subscribe, long-polling connect (DESIGN.md "Target contract"). Every
 * failure — no handshake within the time limit, a refused subscription — is data, never a throw.
 */
import { CometD, type Message } from 'cometd';
import { adapt } from 'cometd-nodejs-client';

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
  /** Extra HTTP headers (Authorization) on every Bayeux request. */
  headers?: Record<string, string>;
}

/** Handshake and subscribe; resolves with the subscription, or `{error}` when either fails or takes longer than the time limit. */
export function subscribe(options: SubscribeOptions): Promise<Subscription | { error: string }> {
  if (!adapted) {
    adapt();
    adapted = true;
  }
  const cometd = new CometD();
  cometd.unregisterTransport('websocket');
  cometd.unregisterTransport('callback-polling');
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
  const stop = (): Promise<void> =>
    new Promise<void>((done) => {
      const t = setTimeout(done, 1000);
      try {
        cometd.disconnect(() => {
          clearTimeout(t);
          done();
        });
      } catch {
        clearTimeout(t);
        done();
      }
    });
  // The client logs its own warnings to the console; a hostile endpoint must not flood the terminal.
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
        settle({ error: `CometD handshake with ${options.url} failed: ${hs.error ?? JSON.stringify((hs as Message & { failure?: unknown }).failure ?? hs.advice ?? 'unsuccessful')}` });
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
            settle({ error: `CometD subscription to ${options.channel} refused: ${sub.error ?? 'unsuccessful'}` });
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
