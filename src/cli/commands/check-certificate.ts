import { helpFooter } from '../help.js';
import type { RegisterCommand } from './index.js';

interface CheckCertificateFlags {
  key?: string;
  specs?: string;
  contracts?: string;
}

export const registerCheckCertificate: RegisterCommand = (program, setExit) => {
  program
    .command('check-certificate')
    .summary('check a signed certificate.json written by verify --sign')
    .description(
      'Check a certificate.json written by "verify --sign KEY": its Ed25519 signature against the public key, the report.json beside it against the digest it certifies, and, when --specs or --contracts is given, that every file in those folders is the one that was certified (no file changed, missing or added).',
    )
    .argument('<file>', 'the certificate.json')
    .option('--key <pem>', 'the signer\'s Ed25519 public key, PEM (required)')
    .option('--specs <dir>', 'compare this specs folder (specs and source pages) with the certified one')
    .option('--contracts <dir>', 'compare this contracts folder with the certified one')
    .addHelpText(
      'after',
      helpFooter({
        examples: ['callconform check-certificate reports/20261201-101500-graph-v1.0/certificate.json --key signer.pub.pem --specs specs --contracts contracts'],
        exitCodes: {
          0: 'the certificate holds',
          1: 'the signature is invalid or made by another key, or the report or an input differs from what was certified',
          2: 'usage or input error: a missing or unreadable certificate or key, or a key that is not Ed25519',
        },
      }),
    )
    .action(async (file: string, flags: CheckCertificateFlags) => {
      const [{ InputError }, { loadPublicKey }, { checkCertificate, certificateHolds, formatCheck, readCertificate }] = await Promise.all([
        import('../../spec/errors.js'),
        import('../../certificate/keys.js'),
        import('../../certificate/check.js'),
      ]);
      if (!flags.key) throw new InputError('--key PUBKEY is required (the signer\'s Ed25519 public key, PEM)');
      const key = loadPublicKey(flags.key);
      const signed = readCertificate(file);
      const result = checkCertificate(file, signed, key, { ...(flags.specs !== undefined ? { specs: flags.specs } : {}), ...(flags.contracts !== undefined ? { contracts: flags.contracts } : {}) });
      process.stdout.write(formatCheck(file, signed, result));
      setExit(certificateHolds(result) ? 0 : 1);
    });
};
