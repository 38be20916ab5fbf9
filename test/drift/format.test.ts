import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../src/drift/diff.js';
import { driftReport, formatReport } from '../../src/drift/format.js';
import { baseOperation, edited } from './fixtures.js';

const changes = diffSpecs(
  [baseOperation()],
  [
    edited(baseOperation(), (s) => {
      s.request.body!.parameters[0]!.maxLength!.value = 128;
      s.request.headers[1]!.value = 'application/json | text/plain';
      s.summary = 'Frob it.';
    }),
  ],
);
const report = driftReport('old.md', 'new.md', changes, 'breaking', '9.9.9');

describe('drift formats', () => {
  it('text: one block per change, grouped by operation, with both sources and why it breaks', () => {
    const text = formatReport(report, 'text');
    expect(text).toBe(
      [
        'drift old.md → new.md',
        '',
        'demo/frobWidget',
        '  non-breaking: description changed [description-changed]',
        '    summary: Frob the widget. → Frob it.',
        '    old docs/widget-frob.md:30  new docs/widget-frob.md:30',
        '  BREAKING for clients and implementations: documented header value changed [header-value-changed]',
        '    request.headers.Content-Type.value: application/json → application/json | text/plain',
        '    old docs/widget-frob.md:37  new docs/widget-frob.md:37',
        '    why: Added: clients must send the stated value. Removed: implementations must accept other values. Changed: both sides send or expect something else.',
        '  BREAKING for clients: maxLength lowered [max-length-lowered]',
        '    request.body.clientContext.maxLength: 256 → 128',
        '    old docs/widget-frob.md:44  new docs/widget-frob.md:44',
        '    why: Values between the new and the old limit were valid and are rejected now: clients that send them break. (A limit where there was none counts as lowered.)',
        '',
        '3 changes: 2 breaking (2 for clients, 1 for implementations), 1 non-breaking',
        '',
      ].join('\n'),
    );
  });

  it('json: the report as data', () => {
    const parsed = JSON.parse(formatReport(report, 'json')) as typeof report;
    expect(parsed.tool).toEqual({ name: 'callconform', version: '9.9.9' });
    expect(parsed.summary).toEqual({ changes: 3, breaking: 2, nonBreaking: 1, breaksClients: 2, breaksImplementations: 1 });
    expect(parsed.changes[2]).toMatchObject({ rule: 'max-length-lowered', old: '256', new: '128', oldSource: { file: 'docs/widget-frob.md', line: 44 } });
  });

  it('markdown: a table whose cells escape pipes, and the reasons below', () => {
    const md = formatReport(report, 'markdown');
    expect(md).toContain('| class | operation | fact | old | new | rule | sources (old · new) |');
    expect(md).toContain('`application/json \\| text/plain`');
    for (const line of md.split('\n').filter((l) => l.startsWith('| **breaking**') || l.startsWith('| non-breaking'))) {
      expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(9);
    }
    expect(md).toContain('- `max-length-lowered` — Values between the new and the old limit');
  });

  it('says so when nothing changed', () => {
    const empty = driftReport('a', 'b', [], 'breaking', '1');
    expect(formatReport(empty, 'text')).toBe('drift a → b\n\nno changes\n');
    expect(formatReport(empty, 'markdown')).toBe('### callconform drift: no changes\n\n`a` → `b`\n\n');
  });
});
