/**
 * The certificate `serve --tls` answers with: generated at start (self-signed, for localhost,
 * 127.0.0.1 and ::1), or read from `--cert FILE --key FILE`. Real clients need https: the
 * Microsoft Graph JS client attaches the token to https URLs only. A generated certificate is
 * written (not its key) to a folder of its own so that clients can trust it
 * (`NODE_EXTRA_CA_CERTS=<file>`, `verify --ca <file>`); the folder goes when the server stops.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { writeFileAtomic } from '../spec/atomic-write.js';
import { InputError } from '../spec/errors.js';
import { INPUT_LIMITS, readInputText } from '../spec/read-input.js';

/** What an https server needs, and the PEM file a client can trust. */
export interface TlsIdentity {
  key: string;
  cert: string;
  /** The certificate's PEM file: the given one, or where the generated one was written. */
  certFile: string;
  /** Remove what was written for it (nothing for given files). */
  dispose(): void;
}

/** Names a generated certificate is valid for. */
export const SELF_SIGNED_NAMES = { dns: ['localhost'], ip: ['127.0.0.1', '::1'] } as const;
/** How long a generated certificate is valid: it is made anew at each start. */
const VALIDITY_DAYS = 30;
/** Validity starts this much before now, for clients whose clock is a little behind. */
const CLOCK_SKEW_MS = 60 * 60 * 1000;

/** A self-signed certificate (EC P-256, SHA-256) for the loopback names, written to a new temp folder. */
export async function selfSignedIdentity(): Promise<TlsIdentity> {
  const notBeforeDate = new Date(Date.now() - CLOCK_SKEW_MS);
  const notAfterDate = new Date(notBeforeDate.getTime() + VALIDITY_DAYS * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'callconform serve' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...SELF_SIGNED_NAMES.dns.map((value) => ({ type: 2 as const, value })), ...SELF_SIGNED_NAMES.ip.map((ip) => ({ type: 7 as const, ip }))],
      },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'callconform-serve-'));
  const certFile = join(dir, 'cert.pem');
  writeFileAtomic(certFile, pems.cert);
  return { key: pems.private, cert: pems.cert, certFile, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function parsed<T>(file: string, what: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new InputError(`${what} cannot be read: ${(err as Error).message}`, { file });
  }
}

/** The PEM files of `--cert` and `--key`, each checked to parse, and the key checked to belong to the certificate. */
export function identityFromFiles(certFile: string, keyFile: string): TlsIdentity {
  const cert = readInputText(certFile, INPUT_LIMITS.pem, 'the --cert file');
  const key = readInputText(keyFile, INPUT_LIMITS.pem, 'the --key file');
  if (!cert.includes('-----BEGIN CERTIFICATE-----')) throw new InputError('the --cert file holds no PEM certificate ("-----BEGIN CERTIFICATE-----")', { file: certFile });
  const x509 = parsed(certFile, 'the --cert file', () => new X509Certificate(cert));
  const privateKey: KeyObject = parsed(keyFile, 'the --key file', () => createPrivateKey(key));
  if (!x509.checkPrivateKey(privateKey)) throw new InputError(`the --key file is not the private key of the certificate in ${certFile}`, { file: keyFile });
  return { key, cert, certFile, dispose: () => undefined };
}
