/**
 * Write a pact with Pact's own V4 consumer DSL: every planned interaction is registered and
 * exercised against Pact's mock server, so the file is exactly what Pact writes. The file is
 * written into a fresh temporary folder (Pact merges into an existing file) and returned.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { Agent, fetch, request, type Dispatcher } from 'undici';
import type { HttpInteraction, MatcherTree, MessageInteraction, PactPlan } from './pact-plan.js';
import { PactMatcher } from './pact-plan.js';
import { withTempFolder } from './temp-folder.js';
import { DEFAULT_PACT_TIMEOUT_MS, PactRequestError, PactTimeoutError, type PactWriteOptions } from './pact-limits.js';
import { mockServerBatches } from './mock-server-batches.js';

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

/** What an example request's answer gives back: its status, once the body is read. */
type Send = (url: string, init: { dispatcher: Agent; method: string; headers: Record<string, string>; body?: string; signal: AbortSignal }) => Promise<number>;

// A documented redirect (a 302 to the file's download host) is the answer itself, never followed.
const viaFetch: Send = async (url, init) => {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  await res.arrayBuffer();
  return res.status;
};

/** fetch refuses a GET or HEAD with a body, which a page may document; undici's `request` sends it. */
const viaRequest: Send = async (url, { method, ...init }) => {
  const res = await request(url, { ...init, method: method as Dispatcher.HttpMethod });
  await res.body.arrayBuffer();
  return res.statusCode;
};

/** Send one interaction's example request to the mock server, which checks it against the interaction. */
async function sendExample(url: string, i: HttpInteraction, dispatcher: Agent, timeoutMs: number): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  const send = i.request.body !== undefined && ['GET', 'HEAD'].includes(i.request.method.toUpperCase()) ? viaRequest : viaFetch;
  try {
    const status = await send(`${url}${i.request.path}`, {
      dispatcher,
      method: i.request.method,
      headers: {
        ...exampleHeaders(i.request.headers),
        ...(i.request.body !== undefined ? { 'Content-Type': i.request.contentType ?? 'application/json' } : {}),
      },
      ...(i.request.body !== undefined ? { body: JSON.stringify(i.request.body) } : {}),
      signal,
    });
    if (status !== i.response.status) throw new PactRequestError(i, `Pact's mock server answered ${status} to "${i.description}", expected ${i.response.status} (the interaction Pact registered from this spec does not accept the request made from it)`);
  } catch (err) {
    if (signal.aborted) throw new PactTimeoutError(i, timeoutMs);
    const cause = (err as { cause?: unknown }).cause;
    if (err instanceof PactRequestError) throw err;
    throw new PactRequestError(i, `sending "${i.description}" (${i.request.method} ${i.request.path}) to Pact's mock server failed: ${String(err)}${cause ? ` (${String(cause)})` : ''}`);
  }
}

/** Requests in flight at once against one mock server. */
const REQUESTS_PER_SERVER = 8;

/**
 * Run one batch (see `mock-server-batches.ts`) on one mock server: the last registration starts
 * the server for every interaction of the pact, and the test sends each example request.
 */
