/** Real clients for the reference tests: fetch (undici) for HTTP, the CometD project's client for Bayeux. */
import { CometD, type Message } from 'cometd';
import { adapt } from 'cometd-nodejs-client';
import { Agent, fetch as undiciFetch } from 'undici';

adapt();

export interface Exchange {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Raw body text (sent as is). */
  raw?: string;
  /** A dedicated client (own connection pool) for this request. */
  dispatcher?: Agent;
}

export async function send(url: string, opts: SendOptions = {}): Promise<Exchange> {
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  const res = await undiciFetch(url, { method: opts.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, redirect: 'manual', dispatcher: opts.dispatcher });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers as unknown as Headers, text, json };
}

/** Set up a provider state (`a call exists`) and return the id it answers for the resource (`callId`). */
export async function newCall(base: string, resource = 'call'): Promise<string> {
  const r = await send(`${base}/_callconform/state`, { body: { state: `a ${resource} exists`, params: {}, action: 'setup' } });
  if (r.status !== 200) throw new Error(`provider state failed: ${r.status} ${r.text}`);
  return (r.json as Record<string, string>)[`${resource}Id`] ?? '';
}

export interface Subscriber {
  messages: Message[];
  /** The first message (already received or to come) that satisfies `match`, or undefined after `timeoutMs`. */
  next(match: (m: Message) => boolean, timeoutMs?: number): Promise<Message | undefined>;
  close(): Promise<void>;
}

/** Handshake (long-polling, as DESIGN's target contract says, unless `websocket`) and subscribe to `channel`. */
export function subscribe(cometdUrl: string, channel: string, transport: 'long-polling' | 'websocket' = 'long-polling'): Promise<Subscriber> {
  const cometd = new CometD();
  if (transport === 'long-polling') cometd.unregisterTransport('websocket');
  else for (const t of cometd.getTransportTypes().filter((x) => x !== 'websocket')) cometd.unregisterTransport(t);
  cometd.configure({ url: cometdUrl, logLevel: 'warn' });
  const messages: Message[] = [];
  const waiters: { match: (m: Message) => boolean; resolve: (m: Message | undefined) => void }[] = [];
  return new Promise((resolve, reject) => {
    cometd.handshake((hs) => {
      if (!hs.successful) {
        reject(new Error(`handshake failed: ${JSON.stringify(hs)}`));
        return;
      }
      cometd.subscribe(
        channel,
        (m) => {
          messages.push(m);
          for (const w of [...waiters]) {
            if (w.match(m)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(m);
            }
          }
        },
        (sub) => {
          if (!sub.successful) {
            reject(new Error(`subscribe failed: ${JSON.stringify(sub)}`));
            return;
          }
          resolve({
            messages,
            next: (match, timeoutMs = 2000) => {
              const seen = messages.find(match);
              if (seen) return Promise.resolve(seen);
              return new Promise((res) => {
                const w = { match, resolve: res };
                waiters.push(w);
                setTimeout(() => {
                  const i = waiters.indexOf(w);
                  if (i >= 0) {
                    waiters.splice(i, 1);
                    res(undefined);
                  }
                }, timeoutMs);
              });
            },
            close: () => new Promise<void>((done) => cometd.disconnect(() => done())),
          });
        },
      );
    });
  });
}
