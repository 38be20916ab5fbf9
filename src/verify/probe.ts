/**
 * Is the target there at all? The one meaning of exit code 3, for `verify` and `pact-verify`
 * alike: a connection to the target's origin cannot be established — the host name does not
 * resolve, the connection is refused or not accepted within the time limit, or (https) the TLS
 * handshake fails. A target that accepts the connection and then misbehaves (hangs, resets,
 * answers 500 or garbage) is reachable: its behaviour is for the checks to report, with evidence.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface Unreachable {
  url: string;
  reason: string;
}

/** Why no connection to the URL's origin could be established, or undefined when one was. */
export function probeOrigin(url: URL, timeoutMs: number): Promise<string | undefined> {
  const tls = url.protocol === 'https:';
  const port = Number(url.port || (tls ? 443 : 80));
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const what = `${tls ? 'TLS' : 'TCP'} connection to ${host}:${port}`;
  return new Promise((resolve) => {
    const socket: Socket = tls ? tlsConnect({ host, port, servername: /^[\d.:]+$/.test(host) ? undefined : host, ALPNProtocols: ['http/1.1'] }) : tcpConnect({ host, port });
    const done = (reason: string | undefined): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reason);
    };
    const timer = setTimeout(() => done(`no ${what} within ${timeoutMs} ms`), timeoutMs);
    socket.once(tls ? 'secureConnect' : 'connect', () => done(undefined));
    socket.once('error', (err: NodeJS.ErrnoException) => done(`${err.code ?? 'error'}: cannot establish a ${what}${tls && !err.syscall ? ` (${err.message})` : ''}`));
  });
}

/** The first of the URLs whose origin is unreachable, with the reason. */
export async function probeTargets(urls: readonly string[], timeoutMs: number): Promise<Unreachable | undefined> {
  for (const url of [...new Set(urls)]) {
    const reason = await probeOrigin(new URL(url), timeoutMs);
    if (reason) return { url, reason };
  }
  return undefined;
}
