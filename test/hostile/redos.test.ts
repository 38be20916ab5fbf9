/**
 * A contract pattern with catastrophic backtracking (`^(a+)+$`) against a 41-character answer
 * ending in `!`: JavaScript's engine would take minutes and hold the event loop, so no
 * `--timeout` could stop it. Contract patterns run in RE2JS (linear time): the answer is judged
 * at once, through the built CLI.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { repoRoot, spawnCli, tempDir } from '../helpers.js';
import * as S from './servers.js';

const out = tempDir();
afterAll(() => out.cleanup());

/** The packaged contracts, with `clientContext` of updateRecordingStatus's answer constrained by `pattern`. */
function contractsWithPattern(name: string, pattern: string): string {
  const contracts = join(out.dir, name);
  cpSync(join(repoRoot, 'contracts'), contracts, { recursive: true });
  const file = join(contracts, 'schemas/graph-v1.0/updateRecordingStatus.response.schema.json');
  const schema = JSON.parse(readFileSync(file, 'utf8')) as { properties: Record<string, unknown> };
  schema.properties.clientContext = { type: 'string', pattern };
  writeFileSync(file, JSON.stringify(schema));
  return contracts;
}

/** verify of updateRecordingStatus's response-schema check against a target whose answer carries `clientContext`. */
async function verifyAgainst(contracts: string, clientContext: string): Promise<Awaited<ReturnType<typeof spawnCli>>> {
  const target = await S.httpServer(S.withState((_req, res) => S.json(res, 200, { '@odata.type': '#microsoft.graph.updateRecordingStatusOperation', id: 'op-1', status: 'completed', clientContext })));
  try {
    const args = ['verify', '--target', target.url, '--state-url', `${target.url}${S.STATE_PATH}`, '--profile', 'graph-v1.0', '--operation', 'updateRecordingStatus', '--only', 'response-schema'];
    return await spawnCli([...args, '--contracts', contracts, '--timeout', '2000', '--reports', join(contracts, '..', 'reports')], { guardMs: 30_000 });
  } finally {
    await target.close();
  }
}

it('verify judges a ReDoS pattern against a 41-character answer within the time limit', async () => {
  const t0 = performance.now();
  const run = await verifyAgainst(contractsWithPattern('redos', '^(a+)+$'), `${'a'.repeat(40)}!`);
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1);
  expect(performance.now() - t0).toBeLessThan(30_000);
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/graph-v1\.0\s+nonconformant/);
});

it('verify refuses a contract pattern RE2 cannot run in linear time (a backreference), naming the schema file', async () => {
  const run = await verifyAgainst(contractsWithPattern('backref', '^(a+)\\1$'), 'aa');
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).toMatch(/^callconform: .*updateRecordingStatus\.response\.schema\.json:1: .*invalid escape sequence/);
});
