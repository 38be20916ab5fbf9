/** A certificate and its key as the PEM files `serve --cert/--key` take (made by selfSignedIdentity). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { selfSignedIdentity } from '../../src/reference/tls.js';

export async function writePemPair(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const made = await selfSignedIdentity();
  const cert = join(dir, `${name}-cert.pem`);
  const key = join(dir, `${name}-key.pem`);
  writeFileSync(cert, made.cert);
  writeFileSync(key, made.key);
  made.dispose();
  return { cert, key };
}
