/**
 * Is the target there at all? A TCP connection to each target's host and port: refused, an
 * unknown host or no connection within the time limit means exit 3 (unreachable). A target that
 * accepts connections and then misbehaves (hangs, resets, answers 500) is reachable: its
 * behaviour is for the checks to report, with evidence.
 */
import { connect } from 'node:net';

export interface Unreachable {
  url: string;
  reason: string;
}

function tcpReachable(url: URL, timeoutMs: number): Promise<string | undefined> {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (reason: string | undefined): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reason);
    };
    const timer = setTimeout(() => done(`no TCP connection to ${host}:${port} within ${timeoutMs} ms`), timeoutMs);
    socket.once('connect', () => done(undefined));
    socket.once('error', (err: NodeJS.ErrnoException) => done(`${err.code ?? 'error'}: cannot connect to ${host}:${port}`));
  });
}

export async function probeTargets(urls: readonly string[], timeoutMs: number): Promise<Unreachable | undefined> {
  for (const url of [...new Set(urls)]) {
    const reason = await tcpReachable(new URL(url), timeoutMs);
    if (reason) return { url, reason };
  }
  return undefined;
}
