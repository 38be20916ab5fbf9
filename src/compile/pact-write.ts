/**
 * Write a pact with Pact's own V4 consumer DSL: every planned interaction is registered and
 * exercised against Pact's mock server, so the file is exactly what Pact writes. The file is
 * written into a fresh temporary folder (Pact merges into an existing file) and returned.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { Agent, fetch } from 'undici';
import type { HttpInteraction, MatcherTree, MessageInteraction, PactPlan } from './pact-plan.js';
import { PactMatcher } from './pact-plan.js';
import { withTempFolder } from './temp-folder.js';
import { DEFAULT_PACT_TIMEOUT_MS, PactTimeoutError, type PactWriteOptions } from './pact-limits.js';

/** What a registered interaction offers: running a test against it (then Pact writes it). */
interface Registered<Arg> {
  executeTest(test: (arg: Arg) => Promise<unknown>): Promise<unknown>;
}
type RegisteredHttp = Registered<{ url: string }>;
type RegisteredMessage = Registered<{ contents?: unknown }>;

/** Plan matchers → Pact DSL matchers. */
export function toPactDsl(tree: MatcherTree): unknown {
  if (tree instanceof PactMatcher) {
    switch (tree.match) {
      case 'type':
        return MatchersV3.like(tree.value);
      case 'regex':
        return MatchersV3.regex(tree.expression ?? '', String(tree.value));
      case 'providerState':
        return MatchersV3.fromProviderState(tree.expression ?? '', tree.value);
    }
  }
  if (Array.isArray(tree)) return tree.map(toPactDsl);
  if (tree !== null && typeof tree === 'object') return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, toPactDsl(v)]));
  return tree;
}

function exampleHeaders(headers: Record<string, string | PactMatcher>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v instanceof PactMatcher ? String(v.value) : v]));
}

/** Register one HTTP interaction in a pact (request and response); nothing is run yet. */
function registerHttp(pact: PactV4, i: HttpInteraction): RegisteredHttp {
  const given = pact.addInteraction();
  let builder = (i.state ? given.given(i.state.name, i.state.params) : given).uponReceiving(i.description);
  for (const c of i.comments) builder = builder.comment(c);
  const reqHeaders = toPactDsl(i.request.headers) as Record<string, string>;
  const status = i.response.statusClass ? MatchersV3.matchStatus(i.response.status, i.response.statusClass as never) : i.response.status;
  return builder
    .withRequest(i.request.method, MatchersV3.fromProviderState(i.request.pathExpression, i.request.path), (b) => {
      if (i.request.body !== undefined) b.headers({ ...reqHeaders, 'Content-Type': i.request.contentType ?? 'application/json' }).jsonBody(i.request.body);
      else b.headers(reqHeaders);
    })
    .willRespondWith(status, (b) => {
      if (Object.keys(i.response.headers).length) b.headers(toPactDsl(i.response.headers) as Record<string, string>);
      if (i.response.body !== undefined) b.jsonBody(toPactDsl(i.response.body));
    });
}

