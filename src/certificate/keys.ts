/**
 * Ed25519 keys in PEM for signing certificates (`verify --sign KEY`) and checking them
 * (`check-certificate --key PUBKEY`). A key that is missing, not PEM or not Ed25519 is an
 * InputError naming the file (exit 2); the key's bytes are never printed.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { sha256Hex } from '../spec/digest.js';
import { InputError } from '../spec/errors.js';
import { INPUT_LIMITS, readInputText } from '../spec/read-input.js';

function read(file: string, flag: string): string {
  return readInputText(file, INPUT_LIMITS.pem, `the key given to ${flag}`);
}

function ed25519(key: KeyObject, file: string, flag: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new InputError(`${flag} needs an Ed25519 key, this is ${key.asymmetricKeyType ?? 'not an asymmetric key'} (make one with: openssl genpkey -algorithm ed25519)`, { file });
  return key;
}

export function loadPrivateKey(file: string, flag = '--sign'): KeyObject {
  const pem = read(file, flag);
  if (!pem.includes('PRIVATE KEY-----')) throw new InputError(`${flag} needs a PEM private key ("-----BEGIN PRIVATE KEY-----"); this file is not one`, { file });
  try {
    return ed25519(createPrivateKey(pem), file, flag);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${flag}: not a readable PEM private key (an encrypted key is not supported)`, { file });
  }
}

/** A public key; a private key is accepted too (its public half is used). */
export function loadPublicKey(file: string, flag = '--key'): KeyObject {
  const pem = read(file, flag);
  if (!/-----BEGIN (PUBLIC|PRIVATE) KEY-----/.test(pem)) throw new InputError(`${flag} needs a PEM public key ("-----BEGIN PUBLIC KEY-----"); this file is not one`, { file });
  try {
    return ed25519(createPublicKey(pem), file, flag);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${flag}: not a readable PEM public key`, { file });
  }
}

/** SHA-256 of the public key's SubjectPublicKeyInfo (DER): names the key in a certificate. */
export function keyFingerprint(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return sha256Hex(pub.export({ type: 'spki', format: 'der' }));
}