async function exerciseHttpBatch(pact: PactV4, batch: HttpInteraction[], timeoutMs: number): Promise<void> {
  const registered = batch.map((i) => registerHttp(pact, i));
  await registered[registered.length - 1]!.executeTest(async (server) => {
    // A fresh connection pool per mock server: it often listens on a port another just released,
    // and a pooled keep-alive socket would reach the dead one.
    const dispatcher = new Agent({ pipelining: 0 });
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let k = next++; k < batch.length; k = next++) await sendExample(server.url, batch[k]!, dispatcher, timeoutMs);
    };
    try {
      await Promise.all(Array.from({ length: Math.min(REQUESTS_PER_SERVER, batch.length) }, worker));
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
 * but not received" when the machine is busy (pact-foundation/pact-reference#535). A retry
 * registers the same interactions in a fresh pact, so retry that one failure a few times; any
 * other failure is real.
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

/** Batches exercised at once, each against its own mock server. */
const CONCURRENT_BATCHES = 4;

/**
 * Pact's pact handle is private in pact-js; writing every registered interaction at once is
 * what its `executeTest` does after a test, without merging into an existing file.
 */
function writeAll(pact: PactV4, dir: string): void {
  const handle = (pact as unknown as { pact?: { writePactFile?: (dir: string, merge?: boolean) => void } }).pact;
  if (typeof handle?.writePactFile !== 'function') throw new Error('this pact-js version has no pact handle to write from');
  handle.writePactFile(dir, false);
}

/** An operation whose interactions Pact's mock server could not take, and why (the first such interaction's error). */
export interface LeftOutOperation {
  operation: string;
  reason: string;
}

export interface WrittenPact {
  /** The pact file's text exactly as Pact wrote it. */
  text: string;
  /** Operations left out of it: one interaction Pact's mock server could not take leaves out its operation's. */
  leftOut: LeftOutOperation[];
}

const isPactRefusal = (err: unknown): err is PactRequestError | PactTimeoutError => err instanceof PactRequestError || err instanceof PactTimeoutError;

function reasonOf(err: PactRequestError | PactTimeoutError): string {
  return err instanceof PactTimeoutError ? `${err.message} (headers such as Content-Length that contradict the body make Pact wait forever)` : err.message;
}

/**
 * Run the plan through Pact and return the pact file's text exactly as Pact wrote it.
 *
 * The interactions are exercised in batches that one mock server can tell apart
 * (`mock-server-batches.ts`), each batch in its own pact whose file is discarded: Pact merges
 * every test's interactions into the file it writes, and that merge re-reads and re-checks the
 * whole file each time, which made a profile's build quadratic in its interactions. The file is
 * then written once from one pact holding every interaction, in plan order.
 *
 * An interaction Pact's mock server cannot take (a request it never answers, or answers otherwise
 * than planned) leaves out its operation, not the profile: a batch that fails is run again one
 * interaction at a time to find which, and the others are kept.
 */
export async function writePact(plan: PactPlan, options: PactWriteOptions = {}): Promise<WrittenPact> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PACT_TIMEOUT_MS;
  return withTempFolder(TEMP_PREFIX, async (dir) => {
    const pactOptions = { consumer: plan.consumer, provider: plan.provider, logLevel: 'error' as const };
    const batches = mockServerBatches(plan.interactions);
    // Mock-server round trips mostly wait; a few servers at once keep the core busy. Each slot has
    // its own scratch folder, as Pact merges into a file of the same name.
    let next = 0;
    let failed = false;
    const leftOut = new Map<string, string>();
    const slot = async (n: number): Promise<void> => {
      const scratch = join(dir, `exercised-${n}`);
      // A fresh pact per attempt: a retry registers the batch again.
      const exercise = (batch: HttpInteraction[]): Promise<void> => withRaceRetry(() => exerciseHttpBatch(new PactV4({ ...pactOptions, dir: scratch }), batch, timeoutMs));
      for (let k = next++; k < batches.length && !failed; k = next++) {
        const batch = batches[k]!;
        const first = batch[0]!;
        try {
          if (first.kind === 'http') {
            const http = (batch as HttpInteraction[]).filter((i) => !leftOut.has(i.operation));
            if (http.length === 0) continue;
            // A refused batch is run again one interaction at a time; the first refusal names the reason.
            const leaveOut = (operation: string, err: PactRequestError | PactTimeoutError): void => void (leftOut.has(operation) || leftOut.set(operation, reasonOf(err)));
            await exercise(http).catch(async (err: unknown) => {
              if (!isPactRefusal(err)) throw err;
              if (http.length === 1) return leaveOut(err.interaction.operation, err);
              for (const i of http) {
                await exercise([i]).catch((e: unknown) => {
                  if (!isPactRefusal(e)) throw e;
                  leaveOut(i.operation, e);
                });
              }
            });
          } else await exerciseMessage(registerMessage(new PactV4({ ...pactOptions, dir: scratch }), first), first);
        } catch (err) {
          failed = true;
          throw err;
        }
        rmSync(scratch, { recursive: true, force: true });
      }
    };
    // Every slot has stopped before the folder is removed; the first failure is the one reported.
    const settled = await Promise.allSettled(Array.from({ length: Math.min(CONCURRENT_BATCHES, batches.length) }, (_, n) => slot(n)));
    const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    const all = new PactV4({ ...pactOptions, dir });
    for (const i of plan.interactions.filter((x) => !leftOut.has(x.operation))) {
      if (i.kind === 'http') registerHttp(all, i);
      else registerMessage(all, i);
    }
    writeAll(all, dir);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    if (files.length !== 1) throw new Error(`Pact wrote ${files.length} files for ${plan.provider}`);
    return { text: readFileSync(join(dir, files[0]!), 'utf8'), leftOut: [...leftOut].map(([operation, reason]) => ({ operation, reason })) };
  });
}
