/**
 * The body of the answer to a valid request: none when the success status is 204 No Content
 * (RFC 9110 §15.3.5), as alert-update.md documents 204, and 200 with the alert only under
 * `Prefer: return=representation`.
 */
import { describe, expect, it } from 'vitest';
import { successBody } from '../../src/spec/decisions.js';
import { tuneWidget } from '../compile/fixtures.js';

describe('successBody', () => {
  it('is the documented body under a status that carries content', () => {
    const op = structuredClone(tuneWidget);
    op.response.statusFromProse = { ...op.response.statusFromExample! };
    expect(successBody(op, [])).toBe(op.response.body);
  });

  it('is none under 204 No Content, where the body belongs to another documented status', () => {
    const op = structuredClone(tuneWidget);
    op.response.statusFromProse = { code: 204, reason: 'No Content', source: op.response.statusFromExample!.source, level: 'MUST' };
    op.response.statusFromExample = { ...op.response.statusFromProse };
    expect(successBody(op, [])).toBeUndefined();
  });
});
