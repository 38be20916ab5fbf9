/**
 * mockServerBatches on the plan of a real extracted operation (the seed graph-v1.0 spec): no two
 * interactions in one batch can match each other's expectation (method and body decide, see the
 * module), no batch is larger than MAX_BATCH, and every interaction is in exactly one batch.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { MAX_BATCH, mockServerBatches } from '../../src/compile/mock-server-batches.js';
import { planPact, type HttpInteraction, type Interaction } from '../../src/compile/pact-plan.js';
import { loadSpecs } from '../../src/spec/yaml-io.js';

const set = loadSpecs('specs');
const plan = planPact('graph-v1.0', set.operations.filter((o) => o.profile === 'graph-v1.0'), set.resources, []);
const http = plan.interactions.filter((i): i is HttpInteraction => i.kind === 'http');

function conflict(a: HttpInteraction, b: HttpInteraction): boolean {
  if (a.request.method !== b.request.method) return false;
  if (a.request.body === undefined || b.request.body === undefined) return true;
  return canonicalize(a.request.body) === canonicalize(b.request.body);
}

function checkBatches(interactions: Interaction[]): void {
  const batches = mockServerBatches(interactions);
  expect(batches.flat().sort((a, b) => interactions.indexOf(a) - interactions.indexOf(b))).toEqual(interactions);
  for (const batch of batches) {
    expect(batch.length).toBeLessThanOrEqual(MAX_BATCH);
    const h = batch.filter((i): i is HttpInteraction => i.kind === 'http');
    if (h.length < batch.length) expect(batch).toHaveLength(1);
    for (const [n, a] of h.entries()) for (const b of h.slice(n + 1)) expect(conflict(a, b), `${a.description} / ${b.description}`).toBe(false);
  }
}

describe('mockServerBatches', () => {
  it('keeps apart the requests a mock server could confuse (same body, or no body, under one method), on the seed plan', () => {
    // The seed plan has a success and a 401 interaction with the same body: never together.
    expect(http.some((a) => http.some((b) => a !== b && conflict(a, b)))).toBe(true);
    checkBatches(plan.interactions);
    expect(mockServerBatches(plan.interactions).length).toBeLessThan(plan.interactions.length);
  });

  it('holds for any mix of methods and bodies', () => {
    const base = http[0]!;
    const arb = fc.array(fc.record({ method: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE'), body: fc.option(fc.constantFrom({}, { a: 1 }, { a: '1' }, { b: [1] }), { nil: undefined }) }), { maxLength: 40 });
    fc.assert(
      fc.property(arb, (reqs) => {
        const interactions = reqs.map((r, n): Interaction => ({ ...base, description: `i${n}`, request: { ...base.request, method: r.method, ...(r.body !== undefined ? { body: r.body as HttpInteraction['request']['body'] } : { body: undefined }) } }));
        checkBatches(interactions);
      }),
    );
  });
});
