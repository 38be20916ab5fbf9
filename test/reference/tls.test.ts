/** src/reference/tls.ts: the certificate `serve --tls` makes, and the PEM files `--cert`/`--key` name. */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { identityFromFiles, selfSignedIdentity, SELF_SIGNED_NAMES } from '../../src/reference/tls.js';
import { InputError } from '../../src/spec/errors.js';
import { tempDir } from '../helpers.js';
import { writePemPair } from './pem-pair.js';

const work = tempDir();
afterAll(() => work.cleanup());

function lineOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).line;
  }
  throw new Error('no error');
}

describe('selfSignedIdentity', () => {
  it('makes a certificate for localhost, 127.0.0.1 and ::1, valid now, written (without its key) to a folder dispose removes', async () => {
    const id = await selfSignedIdentity();
    const x509 = new X509Certificate(readFileSync(id.certFile));
    expect(x509.raw.equals(new X509Certificate(id.cert).raw)).toBe(true);
    for (const dns of SELF_SIGNED_NAMES.dns) expect(x509.checkHost(dns)).toBe(dns);
    for (const ip of SELF_SIGNED_NAMES.ip) expect(x509.checkIP(ip)).toBe(ip);
    expect(x509.checkHost('example.com')).toBeUndefined();
    expect(Date.parse(x509.validFrom)).toBeLessThan(Date.now());
    expect(Date.parse(x509.validTo)).toBeGreaterThan(Date.now() + 24 * 3600_000);
    expect(x509.ca).toBe(false);
    expect(readFileSync(id.certFile, 'utf8')).not.toContain('PRIVATE KEY');
    id.dispose();
    expect(existsSync(id.certFile)).toBe(false);
  });
});

describe('identityFromFiles', () => {
  it('reads a matching certificate and key; dispose leaves the given files', async () => {
    const { cert, key } = await writePemPair(work.dir, 'given');
    const id = identityFromFiles(cert, key);
    expect(id.certFile).toBe(cert);
    id.dispose();
    expect(existsSync(cert) && existsSync(key)).toBe(true);
  });

  it('refuses a missing file, a file that is no PEM, a key that is not the certificate’s, each naming the file', async () => {
    const [a, b] = await Promise.all([selfSignedIdentity(), selfSignedIdentity()]);
    const cert = join(work.dir, 'a-cert.pem');
    const otherKey = join(work.dir, 'b-key.pem');
    const junk = join(work.dir, 'junk.pem');
    writeFileSync(cert, a.cert);
    writeFileSync(otherKey, b.key);
    writeFileSync(junk, 'not a pem\n');
    a.dispose();
    b.dispose();
    expect(lineOf(() => identityFromFiles(join(work.dir, 'none.pem'), otherKey))).toMatch(/none\.pem: cannot read the --cert file \(no such file/);
    expect(lineOf(() => identityFromFiles(junk, otherKey))).toMatch(/junk\.pem: the --cert file holds no PEM certificate/);
    expect(lineOf(() => identityFromFiles(cert, junk))).toMatch(/junk\.pem: the --key file cannot be read: /);
    expect(lineOf(() => identityFromFiles(cert, otherKey))).toMatch(/b-key\.pem: the --key file is not the private key of the certificate in .*a-cert\.pem/);
    expect(lineOf(() => identityFromFiles(cert, work.dir))).toMatch(/: the --key file is a folder, not a regular file/);
  });
});
