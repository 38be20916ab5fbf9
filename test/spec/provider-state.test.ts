import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OperationSpec } from '../../src/spec/model.js';
import { providerState, singular, stateParameters } from '../../src/spec/provider-state.js';

const noPlaceholders: Pick<OperationSpec, 'request'> = { request: { headers: [], pathParameters: [] } };
const state = (template: string, spec = noPlaceholders) => providerState(spec, template);

describe('provider states per resource', () => {
  it('names the state after the resources the path names, as Pact names states', () => {
    expect(state('/communications/calls/{id}/updateMetadata')?.name).toBe('a call exists');
    expect(state('/api/v2/me/calls/{id}')?.name).toBe('a call exists');
    expect(state('/communications/calls/{call-id}/participants/{participant-id}/mute')?.name).toBe('a participant exists in a call');
    expect(state('/me/onlineMeetings/{onlineMeeting-id}')?.name).toBe('an onlineMeeting exists');
    expect(state('/users/{user-id}/presence/clearPresence')?.name).toBe('a user exists');
    expect(state('/teams/{team-id}/channels/{channel-id}/messages/{message-id}')?.name).toBe('a message exists in a channel in a team');
  });

  it('a path without parameters needs no state', () => {
    expect(state('/me/onlineMeetings')).toBeUndefined();
  });

  it('answers an id per parameter under <resource>Id, whatever the placeholder is called', () => {
    expect(stateParameters(noPlaceholders, '/communications/calls/{callId}')).toEqual([{ placeholder: 'callId', resource: 'call', key: 'callId' }]);
    expect(stateParameters(noPlaceholders, '/communications/calls/{id}/participants/{id2}').map((p) => p.key)).toEqual(['callId', 'participantId']);
    // A placeholder that follows no collection names its own resource.
    expect(stateParameters(noPlaceholders, '/{widget-id}/tune')).toEqual([{ placeholder: 'widget-id', resource: 'widget', key: 'widgetId' }]);
  });

  it('takes the resource extract recorded for a placeholder over the segment', () => {
    const spec: Pick<OperationSpec, 'request'> = {
      request: { headers: [], pathParameters: ['user-id'], placeholders: [{ name: 'user-id', segment: 'users', resource: 'user', source: { file: 'x.md', line: 1 } }] },
    };
    expect(state('/people/{user-id}', spec)?.name).toBe('a user exists');
  });

  it('a placeholder named as printed names, in another template, what that template\'s segment holds (calendar-get.md)', () => {
    const spec: Pick<OperationSpec, 'request'> = {
      request: { headers: [], pathParameters: ['id'], placeholders: [{ name: 'id', segment: 'groups', resource: 'group', source: { file: 'calendar-get.md', line: 37 } }] },
    };
    expect(state('/groups/{id}/calendar', spec)?.name).toBe('a group exists');
    expect(state('/me/calendars/{id}', spec)?.name).toBe('a calendar exists');
  });

  it('keys stay distinct when two parameters name the same resource', () => {
    expect(stateParameters(noPlaceholders, '/calls/{a}/calls/{b}').map((p) => p.key)).toEqual(['callId', 'callId2']);
  });

  it('singular forms of collection segments', () => {
    expect(['calls', 'policies', 'addresses', 'presence', 'boxes', 'onlineMeetings'].map(singular)).toEqual(['call', 'policy', 'address', 'presence', 'box', 'onlineMeeting']);
  });

  it('property: one parameter per placeholder in path order, distinct keys, a name that reads "a|an … exists"', () => {
    const word = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,11}$/);
    const segment = fc.oneof(word, word.map((w) => `{${w}}`));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 8 }), (segments) => {
        const template = `/${segments.join('/')}`;
        const params = stateParameters(noPlaceholders, template);
        expect(params.map((p) => `{${p.placeholder}}`)).toEqual(segments.filter((s) => s.startsWith('{')));
        expect(new Set(params.map((p) => p.key)).size).toBe(params.length);
        const s = providerState(noPlaceholders, template);
        if (params.length === 0) expect(s).toBeUndefined();
        else expect(s?.name).toMatch(/^an? \S+ exists( in an? \S+)*$/);
      }),
    );
  });
});
