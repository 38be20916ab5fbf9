/**
 * Small in-memory specs for the compile tests: the shapes of the real profiles (a Graph-like
 * action with Location + operation resource, an evolvable enum, a Genesys-like reply and CometD
 * notification), with names and limits of their own so nothing seed-specific is assumed.
 */
import type { OperationSpec, ResourceSpec } from '../../src/spec/model.js';
import type { SpecSet } from '../../src/spec/yaml-io.js';

const src = (line: number, file = 'specs/sources/demo/widget-tune.md') => ({ file, line });

export const MAX = 40;

export const tuneWidget: OperationSpec = {
  kind: 'operation',
  profile: 'demo',
  operation: 'tuneWidget',
  title: 'widget: tune',
  sources: ['specs/sources/demo/widget-tune.md'],
  method: { value: 'POST', source: src(10), level: 'MUST' },
  paths: [
    { template: '/legacy/widgets/{wid}/tune', deprecated: true, source: src(10), level: 'MUST', deprecation: src(12) },
    { template: '/things/widgets/{wid}/tune', deprecated: false, source: src(11), level: 'MUST' },
  ],
  request: {
    headers: [
      { name: 'Authorization', value: 'Bearer {token}', required: true, source: src(20), level: 'MUST' },
      { name: 'Content-Type', value: 'application/json', required: true, source: src(21), level: 'MUST' },
    ],
    pathParameters: ['wid'],
    body: {
      contentType: 'application/json',
      parameters: [
        { name: 'note', type: 'string', required: false, maxLength: { value: MAX, source: src(30), level: 'MUST', text: `At most ${MAX} characters.` }, source: src(30), level: 'MUST' },
        { name: 'mode', type: 'string', required: true, enum: { values: ['alpha', 'beta', 'unknownFutureValue'], source: src(31), level: 'MUST', evolvable: true }, source: src(31), level: 'MUST' },
        { name: 'tags', type: 'array', items: 'string', required: false, source: src(32), level: 'MUST' },
      ],
      example: { source: src(50), json: { note: 'tuned', mode: 'beta' } },
    },
  },
  response: {
    headers: [
      {
        name: 'Location',
        pointsTo: 'operation',
        resource: 'tuneOperation',
        example: 'https://api.example.test/v9/things/widgets/w-123/jobs/j-456',
        source: src(40),
        level: 'MUST',
      },
    ],
    statusFromProse: { code: 202, reason: 'Accepted', source: src(40), level: 'MUST' },
    statusFromExample: { code: 201, reason: 'Created', source: src(60), level: 'MUST' },
    body: {
      resource: 'tuneOperation',
      odataType: '#demo.tuneOperation',
      source: src(61),
      level: 'MUST',
      truncated: true,
      example: { source: src(61), json: { '@odata.type': '#demo.tuneOperation', id: 'j-456', state: 'done', outcome: null, note: 'tuned' } },
    },
  },
  errors: [
    { status: 401, when: 'missing-authorization', source: src(20), level: 'MUST' },
    { status: 422, when: 'invalid-body', source: src(30), level: 'SHOULD', basis: 'convention' },
  ],
  notifications: [],
  permissions: [],
  untested: [],
};

export const tuneOperation: ResourceSpec = {
  kind: 'resource',
  profile: 'demo',
  resource: 'tuneOperation',
  title: 'tuneOperation resource',
  sources: ['specs/sources/demo/tuneoperation.md'],
  properties: [
    { name: 'id', type: 'string', readOnly: true, source: src(5, 'specs/sources/demo/tuneoperation.md') },
    { name: 'note', type: 'string', maxLength: { value: MAX, source: src(6, 'specs/sources/demo/tuneoperation.md'), level: 'MUST', text: 'max' }, source: src(6, 'specs/sources/demo/tuneoperation.md') },
    {
      name: 'state',
      type: 'string',
      enum: { values: ['queued', 'done'], source: src(7, 'specs/sources/demo/tuneoperation.md'), level: 'MUST', evolvable: true },
      source: src(7, 'specs/sources/demo/tuneoperation.md'),
    },
    { name: 'outcome', type: 'object', resource: 'outcomeInfo', source: src(8, 'specs/sources/demo/tuneoperation.md') },
  ],
  untested: [],
};

const gsrc = (line: number) => ({ file: 'specs/sources/demo2/tag.pdf.txt', line });

export const tagCall: OperationSpec = {
  kind: 'operation',
  profile: 'demo2',
  operation: 'tagCall',
  title: 'TagCall',
  sources: ['specs/sources/demo2/tag.pdf.txt'],
  method: { value: 'POST', source: gsrc(3), level: 'MUST' },
  paths: [{ template: '/v7/calls/{id}', deprecated: false, source: gsrc(3), level: 'MUST' }],
  request: {
    headers: [],
    pathParameters: ['id'],
    body: {
      contentType: 'application/json',
      parameters: [
        { name: 'operationName', type: 'string', required: true, const: 'TagCall', source: gsrc(5), level: 'MUST' },
        { name: 'tags', type: 'object', required: false, source: gsrc(6), level: 'MUST' },
      ],
      example: { source: gsrc(8), json: { operationName: 'TagCall', tags: { a: '1' } } },
      moreExamples: [{ source: gsrc(30), json: { operationName: 'TagCall', tags: { b: '2' } } }],
    },
  },
  response: {
    headers: [],
    statusByConvention: { code: 200, source: gsrc(12), level: 'SHOULD', basis: 'convention' },
    body: { source: gsrc(12), level: 'MUST', example: { source: gsrc(12), json: { code: 0 } } },
  },
  errors: [{ status: 400, when: 'invalid-body', source: gsrc(5), level: 'SHOULD', basis: 'convention' }],
  notifications: [
    {
      transport: 'cometd',
      channel: '/v7/calls',
      messageType: 'CallChanged',
      notificationType: 'TagsChanged',
      resourceIdPointer: '/data/call/id',
      example: {
        source: gsrc(15),
        json: { channel: '/v7/calls', data: { messageType: 'CallChanged', notificationType: 'TagsChanged', call: { id: 'C-1', tags: { a: '1' }, muted: false, parts: [{ n: '1' }] } } },
      },
      accumulates: [{ parameter: 'tags', pointer: '/data/call/tags', text: 'Adds the tags.', source: gsrc(2), level: 'MUST' }],
      source: gsrc(14),
      level: 'MUST',
    },
  ],
  permissions: [],
  untested: [],
};

export const demoDecision = {
  finding: 'status-prose-vs-example/demo/tuneWidget',
  operation: 'demo/tuneWidget',
  ruling: 'The example status wins.',
  successStatus: 201,
  rationale: 'test',
  source: { file: 'specs/decisions.yaml', line: 3 },
};

export const demoFinding = {
  id: 'status-prose-vs-example/demo/tuneWidget',
  rule: 'status-prose-vs-example',
  severity: 'error' as const,
  message: 'prose 202 vs example 201',
  source: src(40),
};

export function demoSet(): SpecSet {
  return structuredClone({ operations: [tagCall, tuneWidget], resources: [tuneOperation] });
}
