/**
 * Which interactions can share one Pact mock server. The mock server answers a request with the
 * first registered interaction the request fully matches; two interactions share a server only
 * when neither's example request can match the other's expectation. What Pact compares:
 * - the path never tells two interactions apart: it carries a provider-state generator, whose
 *   matcher is `type` (any string matches);
 * - extra request headers are allowed, so headers do not either (the 401 interaction's request
 *   lacks Authorization, the success request would match its expectation);
 * - the method does, and the JSON body does: request bodies are registered as plain values
 *   (exact match, no unexpected keys), but an interaction without a body accepts any body.
 * So within one batch every interaction of a method has a body, and all those bodies differ.
 * Asynchronous messages run no mock server: each is a batch of its own.
 *
 * Batches stay small: the mock server matches every request against every interaction it holds,
 * so a batch costs time quadratic in its size (64 interactions of graph-full: 0.25 s in batches of
 * 4, 0.38 s of 8, 1.1 s of 16; docs/performance.md).
 */
import canonicalize from 'canonicalize';
import type { HttpInteraction, Interaction } from './pact-plan.js';

/** What an interaction's expectation matches on: its method and body (`undefined`: any body). */
function requestKey(i: HttpInteraction): { method: string; body?: string } {
  const body = i.request.body === undefined ? undefined : `${i.request.contentType ?? 'application/json'} ${canonicalize(i.request.body) ?? ''}`;
  return { method: i.request.method.toUpperCase(), ...(body !== undefined ? { body } : {}) };
}

/** Interactions per mock server at most. */
export const MAX_BATCH = 4;

interface Batch {
  interactions: HttpInteraction[];
  /** Per method: the bodies registered, or `null` once an interaction without a body is. */
  bodies: Map<string, Set<string> | null>;
}

function fits(batch: Batch, key: { method: string; body?: string }, maxSize: number): boolean {
  if (batch.interactions.length >= maxSize) return false;
  const bodies = batch.bodies.get(key.method);
  if (bodies === undefined) return true;
  return bodies !== null && key.body !== undefined && !bodies.has(key.body);
}

function add(batch: Batch, i: HttpInteraction, key: { method: string; body?: string }): void {
  batch.interactions.push(i);
  if (key.body === undefined) batch.bodies.set(key.method, null);
  else (batch.bodies.get(key.method) ?? batch.bodies.set(key.method, new Set()).get(key.method)!).add(key.body);
}

/** The interactions in batches (first fit, plan order kept inside each); each batch can run on one mock server. */
export function mockServerBatches(interactions: readonly Interaction[], maxSize = MAX_BATCH): Interaction[][] {
  const batches: Batch[] = [];
  const alone: Interaction[][] = [];
  for (const i of interactions) {
    if (i.kind !== 'http') {
      alone.push([i]);
      continue;
    }
    const key = requestKey(i);
    let batch = batches.find((b) => fits(b, key, maxSize));
    if (!batch) batches.push((batch = { interactions: [], bodies: new Map() }));
    add(batch, i, key);
  }
  return [...batches.map((b) => b.interactions), ...alone];
}
