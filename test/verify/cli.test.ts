/**
 * `callconform verify` end to end, as a user runs it: the built CLI in its own process, the
 * reference implementation as target. Exit codes 0/1/2/3, reports
 * written, the token never printed or stored.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATE_PATH } from '../../src/reference/server.js';
import { useReferencePair } from './reference-pair.js';
import { cliPath, looksLikeStackTrace, repoRoot, runCliAsync, tempDir } from '../helpers.js';

const TOKEN = 'cli-secret-token-91b2';

const cli = runCliAsync;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

describe('callconform verify (CLI)', () => {
  const pair = useReferencePair(TOKEN);

  const profileArgs = (base: string, profile: string): string[] => ['--target', `${base}/${profile}`, '--profile', profile, '--state-url', `${base}/${profile}${STATE_PATH}`];

  it('certifies the clean reference: exit 0, four reports, token nowhere', async () => {
    const out = tempDir();
    try {
      const r = await cli(['verify', ...profileArgs(pair.clean().url, 'graph-v1.0'), '--reports', out.dir], { env: { CALLCONFORM_TOKEN: TOKEN } });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/graph-v1\.0\s+conformant/);
      const files = filesUnder(out.dir);
      // The profile's four files, and the run's summary.md and index.html in the run's own folder.
      expect(files.map((f) => f.split('/').pop()).sort()).toEqual(['index.html', 'junit.xml', 'report.html', 'report.json', 'summary.md', 'summary.md']);
      const report = JSON.parse(readFileSync(files.find((f) => f.endsWith('report.json'))!, 'utf8')) as { verdict: string; results: { verdict: string; source: { file: string; line: number } }[] };
      expect(report.verdict).toBe('conformant');
      expect(report.results.length).toBeGreaterThan(10);
      for (const res of report.results) expect(res.source.file).toMatch(/^specs\/sources\//);
      for (const f of files) expect(readFileSync(f, 'utf8')).not.toContain(TOKEN);
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
    } finally {
      out.cleanup();
    }
  });

  it('exits 1 with the failing check and a curl line in the report when a MUST fails', async () => {
    const out = tempDir();
    try {
      const r = await cli(['verify', ...profileArgs(pair.faulty().url, 'graph-v1.0'), '--token', TOKEN, '--reports', out.dir, '--only', 'max-length']);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/nonconformant/);
      const report = JSON.parse(readFileSync(filesUnder(out.dir).find((f) => f.endsWith('report.json'))!, 'utf8')) as { results: { id: string; verdict: string; message: string; evidence: { request?: { curl?: string } } }[] };
      const failed = report.results.filter((x) => x.verdict === 'fail');
      expect(failed.map((x) => x.id)).toEqual(['graph-v1.0/updateRecordingStatus/max-length/clientContext-257']);
      expect(failed[0]!.message).toMatch(/expected 4xx \(docs: specs\/sources\/graph-v1\.0\/call-updaterecordingstatus\.md:\d+\), got 200/);
      expect(failed[0]!.evidence.request?.curl).toContain('$CALLCONFORM_TOKEN');
      expect(JSON.stringify(report)).not.toContain(TOKEN);
    } finally {
      out.cleanup();
    }
  });

  it('links every citation in report.html and summary.md to the published page, quoting the cited line; passed rows folded', async () => {
    const out = tempDir();
    try {
      const r = await cli(['verify', ...profileArgs(pair.faulty().url, 'graph-v1.0'), '--token', TOKEN, '--reports', out.dir]);
      expect(r.status).toBe(1);
      const files = filesUnder(out.dir);
      const reportJson = files.find((f) => f.endsWith('report.json'))!;
      const report = JSON.parse(readFileSync(reportJson, 'utf8')) as { results: { verdict: string; source: { file: string; line: number } }[]; citations: Record<string, { url?: string; quote?: string }> };
      const failed = report.results.find((x) => x.verdict === 'fail')!;
      const ref = `${failed.source.file}:${failed.source.line}`;
      const page = readFileSync(join(repoRoot, failed.source.file), 'utf8').split('\n');
      const line = page[failed.source.line - 1]!.replace(/\s+/g, ' ').trim().replace(/^\|(.*)\|$/, '$1').trim();
      const url = 'https://learn.microsoft.com/en-us/graph/api/call-updaterecordingstatus?view=graph-rest-1.0';
      expect(report.citations[ref]).toEqual({ url, quote: line });
      for (const res of report.results) expect(report.citations[`${res.source.file}:${res.source.line}`]?.url, res.source.file).toMatch(/^https:\/\/(learn|graph)\.microsoft\.com\//);

      const html = readFileSync(join(reportJson, '..', 'report.html'), 'utf8');
      const escaped = (t: string): string => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
      expect(html).toContain(`<a class="cite" href="${escaped(url)}" rel="noreferrer"><code>${escaped(ref)}</code></a><q class="quote">${escaped(line)}</q>`);
      expect(html).toMatch(/<details class="passed"><summary>\d+ passed/);
      const md = readFileSync(join(reportJson, '..', 'summary.md'), 'utf8');
      expect(md).toContain(`| Docs | [\`${ref}\`](${url}) “`);
    } finally {
      out.cleanup();
    }
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('%s during a run ends it at once, by that signal (what a shell shows as 128 + its number), writing no report', async (signal) => {
    // A target that provides calls and then never answers: the run is mid-check when the signal comes.
    let checking: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (checking = resolve));
    const target = createServer((req, res) => (req.url === '/state' ? res.end('{"callId":"c1"}') : checking()));
    target.listen(0, '127.0.0.1');
    await once(target, 'listening');
    const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    const out = tempDir();
    const child = spawn(process.execPath, [cliPath, 'verify', '--target', url, '--state-url', `${url}/state`, '--timeout', '60000', '--reports', out.dir], { cwd: repoRoot, env: { ...process.env, CI: '1' } });
    try {
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      await started;
      const t0 = performance.now();
      child.kill(signal);
      const [exitCode, signalCode] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
      expect([exitCode, signalCode]).toEqual([null, signal]);
      expect(performance.now() - t0).toBeLessThan(3000);
      expect(looksLikeStackTrace(stderr)).toBe(false);
      expect(filesUnder(out.dir)).toEqual([]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      target.closeAllConnections();
      target.close();
      out.cleanup();
    }
  });

  it('exits 3 when the target does not answer', async () => {
    const r = await cli(['verify', '--target', 'http://127.0.0.1:9', '--state-url', 'http://127.0.0.1:9/s', '--timeout', '500']);
    expect(r.status).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/target unreachable: http:\/\/127\.0\.0\.1:9/);
  });

  it.each([
    [['verify'], /--target URL is required/],
    [['verify', '--target', 'ftp://x'], /--target must be an http\(s\) URL/],
    [['verify', '--target', 'http://x'], /give --state-url URL .* or --call-id ID/],
    [['verify', '--target', 'http://x', '--call-id', 'a', '--state-url', 'http://x/s'], /either --call-id or --state-url/],
    [['verify', '--target', 'http://x', '--call-id', 'a', '--only', 'nope'], /unknown check "nope"/],
    [['verify', '--target', 'http://x', '--call-id', 'a', '--profile', 'nope'], /unknown profile "nope" \(known: /],
    [['verify', '--target', 'http://x', '--call-id', 'a', '--timeout', '0'], /--timeout must be an integer/],
  ])('usage error %j: exit 2, one line, no stack', async (args, message) => {
    const r = await cli(args, { env: { CALLCONFORM_TOKEN: '' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(looksLikeStackTrace(r.stderr)).toBe(false);
  });

  it('names file and line of a broken spec or schema file: exit 2, one line', async () => {
    const { dir, cleanup } = tempDir();
    try {
      cpSync(join(repoRoot, 'specs'), join(dir, 'specs'), { recursive: true });
      cpSync(join(repoRoot, 'contracts'), join(dir, 'contracts'), { recursive: true });
      const run = (args: string[]): ReturnType<typeof cli> => cli(['verify', '--target', pair.clean().url, '--state-url', `${pair.clean().url}${STATE_PATH}`, '--reports', join(dir, 'reports'), ...args]);
      const oneLine = (r: Awaited<ReturnType<typeof cli>>, message: RegExp): void => {
        expect(r.status, r.stderr).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(looksLikeStackTrace(r.stderr)).toBe(false);
      };
      const spec = join(dir, 'specs', 'graph-v1.0', 'updateRecordingStatus.yaml');
      writeFileSync(spec, readFileSync(spec, 'utf8').replace(/^kind: operation$/m, 'kind: [operation'));
      oneLine(await run(['--specs', join(dir, 'specs')]), /graph-v1\.0\/updateRecordingStatus\.yaml:\d+: YAML syntax error/);
      writeFileSync(join(dir, 'contracts', 'schemas', 'graph-beta', 'updateCall.response.schema.json'), '{"type": 5}');
      oneLine(await run(['--contracts', join(dir, 'contracts')]), /updateCall\.response\.schema\.json:1: invalid JSON Schema/);
    } finally {
      cleanup();
    }
  });
});
