/** Small in-memory specs for drift unit tests: one operation and one resource using every kind of fact. */
import type { OperationSpec, ResourceSpec, Source } from '../../src/spec/model.js';

const at = (line: number, file = 'docs/widget-frob.md'): Source => ({ file, line });

export function baseOperation(): OperationSpec {
  return {
    kind: 'operation',
    profile: 'demo',
    operation: 'frobWidget',
    title: 'widget: frobWidget',
    summary: 'Frob the widget.',
    sources: ['docs/widget-frob.md'],
    method: { value: 'POST', source: at(30), level: 'MUST' },
    paths: [
      { template: '/widgets/{id}/frob', deprecated: false, source: at(30), level: 'MUST' },
      { template: '/app/widgets/{id}/frob', deprecated: true, deprecation: at(32), source: at(31), level: 'MUST' },
    ],
    request: {
      headers: [
        { name: 'Authorization', required: true, value: 'Bearer {token}', description: 'Bearer {token}. Required.', source: at(36), level: 'MUST' },
        { name: 'Content-Type', required: true, value: 'application/json', source: at(37), level: 'MUST' },
        { name: 'X-Trace', required: false, source: at(38), level: 'SHOULD' },
      ],
      pathParameters: ['id'],
      body: {
        contentType: 'application/json',
        parameters: [
          {
            name: 'clientContext',
            type: 'string',
            required: false,
            description: 'Unique client context string. Max limit is 256 chars.',
            maxLength: { value: 256, source: at(44), level: 'MUST', text: 'Max limit is 256 chars.' },
            source: at(44),
            level: 'MUST',
          },
          {
            name: 'mode',
            type: 'string',
            required: true,
            description: 'Possible values are: `fast`, `slow`.',
            enum: { values: ['fast', 'slow'], source: at(45), level: 'MUST' },
            source: at(45),
            level: 'MUST',
          },
          { name: 'owner', type: 'object', resource: 'identitySet', required: false, source: at(46), level: 'MUST' },
          { name: 'operationName', type: 'string', required: true, const: 'FrobWidget', source: at(47), level: 'MUST' },
        ],
        example: { source: at(60), json: { clientContext: 'c', mode: 'fast' } },
      },
    },
    response: {
      statusFromProse: { code: 202, reason: 'Accepted', source: at(50), level: 'MUST' },
      statusFromExample: { code: 202, reason: 'Accepted', source: at(80), level: 'MUST' },
      headers: [
        { name: 'Location', pointsTo: 'operation', resource: 'frobOperation', example: 'https://example.test/widgets/1/operations/2', source: at(50), level: 'MUST' },
      ],
      body: { resource: 'frobOperation', odataType: '#demo.frobOperation', source: at(82), level: 'MUST', example: { source: at(82), json: { id: '2', status: 'running' } } },
    },
    errors: [
      { status: 401, when: 'missing-authorization', source: at(36), level: 'MUST' },
      { status: 404, when: 'unknown-resource', source: at(30), level: 'SHOULD', basis: 'platform convention' },
    ],
    notifications: [
      {
        transport: 'cometd',
        channel: '/v2/me/widgets',
        messageType: 'WidgetStateChangeMessage',
        notificationType: 'Frobbed',
        resourceIdPointer: '/data/widget/id',
        accumulates: [{ parameter: 'userData', pointer: '/data/widget/userData', text: 'Adds the pairs.', source: at(90), level: 'MUST' }],
        example: { source: at(95), json: { data: { notificationType: 'Frobbed' } } },
        source: at(92),
        level: 'MUST',
      },
    ],
    permissions: [{ kind: 'Application', scopes: ['Widgets.Frob.All', 'Widgets.ReadWrite.All'], source: at(25) }],
    untested: [{ text: 'Frob at most once a minute.', source: at(16), reason: 'a usage rule' }],
  };
}

export function baseResource(): ResourceSpec {
  return {
    kind: 'resource',
    profile: 'demo',
    resource: 'frobOperation',
    odataType: 'demo.frobOperation',
    title: 'frobOperation resource type',
    sources: ['docs/resources/frobOperation.md'],
    properties: [
      { name: 'id', type: 'string', readOnly: true, source: at(20, 'docs/resources/frobOperation.md') },
      {
        name: 'status',
        type: 'string',
        enum: { values: ['running', 'completed', 'failed', 'unknownFutureValue'], evolvable: true, source: at(21, 'docs/resources/frobOperation.md'), level: 'MUST' },
        source: at(21, 'docs/resources/frobOperation.md'),
      },
      {
        name: 'kind',
        type: 'string',
        enum: { values: ['a', 'b'], source: at(22, 'docs/resources/frobOperation.md'), level: 'MUST' },
        source: at(22, 'docs/resources/frobOperation.md'),
      },
      {
        name: 'clientContext',
        type: 'string',
        nullable: false,
        maxLength: { value: 256, source: at(23, 'docs/resources/frobOperation.md'), level: 'MUST', text: 'Max 256.' },
        source: at(23, 'docs/resources/frobOperation.md'),
      },
      { name: 'note', type: 'string', description: 'A note.', source: at(24, 'docs/resources/frobOperation.md') },
    ],
    untested: [],
  };
}

/** A deep copy changed by `edit`. */
export function edited<T>(spec: T, edit: (s: T) => void): T {
  const copy = structuredClone(spec);
  edit(copy);
  return copy;
}
