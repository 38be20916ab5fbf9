/**
 * `npx tsx bench/peers/run.ts [--reps N] [--faults a,b] [--tools verify,dredd,…] [--timeout-s S]`
 *
 * callconform next to the tools its users already run. Installs Specmatic and Dredd on demand
 * into bench/peers/.tools/ (not the project's node_modules), points each at contracts/ as built
 * (Specmatic: openapi/<profile>.yaml, Dredd: openapi/3.0/<profile>.yaml; see prepare-openapi.ts
 * for the run configuration read from them), starts the reference server clean and once per
 * fault of the catalogue, runs every tool against it, and writes the fault × tool matrix and the
 * wall times per profile to bench/peers/results.md (also printed). Not part of `npm ci`/`npm test`.
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { FAULTS, faultApplies, startReference, STATE_PATH, type ReferenceServer } from '../../src/reference/index.js';
import { loadSpecs } from '../../src/spec/yaml-io.js';
import { writeFileAtomic } from '../../src/spec/atomic-write.js';
import { judge, renderResults, type FaultRow, type TimingRow, type ToolInfo } from './matrix.js';
import { writeDreddHooks } from './dredd-hooks.js';
import { bearerSchemes, pathValues, type JsonObject } from './prepare-openapi.js';
import { ensureNpmTool, javaVersion } from './tools.js';
import { runTool, TOOL_IDS, TOOL_TITLES, type PeerInputs, type Target, type ToolEnv, type ToolId, type ToolRun } from './tool-runs.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const benchDir = join(repoRoot, 'bench', 'peers');
const toolsDir = join(benchDir, '.tools');
const workDir = join(benchDir, '.work');

interface Args {
  reps: number;
  faults?: string[];
  tools: ToolId[];
  timeoutMs: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { reps: 3, tools: [...TOOL_IDS], timeoutMs: 300_000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined) throw new Error(`${flag ?? ''} needs a value`);
      i++;
      return value;
    };
    if (flag === '--reps') args.reps = Math.max(1, Number(need()));
    else if (flag === '--faults') args.faults = need().split(',').filter(Boolean);
    else if (flag === '--tools') {
      const list = need().split(',').filter(Boolean);
      for (const t of list) if (!(TOOL_IDS as readonly string[]).includes(t)) throw new Error(`unknown tool ${t} (known: ${TOOL_IDS.join(', ')})`);
      args.tools = list as ToolId[];
    } else if (flag === '--timeout-s') args.timeoutMs = Number(need()) * 1000;
    else throw new Error(`unknown option ${flag ?? ''} (--reps N, --faults a,b, --tools ${TOOL_IDS.join(',')}, --timeout-s S)`);
  }
  return args;
}

/** The documents each peer reads (as built), the calls their examples name, and Dredd's hooks (dredd-hooks.ts). */
function peerInputs(profiles: readonly string[]): { peers: PeerInputs; pathValues: string[] } {
  const specmaticFiles: Record<string, string> = {};
  const dreddFiles: Record<string, string> = {};
  const values = new Set<string>();
  const schemes = new Set<string>();
  const docs: JsonObject[] = [];
  for (const profile of profiles) {
    specmaticFiles[profile] = join(repoRoot, 'contracts', 'openapi', `${profile}.yaml`);
    dreddFiles[profile] = join(repoRoot, 'contracts', 'openapi', '3.0', `${profile}.yaml`);
    for (const file of [specmaticFiles[profile], dreddFiles[profile]]) {
      if (!existsSync(file)) throw new Error(`${file} is missing: run \`node bin/callconform.js build\` first`);
    }
    const doc = parse(readFileSync(specmaticFiles[profile], 'utf8')) as JsonObject;
    docs.push(doc);
    bearerSchemes(doc).forEach((s) => schemes.add(s));
    pathValues(doc).forEach((v) => values.add(v));
  }
  const dreddHooks = writeDreddHooks(workDir, docs);
  return { peers: { specmaticFiles, dreddFiles, dreddHooks, bearerSchemes: [...schemes].sort() }, pathValues: [...values].sort() };
}

