import { describe, expect, it } from 'vitest';
import { checkDecisions } from '../../src/compile/decisions-gate.js';
import { demoDecision, demoFinding, demoSet } from './fixtures.js';

const ops = demoSet().operations;

describe('decisions gate', () => {
  it('passes when every error-level finding has a decision and every decision a finding', () => {
    expect(checkDecisions([demoFinding, { ...demoFinding, id: 'x/demo/tuneWidget', severity: 'warning' }], [demoDecision], ops)).toEqual([]);
  });

  it('refuses an error-level finding without decision, naming it and its source', () => {
    const problems = checkDecisions([demoFinding], [], ops);
    expect(problems.map((p) => p.kind)).toEqual(['unresolved-finding', 'unresolved-status']);
    expect(problems[0]!.message).toContain('status-prose-vs-example/demo/tuneWidget');
    expect(problems[0]!.source).toEqual(demoFinding.source);
  });

  it('refuses a stale decision (its finding no longer exists), citing the decision', () => {
    const problems = checkDecisions([], [demoDecision], ops);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'stale-decision', subject: demoDecision.finding, source: demoDecision.source });
  });

  it('refuses a decision about another operation than its finding', () => {
    const problems = checkDecisions([demoFinding], [{ ...demoDecision, operation: 'demo2/tagCall' }], ops);
    expect(problems.map((p) => p.kind)).toContain('wrong-operation');
  });
});
