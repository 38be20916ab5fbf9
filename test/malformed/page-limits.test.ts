/**
 * Untrusted pages never stall or crash extraction: a long line of `*a`, a JSON example 3,000
 * deep, block quotes 10,000 deep and a maxLength no test can send each give a result in time, with
 * a finding naming file:line and the limit where one applies. Built from a real corpus page,
 * through the built CLI.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { looksLikeStackTrace, repoRoot, runCli, tempDir } from '../helpers.js';

const CORPUS = resolve(repoRoot, '../shared/corpus/graph-full/api-reference/v1.0/api');
const MESSAGES = readFileSync(join(CORPUS, 'user-post-messages.md'), 'utf8');

describe('pages past a limit', () => {
  const scratch = tempDir();
  afterAll(() => scratch.cleanup());
  const page = (name: string, text: string): string => {
    const file = join(scratch.dir, name);
    writeFileSync(file, text);
    return file;
  };
  const lint = (file: string): ReturnType<typeof runCli> => {
    const started = Date.now();
    const run = runCli(['lint', '--format', 'json', file], { timeoutMs: 60_000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(looksLikeStackTrace(run.stderr)).toBe(false);
    return run;
  };
  const rules = (run: ReturnType<typeof runCli>): Array<{ rule: string; source: { line: number } }> =>
    (JSON.parse(run.stdout) as { findings: Array<{ rule: string; source: { line: number } }> }).findings;

  it('a 200 KB line of *a is read in time', () => {
    const run = lint(page('stars.md', `${MESSAGES}\n\n${'*a'.repeat(100_000)}\n`));
    expect([0, 1]).toContain(run.status);
  }, 60_000);

  it('a JSON example 3,000 deep is left out with json-too-deep at its line', () => {
    const at = MESSAGES.indexOf('{', MESSAGES.indexOf('Content-type: application/json'));
    const line = MESSAGES.slice(0, at).split('\n').length;
    const run = lint(page('deep-json.md', `${MESSAGES.slice(0, at)}{"deep": ${'['.repeat(3000)}${']'.repeat(3000)}, ${MESSAGES.slice(at + 1)}`));
    expect(rules(run)).toContainEqual(expect.objectContaining({ rule: 'json-too-deep', source: expect.objectContaining({ line }) }));
  }, 60_000);

  it('block quotes 10,000 deep give nesting-too-deep at their line', () => {
    const line = MESSAGES.split('\n').length + 1;
    const run = lint(page('deep-quote.md', `${MESSAGES}\n${'>'.repeat(10_000)} deep\n`));
    expect(rules(run)).toContainEqual(expect.objectContaining({ rule: 'nesting-too-deep', source: expect.objectContaining({ line }) }));
  }, 60_000);

  it('"Max limit is 1000000000 chars" is max-length-unsendable in lint, and build writes a small pact', () => {
    const specs = join(scratch.dir, 'specs');
    mkdirSync(join(specs, 'sources', 'calls'), { recursive: true });
    const mute = readFileSync(join(CORPUS, 'call-mute.md'), 'utf8').replace('Max limit is 256 chars', 'Max limit is 1000000000 chars');
    const file = join(specs, 'sources', 'calls', 'call-mute.md');
    writeFileSync(file, mute);
    const line = mute.split('\n').findIndex((l) => l.includes('1000000000')) + 1;
    expect(rules(lint(file))).toContainEqual(expect.objectContaining({ rule: 'max-length-unsendable', source: expect.objectContaining({ line }) }));
    expect(runCli(['extract', '--specs', specs]).status).toBe(0);
    const out = join(scratch.dir, 'contracts');
    const built = runCli(['build', '--specs', specs, '--out', out], { timeoutMs: 120_000 });
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    expect(readFileSync(join(out, 'pacts', 'calls.json'), 'utf8').length).toBeLessThan(100_000);
  }, 150_000);
});
