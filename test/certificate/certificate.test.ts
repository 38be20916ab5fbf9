/**
 * Signed certificates: `verify --sign KEY` writes certificate.json beside report.json, and
 * `check-certificate` holds it against the public key, the report and the input folders, all
 * through the built CLI against the reference; keys are real Ed25519 (and RSA) PEM files.
 */
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateBody, signatureHolds, signCertificate } from '../../src/certificate/certificate.js';
import { inputDigests } from '../../src/spec/folder-digests.js';
import { startReference, STATE_PATH, type ReferenceServer } from '../../src/reference/server.js';
import { looksLikeStackTrace, repoRoot, runCliAsync, tempDir } from '../helpers.js';
import { conformantReport } from '../report/fixtures.js';

const TOKEN = 'certificate-token-77e';

function ed25519Pair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

describe('certificate signatures', () => {
  it('holds for the signed body and fails for any change of it or another key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const report = conformantReport();
    const signed = signCertificate(certificateBody(report, JSON.stringify(report), inputDigests(join(repoRoot, 'specs'), join(repoRoot, 'contracts'))), privateKey);
    expect(signatureHolds(signed, publicKey)).toBe(true);
    expect(Object.keys(signed.certificate.inputs.sources).some((p) => p.startsWith('graph-v1.0/'))).toBe(true);
    expect(Object.keys(signed.certificate.inputs.specs).some((p) => p.startsWith('sources/'))).toBe(false);
    // Key order is not part of what is signed (RFC 8785), content is.
    const reordered = JSON.parse(JSON.stringify({ ...signed, certificate: { ...Object.fromEntries(Object.entries(signed.certificate).reverse()) } })) as typeof signed;
    expect(signatureHolds(reordered, publicKey)).toBe(true);
    expect(signatureHolds({ ...signed, certificate: { ...signed.certificate, verdict: 'nonconformant' } }, publicKey)).toBe(false);
    expect(signatureHolds(signed, generateKeyPairSync('ed25519').publicKey)).toBe(false);
  });
});

describe('verify --sign and check-certificate (CLI)', () => {
  let server: ReferenceServer;
  const work = tempDir();
  const keys = ed25519Pair();
  const priv = join(work.dir, 'signer.pem');
  const pub = join(work.dir, 'signer.pub.pem');
  const reports = join(work.dir, 'reports');
  let certificate = '';
  let verifyRun: Awaited<ReturnType<typeof runCliAsync>>;
  beforeAll(async () => {
    writeFileSync(priv, keys.privatePem);
    writeFileSync(pub, keys.publicPem);
    server = await startReference({ port: 0, token: TOKEN });
    const base = `${server.url}/graph-v1.0`;
    verifyRun = await runCliAsync(['verify', '--target', base, '--profile', 'graph-v1.0', '--state-url', `${base}${STATE_PATH}`, '--reports', reports, '--sign', priv], { env: { CALLCONFORM_TOKEN: TOKEN } });
    const runDir = readdirSync(reports).find((d) => d.endsWith('-graph-v1.0'))!;
    certificate = join(reports, runDir, 'certificate.json');
  }, 120_000);
  afterAll(async () => {
    await server.close();
    work.cleanup();
  });

  it('writes a signed certificate beside report.json that names the verdict, counts and inputs', () => {
    expect(verifyRun.status).toBe(0);
    expect(verifyRun.stdout).toContain(`signed: ${certificate}`);
    const signed = JSON.parse(readFileSync(certificate, 'utf8')) as { certificate: { verdict: string; summary: { passed: number }; inputs: { contracts: Record<string, string> } }; signature: { algorithm: string } };
    expect(signed.certificate.verdict).toBe('conformant');
    expect(signed.certificate.summary.passed).toBeGreaterThan(10);
    expect(Object.keys(signed.certificate.inputs.contracts)).toContain('pacts/graph-v1.0.json');
    expect(signed.signature.algorithm).toBe('Ed25519');
    expect(readFileSync(certificate, 'utf8')).not.toContain(TOKEN);
  });

  it('holds against the public key and the folders it was made from (exit 0)', async () => {
    const r = await runCliAsync(['check-certificate', certificate, '--key', pub, '--specs', 'specs', '--contracts', 'contracts']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/signature: valid/);
    expect(r.stdout).toMatch(/report\.json: as certified/);
    expect(r.stdout).toMatch(/sources: \d+ files as certified/);
    expect(r.stdout).toMatch(/^certificate holds$/m);
  });

  it('exits 1 naming the file when a spec differs from the certified one', async () => {
    const copy = join(work.dir, 'specs-copy');
    cpSync(join(repoRoot, 'specs'), copy, { recursive: true });
    const spec = join(copy, 'graph-v1.0', 'updateRecordingStatus.yaml');
    writeFileSync(spec, `${readFileSync(spec, 'utf8')}# edited\n`);
    const r = await runCliAsync(['check-certificate', certificate, '--key', pub, '--specs', copy]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {4}changed {2}graph-v1\.0\/updateRecordingStatus\.yaml$/m);
    expect(r.stdout).toMatch(/certificate does NOT hold/);
  });

  it('exits 1 when the certificate or its report was altered, or another key is given', async () => {
    const altered = join(work.dir, 'altered');
    cpSync(join(certificate, '..'), altered, { recursive: true });
    const file = join(altered, 'certificate.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"conformant"', '"nonconformant"'));
    const r = await runCliAsync(['check-certificate', file, '--key', pub]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/signature: INVALID/);

    const reportChanged = join(work.dir, 'report-changed');
    cpSync(join(certificate, '..'), reportChanged, { recursive: true });
    writeFileSync(join(reportChanged, 'report.json'), readFileSync(join(reportChanged, 'report.json'), 'utf8').replace('"conformant"', '"nonconformant"'));
    const r2 = await runCliAsync(['check-certificate', join(reportChanged, 'certificate.json'), '--key', pub]);
    expect(r2.status).toBe(1);
    expect(r2.stdout).toMatch(/report\.json: CHANGED/);

    const other = join(work.dir, 'other.pub.pem');
    writeFileSync(other, ed25519Pair().publicPem);
    const r3 = await runCliAsync(['check-certificate', certificate, '--key', other]);
    expect(r3.status).toBe(1);
    expect(r3.stdout).toMatch(/made by another key/);
  });

  it('exits 2 with one line for a missing key, a key that is not Ed25519, or a signing key that is a public key', async () => {
    const rsa = join(work.dir, 'rsa.pub.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const cases = [
      { args: ['check-certificate', certificate], stderr: /--key PUBKEY is required/ },
      { args: ['check-certificate', certificate, '--key', join(work.dir, 'nope.pem')], stderr: /nope\.pem: cannot read the key given to --key \(no such file or folder\)/ },
      { args: ['check-certificate', certificate, '--key', rsa], stderr: /rsa\.pub\.pem: --key needs an Ed25519 key, this is rsa/ },
      { args: ['check-certificate', join(work.dir, 'signer.pub.pem'), '--key', pub], stderr: /signer\.pub\.pem: not valid JSON/ },
      { args: ['verify', '--target', 'http://127.0.0.1:9', '--state-url', 'http://127.0.0.1:9/s', '--reports', join(work.dir, 'never'), '--sign', pub], stderr: /signer\.pub\.pem: --sign needs a PEM private key/ },
    ];
    for (const c of cases) {
      const r = await runCliAsync(c.args);
      expect(r.status, c.args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(c.stderr);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(looksLikeStackTrace(r.stderr)).toBe(false);
      expect(r.stderr).not.toContain(keys.privatePem.split('\n')[1]!);
    }
  });
});
