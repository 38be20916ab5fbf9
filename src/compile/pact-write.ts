/**
 * Write a pact with Pact's own V4 consumer DSL: every planned interaction is registered and
 * exercised against Pact's mock server, so the file is exactly what Pact writes. The file is
 * written into a fresh temporary folder (Pact merges into an existing file) and returned.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { Agent, fetch } from 'undici';
import type { HttpInteraction, MatcherTree, MessageInteraction, PactPlan } from './pact-plan.js';
import { PactMatcher } from './pact-plan.js';

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

async function addHttp(pact: PactV4, i: HttpInteraction): Promise<void> {
  const given = pact.addInteraction();
  let builder = (i.state ? given.given(i.state.name, i.state.params) : given).uponReceiving(i.description);
  for (const c of i.comments) builder = builder.comment(c);
  const reqHeaders = toPactDsl(i.request.headers) as Record<string, string>;
  const status = i.response.statusClass ? MatchersV3.matchStatus(i.response.status, i.response.statusClass as never) : i.response.status;
  await builder
    .withRequest(i.request.method, MatchersV3.fromProviderState(i.request.pathExpression, i.request.path), (b) => {
      if (i.request.body !== undefined) b.headers({ ...reqHeaders, 'Content-Type': i.request.contentType ?? 'application/json' }).jsonBody(i.request.body);
      else b.headers(reqHeaders);
    })
    .willRespondWith(status, (b) => {
      if (Object.keys(i.response.headers).length) b.headers(toPactDsl(i.response.headers) as Record<string, string>);
      if (i.response.body !== undefined) b.jsonBody(toPactDsl(i.response.body));
    })
    .executeTest(async (server) => {
      // A fresh connection per interaction: each runs its own mock server, often on a port the
      // previous one just released, and a pooled keep-alive socket would reach the dead one.
      const dispatcher = new Agent({ pipelining: 0 });
      const res = await fetch(`${server.url}${i.request.path}`, {
        dispatcher,
        method: i.request.method,
        headers: {
          ...exampleHeaders(i.request.headers),
          ...(i.request.body !== undefined ? { 'Content-Type': i.request.contentType ?? 'application/json' } : {}),
        },
        ...(i.request.body !== undefined ? { body: JSON.stringify(i.request.body) } : {}),
      });
      await res.arrayBuffer();
      await dispatcher.close();
      if (res.status !== i.response.status) throw new Error(`pact mock server answered ${res.status} to "${i.description}", expected ${i.response.status}`);
    });
}

async function addMessage(pact: PactV4, i: MessageInteraction): Promise<void> {
  const given = pact.addAsynchronousInteraction();
  let builder = i.state ? given.given(i.state.name, i.state.params) : given;
  for (const c of i.comments) builder = builder.comment(c);
  await builder
    .expectsToReceive(i.description, (b) => {
      b.withJSONContent(toPactDsl(i.content)).withMetadata(i.metadata);
    })
    .executeTest(async (message) => {
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

/** Run the plan through Pact and return the pact file's text exactly as Pact wrote it. */
export async function writePact(plan: PactPlan): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'callconform-pact-'));
  try {
    const pact = new PactV4({ consumer: plan.consumer, provider: plan.provider, dir, logLevel: 'error' });
    for (const i of plan.interactions) {
      if (i.kind === 'http') await withRaceRetry(() => addHttp(pact, i));
      else await addMessage(pact, i);
    }
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    if (files.length !== 1) throw new Error(`Pact wrote ${files.length} files for ${plan.provider}`);
    return readFileSync(join(dir, files[0]!), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
