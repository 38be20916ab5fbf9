/**
 * Checking a certificate.json (`callconform check-certificate`): the signature against a public
 * key, the report.json beside it against the certified digest, and, for each folder given, its
 * files against the certified input digests.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { sha256Hex } from '../spec/digest.js';
import { InputError } from '../spec/errors.js';
import schema from './certificate.schema.json' with { type: 'json' };
import { signatureHolds, type SignedCertificate } from './certificate.js';
import { compareDigests, folderDigests, isSame, type CertifiedInputs, type DigestDifference } from '../spec/folder-digests.js';
import { keyFingerprint } from './keys.js';
import { INPUT_LIMITS, readInputFile, readInputJson } from '../spec/read-input.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export function readCertificate(file: string): SignedCertificate {
  const value = readInputJson(file, INPUT_LIMITS.report, 'certificate');
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile<SignedCertificate>(schema);
  if (!validate(value)) {
    const first = validate.errors?.[0];
    throw new InputError(`not a callconform certificate.json: ${first?.instancePath || '/'} ${first?.message ?? 'invalid'}`, { file });
  }
  return value;
}

/** Folders to compare with the certified inputs; a group left out is not checked. */
export interface InputFolders {
  specs?: string;
  contracts?: string;
}

export interface CertificateCheck {
  signature: 'valid' | 'invalid' | 'other-key';
  /** The report.json beside the certificate: same bytes as certified, other bytes, or not there. */
  report: 'same' | 'changed' | 'absent';
  inputs: Partial<Record<keyof CertifiedInputs, DigestDifference>>;
}

export function checkCertificate(file: string, signed: SignedCertificate, publicKey: KeyObject, folders: InputFolders): CertificateCheck {
  const signature = keyFingerprint(publicKey) !== signed.signature.publicKeySha256 ? 'other-key' : signatureHolds(signed, publicKey) ? 'valid' : 'invalid';
  const reportFile = join(dirname(file), 'report.json');
  const report = !existsSync(reportFile) ? 'absent' : sha256Hex(readInputFile(reportFile, INPUT_LIMITS.report, 'report')) === signed.certificate.report.sha256 ? 'same' : 'changed';
  const inputs: CertificateCheck['inputs'] = {};
  const certified = signed.certificate.inputs;
  if (folders.specs !== undefined) {
    inputs.specs = compareDigests(certified.specs, folderDigests(folders.specs, ['sources']));
    inputs.sources = compareDigests(certified.sources, folderDigests(join(folders.specs, 'sources')));
  }
  if (folders.contracts !== undefined) inputs.contracts = compareDigests(certified.contracts, folderDigests(folders.contracts));
  return { signature, report, inputs };
}

/** Holds when the signature is valid, the report beside it is the certified one, and every checked folder matches. */
export function certificateHolds(c: CertificateCheck): boolean {
  return c.signature === 'valid' && c.report !== 'changed' && Object.values(c.inputs).every(isSame);
}

export function formatCheck(file: string, signed: SignedCertificate, c: CertificateCheck): string {
  const body = signed.certificate;
  const lines = [`${file}: ${body.profile} at ${body.target}, ${body.verdict} (${body.summary.passed ?? 0} passed, ${body.summary.failed ?? 0} failed), issued ${body.issuedAt} by callconform ${body.tool.version}`];
  lines.push(
    c.signature === 'valid'
      ? '  signature: valid'
      : c.signature === 'other-key'
        ? `  signature: made by another key (sha256 ${signed.signature.publicKeySha256}), not the one given`
        : '  signature: INVALID: the certificate was altered after signing',
  );
  lines.push(c.report === 'same' ? '  report.json: as certified' : c.report === 'changed' ? '  report.json: CHANGED since it was certified' : '  report.json: not beside the certificate, not checked');
  for (const [group, diff] of Object.entries(c.inputs)) {
    if (isSame(diff)) lines.push(`  ${group}: ${Object.keys(body.inputs[group as keyof CertifiedInputs]).length} files as certified`);
    else {
      lines.push(`  ${group}: DIFFERENT from the certified inputs`);
      for (const p of diff.changed) lines.push(`    changed  ${p}`);
      for (const p of diff.missing) lines.push(`    missing  ${p}`);
      for (const p of diff.added) lines.push(`    added    ${p}`);
    }
  }
  if (Object.keys(c.inputs).length === 0) lines.push('  inputs: not checked (give --specs and --contracts to compare folders)');
  lines.push(certificateHolds(c) ? 'certificate holds' : 'certificate does NOT hold');
  return `${lines.join('\n')}\n`;
}
