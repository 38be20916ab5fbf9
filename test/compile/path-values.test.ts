import { describe, expect, it } from 'vitest';
import { documentedResourceId, pathValues } from '../../src/compile/path-values.js';
import { demoSet, tagCall, tuneWidget } from './fixtures.js';

describe('path values of the documented exchange', () => {
  it('takes the id of the resource acted on from the documented Location, for every path of the operation', () => {
    expect(pathValues(tuneWidget, '/things/widgets/{wid}/tune')).toEqual(new Map([['wid', { value: 'w-123', source: tuneWidget.response.headers[0]!.source }]]));
    expect(documentedResourceId(tuneWidget, '/legacy/widgets/{wid}/tune')?.value).toBe('w-123');
  });

  it('else from the resource id a documented notification carries', () => {
    expect(pathValues(tagCall, '/v7/calls/{id}').get('id')).toEqual({ value: 'C-1', source: tagCall.notifications[0]!.example!.source });
  });

  it('says when the docs show no value: a placeholder without a source, for other parameters too', () => {
    const op = demoSet().operations.find((o) => o.operation === 'tuneWidget')!;
    op.response.headers = [];
    expect([...pathValues(op, '/things/{group}/widgets/{wid}/tune')]).toEqual([
      ['group', { value: 'example-group' }],
      ['wid', { value: 'example-wid' }],
    ]);
  });
});
