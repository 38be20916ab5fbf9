/** Reading request bodies and writing JSON responses (node:http). */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body the reference accepts (413 above). */
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyRead = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'aborted' };

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyRead): void => {
      if (!done) {
        done = true;
        resolve(r);
      }
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        finish({ ok: false, reason: 'too-large' });
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => finish({ ok: false, reason: 'aborted' }));
    req.on('close', () => finish({ ok: false, reason: 'aborted' }));
  });
}

/** Media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function isJsonMediaType(header: string | undefined): boolean {
  const t = mediaType(header);
  return t === 'application/json' || /^application\/[a-z0-9.+-]*\+json$/.test(t);
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** JSON body; undefined for none. */
  body?: unknown;
  /** Label JSON bodies as text/plain (fault `wrong-content-type`). */
  wrongContentType?: boolean;
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | undefined;
  if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['Content-Type'] = reply.wrongContentType ? 'text/plain; charset=utf-8' : 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  } else {
    headers['Content-Length'] = '0';
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}
