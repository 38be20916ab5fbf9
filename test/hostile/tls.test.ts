/**
 * An https target whose certificate is self-signed (made with openssl at test time, served by a
 * real TLS server on loopback): without `--ca` it is unreachable (exit 3) with a line that names
 * the certificate problem and says how to trust it; with `--ca FILE` verify and pact-verify run
 * their checks against it (certificate verification stays on: the CA is added, not the check
 * removed). A `--ca` that is not a PEM certificate is exit 2 naming the file.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, tempDir } from '../helpers.js';
import * as S from './servers.js';

const work = tempDir();
const cert = join(work.dir, 'cert.pem');
let server: Server;
let url = '';

beforeAll(async () => {
  const key = join(work.dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  const handler = S.withState(S.okEmpty);
  server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  work.cleanup();
});

const verifyArgs = (reports: string): string[] => ['verify', '--target', url, '--state-url', `${url}${S.STATE_PATH}`, '--profile', 'graph-v1.0', '--timeout', '3000', '--reports', join(work.dir, reports)];
const pactArgs = (): string[] => ['pact-verify', '--target', url, '--state-url', `${url}${S.STATE_PATH}`, '--profile', 'graph-v1.0', '--timeout', '3000'];
const NAMED = /self-signed certificate.*--ca FILE/;

describe('a self-signed https target', () => {
  it('without --ca: exit 3, naming the certificate problem and the way to trust it (verify and pact-verify)', async () => {
    const [verify, pact] = await Promise.all([spawnCli(verifyArgs('no-ca')), spawnCli(pactArgs())]);
    for (const run of [verify, pact]) {
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT/);
      expect(run.stderr).toMatch(NAMED);
    }
  });

  it('with --ca: the checks run against it (exit 1 for this nonconformant target, no certificate error anywhere)', async () => {
    const [verify, pact] = await Promise.all([spawnCli([...verifyArgs('with-ca'), '--ca', cert]), spawnCli([...pactArgs(), '--ca', cert], { guardMs: 120_000 })]);
    expect(verify.code, verify.stderr).toBe(1);
    expect(verify.stdout).toMatch(/graph-v1\.0\s+nonconformant\s+\d+\s+[1-9]/);
    const reports = join(work.dir, 'with-ca');
    const run = readdirSync(reports).find((d) => d.endsWith('graph-v1.0'))!;
    const report = readFileSync(join(reports, run, 'report.json'), 'utf8');
    expect(report).not.toMatch(/certificate|CERT_/i);
    expect(pact.code, pact.stderr).toBe(1);
    expect(`${pact.stdout}${pact.stderr}`).toMatch(/expected .*200.* but was .*200|has status code/);
    expect(`${pact.stdout}${pact.stderr}`).not.toMatch(/certificate|CERT_/i);
  }, 150_000);

  it('--ca that is not a PEM certificate: exit 2 naming the file', async () => {
    const bogus = join(work.dir, 'bogus.pem');
    writeFileSync(bogus, 'not a certificate\n');
    for (const args of [verifyArgs('bogus'), pactArgs()]) {
      const run = await spawnCli([...args, '--ca', bogus]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/bogus\.pem: the CA file given to --ca holds no PEM certificate/);
    }
  });
});
