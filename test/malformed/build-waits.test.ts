/**
 * `build` never waits forever: a request Pact's mock server never answers (a documented
 * `Content-Length: 0` sent with a body, from user-post-messages.md) leaves that operation out of
 * the pact with a finding at the page's request line, within the time limit, and the rest is
 * written (exit 1: something was left out); a build stopped by SIGTERM leaves no temporary folder,
 * and one killed by SIGKILL has its folder removed by the next build. Through the built CLI, with
 * TMPDIR pointed at a folder of the test's own.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { cliPath, looksLikeStackTrace, repoRoot, runCli, tempDir } from '../helpers.js';

const PAGE = resolve(repoRoot, '../shared/corpus/graph-full/api-reference/v1.0/api/user-post-messages.md');
/** A page of the same profile whose requests Pact takes: its interactions stay in the pact. */
const OTHER_PAGE = resolve(repoRoot, '../shared/corpus/graph-full/api-reference/v1.0/api/message-delete.md');
const PACT_TEMP = /^callconform-pact-\d+-/;

interface Header {
  name: string;
  value?: string;
}

describe('build with a request Pact never answers', () => {
  const scratch = tempDir();
  const specs = join(scratch.dir, 'specs');
  const tmp = join(scratch.dir, 'tmp');
  const env = { TMPDIR: tmp };
  const pactTemps = (): string[] => readdirSync(tmp).filter((n) => PACT_TEMP.test(n));
  let specFile = '';

  beforeAll(() => {
    mkdirSync(join(specs, 'sources', 'mail'), { recursive: true });
    mkdirSync(tmp);
    copyFileSync(PAGE, join(specs, 'sources', 'mail', 'user-post-messages.md'));
    copyFileSync(OTHER_PAGE, join(specs, 'sources', 'mail', 'message-delete.md'));
    const extracted = runCli(['extract', '--specs', specs], { env });
    expect(extracted.status, extracted.stderr).toBe(0);
    const name = readdirSync(join(specs, 'mail')).find((f) => f.endsWith('.yaml') && readFileSync(join(specs, 'mail', f), 'utf8').includes('user-post-messages.md'));
    specFile = join(specs, 'mail', name!);
    // The page documents `Content-Length | number | 0`; whatever extraction makes of it, the spec
    // here sends Content-Length: 0 with a body, the request that made Pact's mock server wait forever.
    const spec = parse(readFileSync(specFile, 'utf8')) as { request: { headers: Header[] } };
    const headers = spec.request.headers;
    const template = headers.find((h) => /^content-length$/i.test(h.name)) ?? headers[0]!;
    const rest = headers.filter((h) => !/^content-length$/i.test(h.name));
    spec.request.headers = [...rest, { ...template, name: 'Content-Length', value: '0' }];
    writeFileSync(specFile, stringify(spec));
  }, 60_000);
  afterAll(() => scratch.cleanup());

  it('leaves the operation out of the pact with a finding naming the page line and the limit, writes the rest (exit 1), and leaves no temporary folder', () => {
    const started = Date.now();
    const run = runCli(['build', '--specs', specs, '--out', join(scratch.dir, 'contracts'), '--pact-timeout', '1500'], { env, timeoutMs: 120_000 });
    expect(run.status, run.stderr).toBe(1);
    const refused = run.stderr.split('\n').filter((l) => l.includes(' error pact-refused '));
    expect(refused, run.stderr).toHaveLength(1);
    expect(refused[0]).toMatch(/^\S*user-post-messages\.md:\d+: error pact-refused /);
    expect(refused[0]).toContain("Pact's mock server gave no answer to");
    expect(refused[0]).toContain('within 1500 ms');
    expect(run.stdout).toContain('1 operation(s) left out');
    expect(run.stderr).not.toMatch(/internal error/);
    expect(looksLikeStackTrace(run.stderr)).toBe(false);
    expect(Date.now() - started).toBeLessThan(100_000);
    const leftOut = (parse(readFileSync(specFile, 'utf8')) as { operation: string }).operation;
    const pact = JSON.parse(readFileSync(join(scratch.dir, 'contracts', 'pacts', 'mail.json'), 'utf8')) as { interactions: { description: string }[] };
    // The other page's interactions, which shared mock servers with the refused one, are all kept.
    expect(pact.interactions.length).toBeGreaterThan(0);
    expect(pact.interactions.filter((i) => i.description.startsWith(`${leftOut}:`))).toEqual([]);
    expect(existsSync(join(scratch.dir, 'contracts', 'openapi', 'mail.yaml'))).toBe(true);
    expect(pactTemps()).toEqual([]);
  }, 130_000);

  it('rejects a --pact-timeout that is not a positive number of milliseconds', () => {
    const run = runCli(['build', '--specs', specs, '--pact-timeout', 'soon'], { env });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('callconform: --pact-timeout must be a positive integer (ms), got "soon"');
  });

  /** Start a build that waits in Pact, wait until its temporary folder exists, then send `signal`. */
  async function stopMidBuild(signal: NodeJS.Signals): Promise<string[]> {
    const child = spawn(process.execPath, [cliPath, 'build', '--specs', specs, '--out', join(scratch.dir, 'contracts'), '--pact-timeout', '60000'], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    const deadline = Date.now() + 60_000;
    while (!pactTemps().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const during = pactTemps();
    child.kill(signal);
    await exited;
    return during;
  }

  it('stopped by SIGTERM, removes its temporary folder', async () => {
    expect(await stopMidBuild('SIGTERM')).toHaveLength(1);
    expect(pactTemps()).toEqual([]);
  }, 90_000);

  it('killed by SIGKILL, its folder is removed by the next build', async () => {
    const during = await stopMidBuild('SIGKILL');
    expect(during).toHaveLength(1);
    expect(pactTemps()).toEqual(during);
    const next = runCli(['build', '--specs', specs, '--out', join(scratch.dir, 'contracts'), '--pact-timeout', '1500'], { env, timeoutMs: 120_000 });
    expect(next.status, next.stderr).toBe(1);
    expect(pactTemps()).toEqual([]);
  }, 180_000);
});
