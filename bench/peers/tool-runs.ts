/**
 * One run of each tool against a live target: callconform `verify` and `pact-verify` (the CLI,
 * as a user runs it), Specmatic's contract test (default and generative mode) and Dredd.
 * Each run returns its exit code, wall time and failure keys (see failures.ts).
 */
import { existsSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, type CommandResult } from './exec.js';
import { junitFailureKeys, pactFailureKeys, parseJunit } from './failures.js';

export const TOOL_IDS = ['verify', 'pact-verify', 'specmatic', 'specmatic-generative', 'dredd'] as const;
export type ToolId = (typeof TOOL_IDS)[number];

export const TOOL_TITLES: Record<ToolId, string> = {
  verify: 'callconform verify',
  'pact-verify': 'callconform pact-verify',
  specmatic: 'Specmatic test',
  'specmatic-generative': 'Specmatic test (generative)',
  dredd: 'Dredd',
};

export interface ToolRun {
  exitCode: number | null;
  durationMs: number;
  /** Failure keys (test + reason); empty on a pass. */
  failures: string[];
  /** Tests the tool ran (when it says). */
  tests?: number;
  /** For `verify`: the checks of the vocabulary that failed. */
  checks?: string[];
  /** For `verify`: SHOULD results that failed (warnings; they leave the exit code at 0), and their checks. */
  warnings?: string[];
  warnedChecks?: string[];
  /** The tool could not judge (crash, time limit, unreadable output): not a catch. */
  problem?: string;
}

export interface Target {
  url: string;
  token: string;
  stateUrl: string;
}

/** What the peers read, per profile: the contracts as built, and the bench's Dredd hooks. */
export interface PeerInputs {
  specmaticFiles: Record<string, string>;
  dreddFiles: Record<string, string>;
  dreddHooks: string;
  bearerSchemes: string[];
}

export interface ToolEnv {
  repoRoot: string;
  workDir: string;
  specmaticJar?: string;
  dreddBin?: string;
  peers: PeerInputs;
  timeoutMs: number;
}

function problemOf(r: CommandResult, name: string): string | undefined {
  if (r.spawnError) return `${name} did not start: ${r.spawnError}`;
  if (r.timedOut) return `${name} exceeded the time limit`;
  return undefined;
}

function findFiles(dir: string, file: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findFiles(p, file));
    else if (entry.name === file) out.push(p);
  }
  return out;
}

interface ReportResult {
  id: string;
  check: string;
  verdict: string;
}

/** `verify` as users run it. */
async function runVerify(env: ToolEnv, target: Target, profiles: readonly string[], label: string): Promise<ToolRun> {
  const name = 'verify';
  const reports = join(env.workDir, 'reports', label, name);
  rmSync(reports, { recursive: true, force: true });
  const args = ['bin/callconform.js', 'verify', '--target', target.url, '--state-url', target.stateUrl, '--reports', reports, '--profile', ...profiles];
  const r = await runCommand(process.execPath, args, {
    cwd: env.repoRoot,
    env: { ...process.env, CALLCONFORM_TOKEN: target.token, CI: '1' },
    timeoutMs: env.timeoutMs,
    logFile: join(env.workDir, 'logs', label, `${name}.log`),
  });
  const problem = problemOf(r, name) ?? (r.exitCode === 2 || r.exitCode === 3 ? `verify exited ${String(r.exitCode)}: ${r.stderr.trim().split('\n').pop() ?? ''}` : undefined);
  const results: ReportResult[] = findFiles(reports, 'report.json').flatMap((f) => (JSON.parse(readFileSync(f, 'utf8')) as { results: ReportResult[] }).results);
  const failed = results.filter((x) => x.verdict === 'fail' || x.verdict === 'error');
  const warned = results.filter((x) => x.verdict === 'warn');
  return {
    warnings: warned.map((x) => x.id).sort(),
    warnedChecks: [...new Set(warned.map((x) => x.check))].sort(),
    exitCode: r.exitCode,
    durationMs: r.durationMs,
    failures: failed.map((x) => `${x.id} :: ${x.verdict}`).sort(),
    tests: results.length,
    checks: [...new Set(failed.map((x) => x.check))].sort(),
    ...(problem ? { problem } : {}),
  };
}

