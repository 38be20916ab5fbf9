import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSpecs, driftExitCode, summarize, type Change } from '../../src/drift/diff.js';
import type { OperationSpec, Spec } from '../../src/spec/model.js';
import { baseOperation, baseResource, edited } from './fixtures.js';

/** A spec built from generated choices, so properties cover many shapes of operation. */
const arbOperation: fc.Arbitrary<OperationSpec> = fc
  .record({
    maxLength: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    enumValues: fc.subarray(['fast', 'slow', 'medium', 'off'], { minLength: 0 }),
    modeRequired: fc.boolean(),
    extraParam: fc.boolean(),
    prose: fc.option(fc.constantFrom(200, 201, 202, 204), { nil: undefined }),
    example: fc.option(fc.constantFrom(200, 201, 202, 204), { nil: undefined }),
    location: fc.boolean(),
    deprecatedPath: fc.boolean(),
    headers: fc.subarray(['Authorization', 'Content-Type', 'X-Trace']),
    notification: fc.boolean(),
    notificationType: fc.constantFrom('Frobbed', 'Changed'),
    summary: fc.constantFrom('Frob the widget.', 'Frobs the widget gently.', 'Frob  the\nwidget.'),
    scopes: fc.subarray(['Widgets.Frob.All', 'Widgets.ReadWrite.All', 'Widgets.All'], { minLength: 1 }),
  })
  .map((c) =>
    edited(baseOperation(), (s) => {
      const ctx = s.request.body!.parameters[0]!;
      if (c.maxLength === undefined) delete ctx.maxLength;
      else ctx.maxLength!.value = c.maxLength;
      const mode = s.request.body!.parameters[1]!;
      mode.required = c.modeRequired;
      if (c.enumValues.length === 0) delete mode.enum;
      else mode.enum!.values = c.enumValues;
      if (!c.extraParam) s.request.body!.parameters.splice(2, 1);
      const status = (code: number | undefined, line: number) => (code === undefined ? undefined : { code, source: { file: 'docs/widget-frob.md', line }, level: 'MUST' as const });
      const prose = status(c.prose, 50);
      const example = status(c.example, 80);
      if (prose) s.response.statusFromProse = prose;
      else delete s.response.statusFromProse;
      if (example) s.response.statusFromExample = example;
      else delete s.response.statusFromExample;
      if (!c.location) s.response.headers = [];
      if (!c.deprecatedPath) s.paths.pop();
      s.request.headers = s.request.headers.filter((h) => c.headers.includes(h.name));
      if (!c.notification) s.notifications = [];
      else s.notifications[0]!.notificationType = c.notificationType;
      s.summary = c.summary;
      s.permissions[0]!.scopes = c.scopes;
    }),
  );

/** The same spec with every source line moved and every file renamed. */
function moved<T extends Spec>(spec: T, shift: number): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) {
        if (k === 'line' && typeof inner === 'number') out[k] = inner + shift;
        else if (k === 'file' && typeof inner === 'string') out[k] = `moved/${inner}`;
        else out[k] = walk(inner);
      }
      return out;
    }
    return v;
  };
  return walk(spec) as T;
}

const flip = (c: Change): string => {
  const change = c.change === 'added' ? 'removed' : c.change === 'removed' ? 'added' : 'changed';
  return `${c.profile}/${c.subject} ${c.fact} ${change} ${c.change === 'changed' ? `${c.new}→${c.old}` : (c.old ?? c.new)}`;
};
const id = (c: Change): string => `${c.profile}/${c.subject} ${c.fact} ${c.change} ${c.change === 'changed' ? `${c.old}→${c.new}` : (c.new ?? c.old)}`;

