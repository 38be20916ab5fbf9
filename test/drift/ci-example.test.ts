/**
 * The GitHub Actions example (docs/ci/drift.yml) run for real: its shell step is executed in a
 * throwaway docs repository (git init in a temp folder) with a pull request's worth of edits.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = join(import.meta.dirname, '..', '..');
const pages = 'api-reference/v1.0/api';
let docs: string;
let bin: string;
let base: string;

interface Workflow {
  jobs: { drift: { env: Record<string, string>; steps: { name?: string; run?: string }[] } };
}

const workflow = parse(readFileSync(join(repo, 'docs/ci/drift.yml'), 'utf8')) as Workflow;
const script = workflow.jobs.drift.steps.find((s) => s.name?.startsWith('Classify'))?.run ?? '';

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=docs', '-c', 'user.email=docs@example.test', '-c', 'init.defaultBranch=main', ...args], { cwd: docs, encoding: 'utf8' }).trim();
}

function runStep(failOn: string): { code: number | null; summary: string; log: string } {
  const summary = join(docs, '..', `summary-${failOn}.md`);
  writeFileSync(summary, '');
  const r = spawnSync('bash', ['-c', script], {
    cwd: docs,
    encoding: 'utf8',
    timeout: 25_000,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, PAGES: pages, PROFILE: workflow.jobs.drift.env.PROFILE, BASE: base, FAIL_ON: failOn, GITHUB_STEP_SUMMARY: summary },
  });
  return { code: r.status, summary: readFileSync(summary, 'utf8'), log: r.stdout + r.stderr };
}

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'callconform-drift-ci-'));
  docs = join(root, 'docs');
  bin = join(root, 'bin');
  mkdirSync(join(docs, pages), { recursive: true });
  mkdirSync(bin);
  // `callconform` on PATH, as `npm install --global` would put it.
  writeFileSync(join(bin, 'callconform'), `#!/bin/sh\nexec "${process.execPath}" "${join(repo, 'bin/callconform.js')}" "$@"\n`);
  chmodSync(join(bin, 'callconform'), 0o755);
  const seed = join(repo, 'specs/sources/graph-v1.0/call-updaterecordingstatus.md');
  copyFileSync(seed, join(docs, pages, 'call-updaterecordingstatus.md'));
  copyFileSync(join(repo, 'specs/sources/graph-beta/call-updatemetadata.md'), join(docs, pages, 'call-updatemetadata.md'));
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  base = git('rev-parse', 'HEAD');
  // The pull request: a lower limit on one page, another page deleted, a new page added.
  writeFileSync(join(docs, pages, 'call-updaterecordingstatus.md'), readFileSync(seed, 'utf8').replace('Max limit is 256 chars.', 'Max limit is 128 chars.'));
  rmSync(join(docs, pages, 'call-updatemetadata.md'));
  copyFileSync(join(repo, 'specs/sources/graph-beta/call-update.md'), join(docs, pages, 'call-update.md'));
  git('add', '-A');
  git('commit', '-q', '-m', 'pull request');
});

afterAll(() => rmSync(join(docs, '..'), { recursive: true, force: true }));

describe('docs/ci/drift.yml', () => {
  it('has the classify step', () => {
    expect(script).toContain('callconform drift "$BASE:$old"');
  });

  it('fails the job on a breaking change and writes the job summary', () => {
    const r = runStep('breaking');
    expect(r.code, r.log).toBe(1);
    expect(r.summary).toContain('| **breaking** for clients | graph-v1.0/updateRecordingStatus | `request.body.clientContext.maxLength` | `256` | `128` |');
    expect(r.summary).toContain('page `api-reference/v1.0/api/call-updatemetadata.md` deleted');
    expect(r.summary).toContain('new page `api-reference/v1.0/api/call-update.md`');
    expect(r.log).toContain('BREAKING for clients: maxLength lowered');
  });

  it('passes with the breaking-change-approved label (--fail-on none), still reporting', () => {
    const r = runStep('none');
    expect(r.code, r.log).toBe(0);
    expect(r.summary).toContain('`request.body.clientContext.maxLength`');
  });
});