async function runPactVerify(env: ToolEnv, target: Target, profiles: readonly string[], label: string): Promise<ToolRun> {
  // pact-verify takes one --profile or none (all pacts).
  const scope = profiles.length === 1 && profiles[0] ? ['--profile', profiles[0]] : [];
  const r = await runCommand(process.execPath, ['bin/callconform.js', 'pact-verify', '--target', target.url, '--state-url', target.stateUrl, ...scope], {
    cwd: env.repoRoot,
    env: { ...process.env, CALLCONFORM_TOKEN: target.token, CI: '1' },
    timeoutMs: env.timeoutMs,
    logFile: join(env.workDir, 'logs', label, 'pact-verify.log'),
  });
  const problem = problemOf(r, 'pact-verify') ?? (r.exitCode === 2 || r.exitCode === 3 ? `pact-verify exited ${String(r.exitCode)}: ${r.stderr.trim().split('\n').pop() ?? ''}` : undefined);
  const output = `${r.stdout}\n${r.stderr}`;
  const keys = pactFailureKeys(output);
  const m = /(\d+) HTTP interactions/.exec(output);
  return {
    exitCode: r.exitCode,
    durationMs: r.durationMs,
    failures: r.exitCode === 0 ? [] : keys.length > 0 ? keys : [`exit ${String(r.exitCode)}`],
    ...(m?.[1] ? { tests: Number(m[1]) } : {}),
    ...(problem ? { problem } : {}),
  };
}

async function runSpecmatic(env: ToolEnv, target: Target, profiles: readonly string[], label: string, generative: boolean): Promise<ToolRun> {
  const name = generative ? 'specmatic-generative' : 'specmatic';
  if (!env.specmaticJar) return { exitCode: null, durationMs: 0, failures: [], problem: 'Specmatic is not installed' };
  const runDir = join(env.workDir, 'runs', label, name);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const files = profiles.map((p) => env.peers.specmaticFiles[p]).filter((f): f is string => f !== undefined);
  const tokens = Object.fromEntries(env.peers.bearerSchemes.map((s) => [s, target.token]));
  const r = await runCommand('java', ['-jar', env.specmaticJar, 'test', ...files, '--testBaseURL', target.url, '--junitReportDir', join(runDir, 'junit')], {
    cwd: runDir,
    // SCHEMA_EXAMPLE_DEFAULT: generated requests take path values from the schemas' examples (calls that exist), not random ids.
    env: { ...process.env, ...tokens, SCHEMA_EXAMPLE_DEFAULT: 'true', ...(generative ? { SPECMATIC_GENERATIVE_TESTS: 'true' } : {}) },
    timeoutMs: env.timeoutMs,
    logFile: join(env.workDir, 'logs', label, `${name}.log`),
  });
  const xml = findFiles(join(runDir, 'junit'), 'TEST-junit-jupiter.xml')[0];
  const cases = xml ? parseJunit(readFileSync(xml, 'utf8')) : [];
  const problem = problemOf(r, 'Specmatic') ?? (cases.length === 0 ? `Specmatic ran no test (exit ${String(r.exitCode)})` : undefined);
  return { exitCode: r.exitCode, durationMs: r.durationMs, failures: junitFailureKeys(cases), tests: cases.length, ...(problem ? { problem } : {}) };
}

async function runDredd(env: ToolEnv, target: Target, profiles: readonly string[], label: string): Promise<ToolRun> {
  if (!env.dreddBin) return { exitCode: null, durationMs: 0, failures: [], problem: 'Dredd is not installed' };
  const runDir = join(env.workDir, 'runs', label, 'dredd');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const files = profiles.map((p) => env.peers.dreddFiles[p]).filter((f): f is string => f !== undefined);
  const [first, ...rest] = files;
  if (!first) return { exitCode: null, durationMs: 0, failures: [], problem: 'no API description for Dredd' };
  const xunit = join(runDir, 'xunit.xml');
  const args = [
    env.dreddBin,
    first,
    target.url,
    ...rest.flatMap((f) => ['--path', f]),
    '--header',
    `Authorization: Bearer ${target.token}`,
    '--hookfiles',
    env.peers.dreddHooks,
    '--reporter',
    'xunit',
    '--output',
    xunit,
    '--loglevel',
    'error',
  ];
  const r = await runCommand(process.execPath, args, { cwd: runDir, timeoutMs: env.timeoutMs, logFile: join(env.workDir, 'logs', label, 'dredd.log') });
  const cases = existsSync(xunit) ? parseJunit(readFileSync(xunit, 'utf8')) : [];
  const ran = cases.filter((c) => !c.skipped);
  const problem = problemOf(r, 'Dredd') ?? (ran.length === 0 ? `Dredd ran no test (exit ${String(r.exitCode)}): ${r.stderr.trim().split('\n').slice(-1)[0] ?? ''}` : undefined);
  return { exitCode: r.exitCode, durationMs: r.durationMs, failures: junitFailureKeys(cases), tests: ran.length, ...(problem ? { problem } : {}) };
}

export function runTool(tool: ToolId, env: ToolEnv, target: Target, profiles: readonly string[], label: string): Promise<ToolRun> {
  switch (tool) {
    case 'verify':
      return runVerify(env, target, profiles, label);
    case 'pact-verify':
      return runPactVerify(env, target, profiles, label);
    case 'specmatic':
      return runSpecmatic(env, target, profiles, label, false);
    case 'specmatic-generative':
      return runSpecmatic(env, target, profiles, label, true);
    case 'dredd':
      return runDredd(env, target, profiles, label);
  }
}
