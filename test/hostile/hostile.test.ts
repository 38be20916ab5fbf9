/**
 * Every row of the hostile-target table through a whole certification (in-process `certify`,
 * all checks of the row's profiles): the run ends — within a small multiple of
 * the per-request time limit — with results whose verdicts are fail or error and carry evidence,
 * exit code 1 (3 when nothing listens), nothing fetched off the target's origin, bodies cut at
 * the cap, reports that render and validate, the token nowhere, and no socket or timer left.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/report/result.js';
import { checkReport } from '../../src/report/validate-report.js';
import { writeReports } from '../../src/report/write-reports.js';
import { certify } from '../../src/verify/certify.js';
import { DEFAULTS } from '../../src/verify/options.js';
import type { Inputs } from '../../src/verify/plan.js';
import { loadInputs } from '../../src/verify/load-inputs.js';
import { repoRoot, tempDir } from '../helpers.js';
import { CASES, TIMEOUT_MS } from './cases.js';
import { COMETD_PATH, STATE_PATH } from './servers.js';
import { checkSpawned, spawnRepresentative, type SpawnedRun } from './spawned.js';

const TOKEN = 'hostile-run-token-5f0c8e21';
const ALL_PROFILES = ['graph-beta', 'graph-v1.0', 'genesys-v2'];
/**
 * The bound on a whole run: the longest chain of exchanges one check makes (notification: handshake,
 * request, wait, request, wait, disconnect) is 6 time limits; checks run concurrently, so a run
 * takes about one chain. 8 × the limit leaves room for a loaded 2-core machine.
 */
const runBound = (timeoutMs: number): number => 8 * timeoutMs + 1_000;
/** Handle kinds a run may not leave behind. */
const HANDLE_KINDS = ['TCPSocketWrap', 'TCPServerWrap', 'ConnectWrap', 'Timeout', 'TCPWRAP'];

function handleCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) if (HANDLE_KINDS.includes(kind)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** Handles beyond the baseline, once sockets closed by the run have had time to go. */
async function leftoverHandles(baseline: Map<string, number>): Promise<string[]> {
  let extra: string[] = [];
  for (let i = 0; i < 40; i++) {
    const now = handleCounts();
    extra = [...now].filter(([k, n]) => n > (baseline.get(k) ?? 0)).map(([k, n]) => `${k} ×${n - (baseline.get(k) ?? 0)}`);
    if (extra.length === 0) return [];
    await new Promise((r) => setTimeout(r, 50));
  }
  return extra;
}

function hasEvidence(r: CheckResult): boolean {
  return Boolean(r.evidence.request ?? r.evidence.response);
}

describe('hostile targets: every misbehaviour ends as reported results, in bounded time, without leaks', () => {
  let inputs: Inputs;
  const out = tempDir();
  const timings: string[] = [];
  let spawned: Promise<SpawnedRun[]>;
  let baseline: Map<string, number>;
  beforeAll(() => {
    baseline = handleCounts();
    inputs = loadInputs(join(repoRoot, 'specs'), join(repoRoot, 'contracts'));
    // A few rows through the built CLI, in the background of the in-process table (checked last).
    spawned = spawnRepresentative(join(out.dir, 'spawned'));
  });
  afterAll(() => {
    out.cleanup();
    process.stdout.write(`hostile run times (limit ${TIMEOUT_MS} ms per request unless the row says otherwise, bound 8 × limit + 1 s):\n${timings.join('\n')}\n`);
  });


  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const started = await c.start();
    const { target, canary } = started;
    const url = target.url;
    const t0 = performance.now();
    const outcome = await certify(
      {
        targets: (c.profiles ?? ALL_PROFILES).map((profile) => ({ profile, url, stateUrl: `${url}${STATE_PATH}`, cometdUrl: `${url}${COMETD_PATH}` })),
        token: TOKEN,
        ...(c.only ? { only: c.only } : {}),
        timeoutMs: c.timeoutMs ?? TIMEOUT_MS,
        maxBodyBytes: c.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
        concurrency: DEFAULTS.concurrency,
        specsDir: 'specs',
        contractsDir: 'contracts',
      },
      { inputs },
    );
    const ms = Math.round(performance.now() - t0);
    await target.close();
    await canary?.close();
    timings.push(`  ${String(ms).padStart(5)} ms  ${c.name}`);
    expect(ms, 'whole run within the bound').toBeLessThan(runBound(c.timeoutMs ?? TIMEOUT_MS));

    if (c.exit === 3) {
      expect(outcome.kind).toBe('unreachable');
      expect(outcome.exitCode).toBe(3);
      return;
    }
    if (outcome.kind !== 'done') throw new Error(`expected results, got ${outcome.kind}: ${outcome.reason}`);
    expect(outcome.exitCode).toBe(1);
    const results = outcome.reports.flatMap((r) => r.results);
    expect(results.length).toBeGreaterThan(0);
    expect(outcome.reports.every((r) => r.verdict !== 'conformant')).toBe(true);
    const bad = results.filter((r) => r.verdict === 'fail' || r.verdict === 'error');
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.filter((r) => !hasEvidence(r)).map((r) => r.id), 'fail/error results without evidence').toEqual([]);
    if (c.reported) {
      const shown = bad.filter((r) => c.reported!.test(r.message) && (!c.reportedBy || c.reportedBy.includes(r.check)));
      expect(shown.length, `a ${c.reportedBy?.join('/') ?? ''} result reporting ${c.reported}; got:\n${[...new Set(bad.map((r) => `${r.check}: ${r.message}`))].slice(0, 8).join('\n')}`).toBeGreaterThan(0);
    }
    if (canary) expect(canary.hits, 'requests that reached another origin').toBe(0);
    if (started.streamed) {
      // Cut at the cap: what the server got to write is the cap plus socket buffers, far from 1 GB.
      expect(started.streamed.largest).toBeGreaterThan(c.maxBodyBytes ?? DEFAULTS.maxBodyBytes);
      expect(started.streamed.largest).toBeLessThan(64 * 1024 * 1024);
    }

    // The reports render and validate whatever the target sent, and hold no token.
    const written = writeReports(join(out.dir, String(CASES.indexOf(c))), outcome.reports, { secrets: [TOKEN] });
    for (const w of written) {
      expect(checkReport(JSON.parse(readFileSync(w.reportJson, 'utf8')))).toEqual([]);
      for (const f of [w.reportJson, w.junitXml, w.summaryMd, w.reportHtml]) expect(readFileSync(f, 'utf8')).not.toContain(TOKEN);
      expect(readFileSync(w.reportHtml, 'utf8')).not.toContain('<script>alert(1)</script>');
    }
  });

  it('through the built CLI (a representative few, spawned in the background): each process ends by itself; no handle is left here', async () => {
    const runs = await spawned;
    timings.push(...runs.map((r) => `  ${String(r.exit.ms).padStart(5)} ms  CLI, process start included: ${r.c.name}`));
    checkSpawned(runs);
    // Every row's servers are closed: whatever is still open beyond the baseline was left by callconform.
    expect(await leftoverHandles(baseline), 'handles left open').toEqual([]);
  });
});
