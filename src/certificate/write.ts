/**
 * Writing `certificate.json` beside each report.json of a run (`verify --sign KEY`). The facts
 * are read back from the report.json as written (redacted), so the certificate says nothing the
 * report does not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { Report } from '../report/result.js';
import { writeFileAtomic } from '../spec/atomic-write.js';
import { certificateBody, signCertificate } from './certificate.js';
import { inputDigests } from '../spec/folder-digests.js';

/** One signed certificate per report folder; returns the files written. */
export function writeCertificates(reportDirs: readonly string[], key: KeyObject, inputs: { specsDir: string; contractsDir: string }): string[] {
  const digests = inputDigests(inputs.specsDir, inputs.contractsDir);
  return reportDirs.map((dir) => {
    const bytes = readFileSync(join(dir, 'report.json'));
    const report = JSON.parse(bytes.toString('utf8')) as Report;
    const file = join(dir, 'certificate.json');
    writeFileAtomic(file, `${JSON.stringify(signCertificate(certificateBody(report, bytes, digests), key), null, 2)}\n`);
    return file;
  });
}