/** Send the interaction's example request to Pact's mock server, which checks it against the interaction. */
async function exerciseHttp(registered: RegisteredHttp, i: HttpInteraction, timeoutMs: number): Promise<void> {
  await registered.executeTest(async (server) => {
    // A fresh connection per interaction: each runs its own mock server, often on a port the
    // previous one just released, and a pooled keep-alive socket would reach the dead one.
    const dispatcher = new Agent({ pipelining: 0 });
    try {
      const res = await fetch(`${server.url}${i.request.path}`, {
        dispatcher,
        method: i.request.method,
        headers: {
          ...exampleHeaders(i.request.headers),
          ...(i.request.body !== undefined ? { 'Content-Type': i.request.contentType ?? 'application/json' } : {}),
        },
        ...(i.request.body !== undefined ? { body: JSON.stringify(i.request.body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      if (res.status !== i.response.status) throw new Error(`pact mock server answered ${res.status} to "${i.description}", expected ${i.response.status}`);
    } catch (err) {
      if (err instanceof Error && err.name === 'TimeoutError') throw new PactTimeoutError(i, timeoutMs);
      throw err;
    } finally {
      await dispatcher.destroy();
    }
  });
}

function registerMessage(pact: PactV4, i: MessageInteraction): RegisteredMessage {
  const given = pact.addAsynchronousInteraction();
  let builder = i.state ? given.given(i.state.name, i.state.params) : given;
  for (const c of i.comments) builder = builder.comment(c);
  return builder.expectsToReceive(i.description, (b) => {
    b.withJSONContent(toPactDsl(i.content)).withMetadata(i.metadata);
  });
}

async function exerciseMessage(registered: RegisteredMessage, i: MessageInteraction): Promise<void> {
  await registered.executeTest(async (message) => {
    if (message.contents === undefined) throw new Error(`pact gave no message for "${i.description}"`);
  });
}

/**
 * Pact's mock server (pact-js 16.3+) can report a request it did receive and answer as "expected
 * but not received" when the machine is busy (pact-foundation/pact-reference#535). The
 * interaction is the same on a retry (Pact keeps one per description and state), so retry that
 * one failure a few times; any other failure is real.
 */
async function withRaceRetry(run: () => Promise<void>, attempts = 4): Promise<void> {
  for (let n = 1; ; n++) {
    try {
      return await run();
    } catch (err) {
      if (n >= attempts || !/expected but not received/.test(String(err))) throw err;
      if (process.env.CALLCONFORM_DEBUG) process.stderr.write(`pact race: retrying (${n})\n`);
    }
  }
}

/** Pact writes into `<tmp>/callconform-pact-<pid>-…`, never into contracts/ directly. */
export const TEMP_PREFIX = 'callconform-pact-';

/** Interactions exercised at once, each against its own mock server. */
const CONCURRENT_INTERACTIONS = 6;

/**
 * Pact's pact handle is private in pact-js; writing every registered interaction at once is
 * what its `executeTest` does after a test, without merging into an existing file.
 */
function writeAll(pact: PactV4, dir: string): void {
  const handle = (pact as unknown as { pact?: { writePactFile?: (dir: string, merge?: boolean) => void } }).pact;
  if (typeof handle?.writePactFile !== 'function') throw new Error('this pact-js version has no pact handle to write from');
  handle.writePactFile(dir, false);
}

/**
 * Run the plan through Pact and return the pact file's text exactly as Pact wrote it.
 *
 * Each interaction is exercised alone (its own pact and mock server, its file discarded): Pact
 * merges every test's interaction into the file it writes, and that merge re-reads and
 * re-checks the whole file each time, which made a profile's build quadratic in its interactions.
 * The file is then written once from one pact holding every interaction.
 */
export async function writePact(plan: PactPlan, options: PactWriteOptions = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PACT_TIMEOUT_MS;
  return withTempFolder(TEMP_PREFIX, async (dir) => {
    const pactOptions = { consumer: plan.consumer, provider: plan.provider, logLevel: 'error' as const };
    // Mock-server round trips mostly wait; a few at once keep the core busy. Each slot has its own
    // scratch folder, as Pact merges into a file of the same name.
    let next = 0;
    let failed = false;
    const slot = async (n: number): Promise<void> => {
      const scratch = join(dir, `exercised-${n}`);
      for (let k = next++; k < plan.interactions.length && !failed; k = next++) {
        const i = plan.interactions[k]!;
        const alone = new PactV4({ ...pactOptions, dir: scratch });
        try {
          if (i.kind === 'http') await withRaceRetry(() => exerciseHttp(registerHttp(alone, i), i, timeoutMs));
          else await exerciseMessage(registerMessage(alone, i), i);
        } catch (err) {
          failed = true;
          throw err;
        }
        rmSync(scratch, { recursive: true, force: true });
      }
    };
    // Every slot has stopped before the folder is removed; the first failure is the one reported.
    const settled = await Promise.allSettled(Array.from({ length: Math.min(CONCURRENT_INTERACTIONS, plan.interactions.length) }, (_, n) => slot(n)));
    const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    const all = new PactV4({ ...pactOptions, dir });
    for (const i of plan.interactions) {
      if (i.kind === 'http') registerHttp(all, i);
      else registerMessage(all, i);
    }
    writeAll(all, dir);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    if (files.length !== 1) throw new Error(`Pact wrote ${files.length} files for ${plan.provider}`);
    return readFileSync(join(dir, files[0]!), 'utf8');
  });
}
