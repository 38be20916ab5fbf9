/**
 * The run-level summary: `reports/<start time>/summary.md` and `index.html` open with the overall
 * verdict, then a row per profile, then the failures — what certify.yml puts into the job
 * summary. End to end: the built CLI certifying two profiles of the reference, one with a fault.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReference, STATE_PATH, type ReferenceServer } from '../../src/reference/server.js';
import { runCliAsync, tempDir, type CliRun } from '../helpers.js';

const TOKEN = 'run-summary-token-3f9';

describe('run summary (CLI)', () => {
  let faulty: ReferenceServer;
  const out = tempDir();
  let run: CliRun;
  let summaryPath = '';
  beforeAll(async () => {
    faulty = await startReference({ port: 0, token: TOKEN, faults: ['accept-over-max-length'] });
    run = await runCliAsync(['verify', '--target', faulty.url, '--profile', 'graph-beta', 'graph-v1.0', '--state-url', `${faulty.url}${STATE_PATH}`, '--reports', out.dir], { env: { CALLCONFORM_TOKEN: TOKEN } });
    summaryPath = /^run summary: (.+) \(and index\.html\)$/m.exec(run.stdout)?.[1] ?? '';
  }, 120_000);
  afterAll(async () => {
    await faulty.close();
    out.cleanup();
  });

  it('prints where the run summary is, in a folder of its own', () => {
    expect(run.status).toBe(1);
    expect(summaryPath).toMatch(/\/\d{8}-\d{6}\/summary\.md$/);
    expect(existsSync(summaryPath)).toBe(true);
  });

  it('summary.md: overall verdict first, a row per profile, then the failures', () => {
    const md = readFileSync(summaryPath, 'utf8');
    const lines = md.split('\n');
    expect(lines[0]).toBe('# ❌ callconform: nonconformant');
    const firstSection = md.indexOf('\n## ');
    const table = md.slice(0, firstSection);
    expect(table).toMatch(/^\| graph-beta \| (✅ conformant|❌ nonconformant) \|/m);
    expect(table).toMatch(/^\| graph-v1\.0 \| ❌ nonconformant \| \d+ \| 1 \|/m);
    expect(md.slice(firstSection)).toContain('graph-v1.0/updateRecordingStatus/max-length/clientContext-257');
    expect(md).not.toContain(TOKEN);
  });

  it('index.html: the overall verdict, links to each profile report that exist, and the failures', () => {
    const htmlFile = join(summaryPath, '..', 'index.html');
    const html = readFileSync(htmlFile, 'utf8');
    expect(html).toMatch(/<header class="banner banner-nonconformant" id="verdict" data-verdict="nonconformant">/);
    const links = [...html.matchAll(/href="([^"]+\/report\.html)"/g)].map((m) => m[1]!);
    expect(new Set(links).size).toBe(2);
    for (const link of links) expect(existsSync(resolve(join(summaryPath, '..'), decodeURIComponent(link)))).toBe(true);
    expect(html).toContain('graph-v1.0/updateRecordingStatus/max-length/clientContext-257');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain(TOKEN);
  });
});
