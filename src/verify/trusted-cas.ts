/**
 * `--ca FILE`: the CA certificates (PEM) an https target, its state URL and its Bayeux endpoint may
 * chain to. They are added to Node's bundled roots (and to NODE_EXTRA_CA_CERTS, which Node would
 * otherwise drop once a CA list is given); certificate verification is never turned off.
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { InputError } from '../spec/errors.js';
import { INPUT_LIMITS, readInputText } from '../spec/read-input.js';

/** The flag's help, shared by verify and pact-verify. */
export const CA_FLAG_HELP =
  "PEM file of CA certificates the target's https certificates (operations, state URL, Bayeux) may chain to, besides Node's roots and NODE_EXTRA_CA_CERTS; certificate checks are never turned off";
export const NODE_EXTRA_CA_CERTS_HELP = 'a PEM file of CA certificates Node trusts besides its own roots (read at start); --ca adds to it';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The certificates of a PEM file, each checked to parse; an InputError naming the file otherwise. */
function certificatesIn(file: string, what: string): string[] {
  const text = readInputText(file, INPUT_LIMITS.pem, what);
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new InputError(`${what} holds no PEM certificate ("-----BEGIN CERTIFICATE-----")`, { file });
  blocks.forEach((pem, i) => {
    try {
      new X509Certificate(pem);
    } catch (err) {
      throw new InputError(`certificate ${i + 1} of ${what} cannot be read: ${(err as Error).message}`, { file });
    }
  });
  return blocks;
}

/** Node's roots, NODE_EXTRA_CA_CERTS and the certificates of `file`. */
export function trustedCas(file: string): string[] {
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  return [...rootCertificates, ...(extra ? certificatesIn(extra, 'NODE_EXTRA_CA_CERTS') : []), ...certificatesIn(file, 'the CA file given to --ca')];
}
