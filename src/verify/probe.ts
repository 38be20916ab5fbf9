/**
 * Is the target there at all? The one meaning of exit code 3, for `verify` and `pact-verify`
 * alike: a connection to the target's origin cannot be established — the host name does not
 * resolve, the connection is refused or not accepted within the time limit, or (https) the TLS
 * handshake fails. A target that accepts the connection and then misbehaves (hangs, resets,
 * answers 500 or garbage) is reachable: its behaviour is for the checks to report, with evidence.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/** OpenSSL's verification failures that a CA the user trusts would cure (never by turning verification off). */
const UNTRUSTED_CERTIFICATE = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

function certificateHint(code: string | undefined): string {
  return code !== undefined && UNTRUSTED_CERTIFICATE.has(code)
    ? "; the target's certificate is not issued by a CA this machine trusts: give that CA with --ca FILE (PEM), or in NODE_EXTRA_CA_CERTS"
    : '';
}

export interface Unreachable {
  url: string;
  reason: string;
}

/** Why no connection to the URL's origin could be established, or undefined when one was. */
export function probeOrigin(url: URL, timeoutMs: number, ca?: readonly string[]): Promise<string | undefined> {
  const tls = url.protocol === 'https:';
  const port = Number(url.port || (tls ? 443 : 80));
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const what = `${tls ? 'TLS' : 'TCP'} connection to ${host}:${port}`;
  return new Promise((resolve) => {
    const socket: Socket = tls ? tlsConnect({ host, port, servername: /^[\d.:]+$/.test(host) ? undefined : host, ALPNProtocols: ['http/1.1'], ...(ca ? { ca: [...ca] } : {}) }) : tcpConnect({ host, port });
    const done = (reason: string | undefined): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reason);
    };
    const timer = setTimeout(() => done(`no ${what} within ${timeoutMs} ms`), timeoutMs);
    socket.once(tls ? 'secureConnect' : 'connect', () => done(undefined));
    socket.once('error', (err: NodeJS.ErrnoException) => done(`${err.code ?? 'error'}: cannot establish a ${what}${tls && !err.syscall ? ` (${err.message})${certificateHint(err.code)}` : ''}`));
  });
}

/** The first of the URLs whose origin is unreachable, with the reason. */
export async function probeTargets(urls: readonly string[], timeoutMs: number, ca?: readonly string[]): Promise<Unreachable | undefined> {
  for (const url of [...new Set(urls)]) {
    const reason = await probeOrigin(new URL(url), timeoutMs, ca);
    if (reason) return { url, reason };
  }
  return undefined;
}
