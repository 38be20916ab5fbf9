/**
 * A signed certificate of one verify run of one profile (`certificate.json` next to its
 * report.json): what was certified (target, verdict, counts, the report's digest) and from what
 * (digests of every spec, source page and contract file), signed with Ed25519 over the RFC 8785
 * canonical JSON of the `certificate` member, so any JCS implementation can check it.
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Report } from '../report/result.js';
import { sha256Hex } from '../spec/digest.js';
import type { CertifiedInputs } from '../spec/folder-digests.js';
import { keyFingerprint } from './keys.js';

export const CERTIFICATE_FORMAT = 'callconform-certificate/1';

export interface CertificateBody {
  format: typeof CERTIFICATE_FORMAT;
  tool: Report['tool'];
  issuedAt: string;
  target: string;
  profile: string;
  verdict: Report['verdict'];
  summary: Report['summary'];
  /** The report.json this certificate covers, as written (its bytes' SHA-256). */
  report: { file: 'report.json'; sha256: string };
  inputs: CertifiedInputs;
}

export interface SignedCertificate {
  certificate: CertificateBody;
  signature: {
    algorithm: 'Ed25519';
    canonicalization: 'RFC 8785';
    /** SHA-256 of the signing key's public half (SPKI DER), to tell keys apart. */
    publicKeySha256: string;
    /** Base64 signature over the canonical JSON of `certificate`. */
    value: string;
  };
}

function canonicalBytes(body: CertificateBody): Buffer {
  const text = canonicalize(body);
  if (text === undefined) throw new Error('certificate body cannot be serialised');
  return Buffer.from(text, 'utf8');
}

export function certificateBody(report: Report, reportJson: string | Uint8Array, inputs: CertifiedInputs, issuedAt = new Date()): CertificateBody {
  return {
    format: CERTIFICATE_FORMAT,
    tool: report.tool,
    issuedAt: issuedAt.toISOString(),
    target: report.target,
    profile: report.profile,
    verdict: report.verdict,
    summary: report.summary,
    report: { file: 'report.json', sha256: sha256Hex(reportJson) },
    inputs,
  };
}

export function signCertificate(body: CertificateBody, privateKey: KeyObject): SignedCertificate {
  return {
    certificate: body,
    signature: {
      algorithm: 'Ed25519',
      canonicalization: 'RFC 8785',
      publicKeySha256: keyFingerprint(privateKey),
      // Ed25519 hashes internally: node's sign() takes no digest name for it.
      value: sign(null, canonicalBytes(body), privateKey).toString('base64'),
    },
  };
}

/** True when `signed.signature` is a valid signature of `signed.certificate` by `publicKey`. */
export function signatureHolds(signed: SignedCertificate, publicKey: KeyObject): boolean {
  try {
    return verify(null, canonicalBytes(signed.certificate), publicKey, Buffer.from(signed.signature.value, 'base64'));
  } catch {
    return false;
  }
}