describe('diffSpecs', () => {
  it('finds no change between a spec and itself', () => {
    fc.assert(
      fc.property(arbOperation, (spec) => {
        expect(diffSpecs([spec, baseResource()], [structuredClone(spec), baseResource()])).toEqual([]);
      }),
    );
  });

  it('ignores source line moves and renamed files entirely', () => {
    fc.assert(
      fc.property(arbOperation, fc.integer({ min: -10, max: 500 }), (spec, shift) => {
        expect(diffSpecs([spec], [moved(spec, shift)])).toEqual([]);
      }),
    );
  });

  it('is symmetric: NEW→OLD reports the same facts with added and removed swapped', () => {
    fc.assert(
      fc.property(arbOperation, arbOperation, (a, b) => {
        const forward = diffSpecs([a], [b]).map(flip).sort();
        const backward = diffSpecs([b], [a]).map(id).sort();
        expect(backward).toEqual(forward);
      }),
    );
  });

  it('classifies every change, cites a source on each side, and is deterministic', () => {
    fc.assert(
      fc.property(arbOperation, arbOperation, (a, b) => {
        const changes = diffSpecs([a], [b]);
        expect(diffSpecs([a], [b])).toEqual(changes);
        for (const c of changes) {
          expect(c.rule).not.toBe('unclassified-change');
          expect(c.class === 'breaking').toBe(c.breaks.length > 0);
          expect(c.oldSource).not.toBeNull();
          expect(c.newSource).not.toBeNull();
        }
      }),
    );
  });

  it('reports a removed parameter once, not once per detail', () => {
    const changes = diffSpecs([baseOperation()], [edited(baseOperation(), (s) => s.request.body!.parameters.splice(1, 1))]);
    expect(changes.map((c) => [c.rule, c.fact, c.old])).toEqual([['parameter-removed', 'request.body.mode', 'mode (string, required)']]);
  });

  it('an added enum value cites the old enum line as its old source', () => {
    const [change] = diffSpecs([baseOperation()], [edited(baseOperation(), (s) => s.request.body!.parameters[1]!.enum!.values.push('medium'))]);
    expect(change?.oldSource).toEqual({ file: 'docs/widget-frob.md', line: 45 });
    expect(change?.newSource).toEqual({ file: 'docs/widget-frob.md', line: 45 });
    expect([change?.old, change?.new]).toEqual([null, 'medium']);
  });

  it('drops a description edit that only restates a constraint change, keeps one that says more', () => {
    const restated = diffSpecs(
      [baseOperation()],
      [
        edited(baseOperation(), (s) => {
          const p = s.request.body!.parameters[0]!;
          p.maxLength!.value = 128;
          p.description = 'Unique client context string. Max limit is 128 chars.';
        }),
      ],
    );
    expect(restated.map((c) => c.rule)).toEqual(['max-length-lowered']);
    const more = diffSpecs(
      [baseOperation()],
      [
        edited(baseOperation(), (s) => {
          const p = s.request.body!.parameters[0]!;
          p.maxLength!.value = 128;
          p.description = 'Opaque client context string. Max limit is 128 chars.';
        }),
      ],
    );
    expect(more.map((c) => c.rule)).toEqual(['description-changed', 'max-length-lowered']);
  });

  it('shows a contradictory status per origin', () => {
    const [change] = diffSpecs([baseOperation()], [edited(baseOperation(), (s) => (s.response.statusFromExample = { code: 200, reason: 'OK', source: { file: 'd', line: 80 }, level: 'MUST' }))]);
    expect([change?.rule, change?.old, change?.new]).toEqual(['success-status-changed', '202 Accepted', '202 Accepted (prose), 200 OK (example)']);
  });

  it('pairs an operation whose id changed by method and path, and diffs its facts', () => {
    const changes = diffSpecs([baseOperation()], [edited(baseOperation(), (s) => ((s.operation = 'frob'), (s.method.value = 'POST'), (s.errors = [])))]);
    expect(changes.map((c) => [c.rule, c.subject, c.old, c.new])).toEqual([
      ['operation-renamed', 'frob', 'frobWidget', 'frob'],
      ['error-response-removed', 'frob', '401', null],
      ['error-response-removed', 'frob', '404', null],
    ]);
  });

  it('does not pair operations in different profiles', () => {
    const changes = diffSpecs([baseOperation()], [edited(baseOperation(), (s) => (s.profile = 'other'))]);
    expect(changes.map((c) => c.rule).sort()).toEqual(['operation-added', 'operation-removed']);
  });

  it('summarizes and picks the exit code by --fail-on', () => {
    const changes = diffSpecs([baseOperation()], [edited(baseOperation(), (s) => ((s.summary = 'Other.'), s.request.body!.parameters[1]!.enum!.values.pop()))]);
    expect(summarize(changes)).toEqual({ changes: 2, breaking: 1, nonBreaking: 1, breaksClients: 1, breaksImplementations: 0 });
    expect(driftExitCode(changes, 'breaking')).toBe(1);
    expect(driftExitCode(changes, 'none')).toBe(0);
    const benign = changes.filter((c) => c.class === 'non-breaking');
    expect(driftExitCode(benign, 'breaking')).toBe(0);
    expect(driftExitCode(benign, 'any')).toBe(1);
    expect(driftExitCode([], 'any')).toBe(0);
  });
});