/** Create the calls the peers' example paths name, through the provider-state endpoint. */
async function createCalls(server: ReferenceServer, ids: readonly string[]): Promise<void> {
  for (const callId of ids) {
    const res = await fetch(`${server.url}${STATE_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'a call exists', params: { callId }, action: 'setup' }),
    });
    if (!res.ok) throw new Error(`provider state for call ${callId}: HTTP ${res.status}`);
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : Math.round(((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2);
}

async function withServer<T>(faults: string[], token: string, fn: (server: ReferenceServer, target: Target) => Promise<T>): Promise<T> {
  const server = await startReference({ port: 0, host: '127.0.0.1', token, faults, specsDir: join(repoRoot, 'specs'), contractsDir: join(repoRoot, 'contracts') });
  try {
    return await fn(server, { url: server.url, token, stateUrl: `${server.url}${STATE_PATH}` });
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const args = parseArgs(process.argv.slice(2));
  process.chdir(repoRoot);
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npx tsc -p tsconfig.build.json` first');
  const openapiDir = join(repoRoot, 'contracts', 'openapi');
  if (!existsSync(openapiDir)) throw new Error('contracts/openapi/ is missing: run `node bin/callconform.js build` first');
  const profiles = readdirSync(openapiDir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
  mkdirSync(workDir, { recursive: true });

  // Tools.
  const toolInfo = new Map<ToolId, ToolInfo>();
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  toolInfo.set('verify', { id: 'verify', version: `callconform ${pkg.version}`, input: 'specs/ + contracts/ (schemas), `--state-url`, token' });
  toolInfo.set('pact-verify', { id: 'pact-verify', version: `callconform ${pkg.version} (Pact Rust verifier via @pact-foundation/pact)`, input: 'contracts/pacts/*.json, `--state-url`, token' });
  const env: ToolEnv = { repoRoot, workDir, peers: { specmaticFiles: {}, dreddFiles: {}, dreddHooks: '', bearerSchemes: [] }, timeoutMs: args.timeoutMs };
  if (args.tools.some((t) => t.startsWith('specmatic'))) {
    const java = await javaVersion();
    const sm = java.ok ? await ensureNpmTool(toolsDir, 'specmatic') : java;
    const input = 'contracts/openapi/<profile>.yaml (3.1) as built; `SCHEMA_EXAMPLE_DEFAULT=true`; token from env `<scheme>`';
    for (const id of ['specmatic', 'specmatic-generative'] as const) {
      toolInfo.set(id, sm.ok ? { id, version: `specmatic ${sm.version} (npm; ${java.ok ? java.version : ''})`, input: id === 'specmatic' ? input : `${input}; SPECMATIC_GENERATIVE_TESTS=true` } : { id, version: '', input, unavailable: sm.reason });
    }
    if (sm.ok) env.specmaticJar = join(sm.dir, 'node_modules', 'specmatic', 'specmatic.jar');
  }
  if (args.tools.includes('dredd')) {
    const dr = await ensureNpmTool(toolsDir, 'dredd');
    const input = 'contracts/openapi/3.0/<profile>.yaml as built; `--header Authorization`; hooks: skip non-2xx, 2xx bodies judged by the contract\'s schema';
    toolInfo.set('dredd', dr.ok ? { id: 'dredd', version: `dredd ${dr.version} (npm, Node ${process.version})`, input } : { id: 'dredd', version: '', input, unavailable: dr.reason });
    if (dr.ok) env.dreddBin = join(dr.dir, 'node_modules', 'dredd', 'bin', 'dredd');
  }
  const tools = args.tools.filter((t) => toolInfo.has(t));
  const runnable = tools.filter((t) => !toolInfo.get(t)?.unavailable);

  const prepared = peerInputs(profiles);
  env.peers = prepared.peers;
  const token = randomBytes(12).toString('hex');
  const runAll = async (label: string, faults: string[], only: readonly string[]): Promise<Partial<Record<ToolId, ToolRun>>> =>
    withServer(faults, token, async (server, target) => {
      const runs: Partial<Record<ToolId, ToolRun>> = {};
      for (const tool of runnable) {
        await createCalls(server, prepared.pathValues);
        const run = await runTool(tool, env, target, only, label);
        runs[tool] = run;
        const verdict = run.problem ? `problem: ${run.problem}` : `exit ${String(run.exitCode)}, ${run.failures.length} failing`;
        process.stderr.write(`  ${label.padEnd(24)} ${TOOL_TITLES[tool].padEnd(28)} ${String(run.durationMs).padStart(6)} ms  ${verdict}\n`);
      }
      return runs;
    });

  // Clean server, then one server per fault.
  process.stderr.write(`bench/peers: profiles ${profiles.join(', ')}; tools ${runnable.join(', ')}\n`);
  const clean = await runAll('clean', [], profiles);
  const { operations, resources } = loadSpecs(join(repoRoot, 'specs'));
  const faultRows: FaultRow[] = [];
  for (const fault of FAULTS) {
    if (args.faults && !args.faults.includes(fault.name)) continue;
    const applies = profiles.filter((p) => operations.some((o) => o.profile === p && faultApplies(fault, o, resources.filter((r) => r.profile === p))));
    const runs = await runAll(fault.name, [fault.name], profiles);
    const cells: FaultRow['cells'] = {};
    for (const tool of tools) cells[tool] = judge(clean[tool], runs[tool], toolInfo.get(tool)?.unavailable);
    faultRows.push({ name: fault.name, check: fault.check, description: fault.description, profiles: applies, cells });
  }

  // Wall time per profile on the clean server.
  const timings: TimingRow[] = [];
  for (const profile of profiles) {
    const samples: Partial<Record<ToolId, number[]>> = {};
    const tests: TimingRow['tests'] = {};
    const problems: Partial<Record<ToolId, string>> = {};
    for (let rep = 0; rep < args.reps; rep++) {
      const runs = await runAll(`time-${profile}-${rep + 1}`, [], [profile]);
      for (const [tool, run] of Object.entries(runs) as [ToolId, ToolRun][]) {
        if (run.problem) problems[tool] = run.problem;
        else (samples[tool] ??= []).push(run.durationMs);
        if (run.tests !== undefined) tests[tool] = run.tests;
      }
    }
    const ms: TimingRow['ms'] = {};
    for (const tool of tools) {
      const s = samples[tool];
      ms[tool] = s && s.length > 0 ? median(s) : (toolInfo.get(tool)?.unavailable ?? problems[tool] ?? 'no run');
    }
    timings.push({ profile, ms, tests });
  }

  const notes = [
    'Peers read the contracts as `callconform build` writes them: no document is adapted for a tool.',
    'Peer runs target the server root; the calls the documents\' path examples name are created first through the provider-state endpoint (`POST /_callconform/state`, `params.callId`).',
    'Specmatic runs with `SCHEMA_EXAMPLE_DEFAULT=true`, so the requests it generates use the path values the documents\' schema examples give instead of random ids. Where the docs show every part of an exchange (graph-beta updateMetadata and its deprecated path, genesys-v2 updateUserData samples 1 and 2), Specmatic runs the named documented examples instead of generated requests.',
    "Dredd's hooks skip the non-2xx transactions (Dredd resends the valid request for them) and judge 2xx bodies by the contract's schema (`transaction.expected.bodySchema`): Dredd 14's OpenAPI 3 reader passes no schema to its validator and would otherwise require every key of the example, or of a body it generates with every property.",
    "Specmatic's generative mode fails on the clean server by its reading of the documents, not by a deviation of the server: (1) the pages describe no error body, so the error responses carry no `content`, which Specmatic takes as \"no body\" and fails the reference's error bodies (R1002); (2) where the docs name no 400 (graph-beta updateMetadata: no documented constraint beyond types), a malformed body is expected to get the first documented 4xx (401) and gets 400 (R0002); (3) a request without Content-Type gets 415, a platform convention the pages do not list (R0002). A fault counts for it only through failures its clean run did not have.",
    'CometD notifications (faults no-notification, wrong-channel, userdata-replaced) are outside what an OpenAPI or HTTP Pact description can express; only `verify` subscribes.',
    `Logs of every run: bench/peers/.work/logs/<fault>/<tool>.log (git-ignored).`,
  ];
  const cpu = cpus()[0]?.model ?? 'cpu';
  const page = renderResults({
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} × ${cpu.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    tools: tools.map((t) => toolInfo.get(t)).filter((t): t is ToolInfo => t !== undefined),
    clean,
    faults: faultRows,
    timings,
    reps: args.reps,
    notes,
    command: `npx tsx bench/peers/run.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
    totalMs: performance.now() - t0,
  });
  writeFileAtomic(join(benchDir, 'results.md'), page);
  process.stdout.write(page);
}

try {
  await main();
} catch (err) {
  process.stderr.write(`bench/peers: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
}

