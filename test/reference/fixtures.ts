/**
 * Small in-memory specs and schemas for the reference server tests. Deliberately not the seeds:
 * other names, paths, limits, enums, channels and ids, so a server keyed to seed values fails.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Decision } from '../../src/spec/decisions.js';
import type { OperationSpec, ResourceSpec, Source } from '../../src/spec/model.js';
import { specPath, stringifySpec } from '../../src/spec/yaml-io.js';
import type { ReferenceInputs } from '../../src/reference/inputs.js';
import type { SchemaSet } from '../../src/reference/schemas.js';

const at = (file: string, line: number): Source => ({ file, line });
const NOTE = 'specs/sources/tel-beta/call-updatenote.md';
const LINE = 'specs/sources/tel-beta/call-update.md';
const OPS = 'specs/sources/tel-beta/resources/noteoperation.md';
const VOX = 'specs/sources/vox-v2/attachthings.pdf.txt';

export const MAX_NOTE = 12;
export const MODES = ['quiet', 'loud', 'muted'];
export const OP_STATUSES = ['pending', 'done', 'failed'];

export const updateNote: OperationSpec = {
  kind: 'operation',
  profile: 'tel-beta',
  operation: 'updateNote',
  title: 'call: updateNote',
  sources: [NOTE],
  method: { value: 'POST', source: at(NOTE, 10), level: 'MUST' },
  paths: [
    { template: '/app/calls/{id}/updateNote', deprecated: true, deprecation: at(NOTE, 12), source: at(NOTE, 10), level: 'MUST' },
    { template: '/communications/calls/{id}/updateNote', deprecated: false, source: at(NOTE, 11), level: 'MUST' },
  ],
  request: {
    headers: [
      { name: 'Authorization', value: 'Bearer {token}', required: true, source: at(NOTE, 15), level: 'MUST' },
      { name: 'Content-Type', value: 'application/json', description: 'application/json. Required.', required: true, source: at(NOTE, 16), level: 'MUST' },
    ],
    pathParameters: ['id'],
    body: {
      contentType: 'application/json',
      parameters: [
        { name: 'note', type: 'string', required: true, source: at(NOTE, 20), level: 'MUST' },
        {
          name: 'clientContext',
          type: 'string',
          required: false,
          maxLength: { value: MAX_NOTE, source: at(NOTE, 21), level: 'MUST', text: `Max limit is ${MAX_NOTE} chars.` },
          source: at(NOTE, 21),
          level: 'MUST',
        },
        { name: 'mode', type: 'string', required: false, enum: { values: MODES, source: at(NOTE, 22), level: 'MUST' }, source: at(NOTE, 22), level: 'MUST' },
      ],
    },
  },
  response: {
    statusFromProse: { code: 202, reason: 'Accepted', source: at(NOTE, 25), level: 'MUST' },
    statusFromExample: { code: 200, reason: 'OK', source: at(NOTE, 40), level: 'MUST' },
    headers: [
      {
        name: 'Location',
        pointsTo: 'operation',
        resource: 'noteOperation',
        example: 'https://api.example.test/v9/communications/calls/aaaa-1111/operations/bbbb-2222',
        source: at(NOTE, 25),
        level: 'MUST',
      },
    ],
    body: {
      resource: 'noteOperation',
      odataType: '#example.tel.noteOperation',
      source: at(NOTE, 43),
      level: 'MUST',
      example: { source: at(NOTE, 43), json: { '@odata.type': '#example.tel.noteOperation', id: 'bbbb-2222', status: 'done', clientContext: 'cc' } },
      truncated: true,
    },
  },
  errors: [
    { status: 401, when: 'missing-authorization', source: at(NOTE, 15), level: 'MUST' },
    { status: 404, when: 'unknown-resource', source: at(NOTE, 11), level: 'SHOULD', basis: 'convention' },
  ],
  notifications: [],
  permissions: [],
  untested: [],
};

export const updateLine: OperationSpec = {
  kind: 'operation',
  profile: 'tel-beta',
  operation: 'updateLine',
  title: 'Update call',
  sources: [LINE],
  method: { value: 'PATCH', source: at(LINE, 5), level: 'MUST' },
  paths: [{ template: '/communications/calls/{lineId}', deprecated: false, source: at(LINE, 5), level: 'MUST' }],
  request: {
    headers: [{ name: 'Authorization', value: 'Bearer {token}', required: true, source: at(LINE, 8), level: 'SHOULD', basis: 'platform' }],
    pathParameters: ['lineId'],
    body: {
      contentType: 'application/json',
      parameters: [
        { name: 'topic', type: 'string', required: false, source: at(LINE, 12), level: 'MUST' },
        { name: 'phase', type: 'string', required: false, enum: { values: ['ringing', 'talking', 'over'], source: at(LINE, 13), level: 'MUST' }, source: at(LINE, 13), level: 'MUST' },
      ],
    },
  },
  response: {
    statusFromProse: { code: 200, reason: 'OK', source: at(LINE, 20), level: 'MUST' },
    headers: [],
    body: { resource: 'call', odataType: '#example.tel.call', source: at(LINE, 22), level: 'MUST', truncated: true },
  },
  errors: [],
  notifications: [],
  permissions: [],
  untested: [],
};

export const noteOperation: ResourceSpec = {
  kind: 'resource',
  profile: 'tel-beta',
  resource: 'noteOperation',
  odataType: 'example.tel.noteOperation',
  title: 'noteOperation resource type',
  sources: [OPS],
  properties: [
    { name: 'clientContext', type: 'string', source: at(OPS, 5) },
    { name: 'id', type: 'string', readOnly: true, source: at(OPS, 6) },
    { name: 'status', type: 'string', enum: { values: OP_STATUSES, source: at(OPS, 7), level: 'MUST' }, source: at(OPS, 7) },
  ],
  untested: [],
};

export const CHANNEL = '/v9/me/lines';
export const OPERATION_NAME = 'AttachThings';

export const attachThings: OperationSpec = {
  kind: 'operation',
  profile: 'vox-v2',
  operation: 'attachThings',
  title: 'AttachThings',
  sources: [VOX],
  method: { value: 'POST', source: at(VOX, 20), level: 'MUST' },
  paths: [{ template: '/api/v9/me/lines/{id}', deprecated: false, source: at(VOX, 19), level: 'MUST' }],
  request: {
    headers: [],
    pathParameters: ['id'],
    body: {
      contentType: 'application/json',
      parameters: [
        { name: 'operationName', type: 'string', required: true, const: OPERATION_NAME, source: at(VOX, 26), level: 'MUST' },
        { name: 'things', type: 'object', required: false, source: at(VOX, 27), level: 'MUST' },
      ],
    },
  },
  response: {
    statusByConvention: { code: 200, reason: 'OK', source: at(VOX, 46), level: 'SHOULD', basis: 'convention' },
    headers: [],
    body: { source: at(VOX, 46), level: 'MUST', example: { source: at(VOX, 46), json: { resultCode: 0 } } },
  },
  errors: [
    { status: 404, when: 'unknown-resource', source: at(VOX, 19), level: 'SHOULD', basis: 'convention' },
    { status: 400, when: 'invalid-body', source: at(VOX, 26), level: 'SHOULD', basis: 'convention' },
  ],
  notifications: [
    {
      transport: 'cometd',
      channel: CHANNEL,
      messageType: 'LineChangeMessage',
      notificationType: 'ThingsChanged',
      resourceIdPointer: '/data/line/id',
      example: {
        source: at(VOX, 54),
        json: { data: { kind: 'ThingsChanged', line: { id: 'X1', things: { a: '1' } }, messageType: 'LineChangeMessage' }, channel: CHANNEL },
      },
      accumulates: [{ parameter: 'things', pointer: '/data/line/things', text: 'Adds the provided pairs to the line.', source: at(VOX, 17), level: 'MUST' }],
      source: at(VOX, 51),
      level: 'MUST',
    },
  ],
  permissions: [],
  untested: [],
};

export const decisions: Decision[] = [
  {
    finding: 'status-prose-vs-example/tel-beta/updateNote',
    operation: 'tel-beta/updateNote',
    ruling: 'the prose status wins',
    successStatus: 202,
    rationale: 'test fixture',
    source: at('specs/decisions.yaml', 2),
  },
];

export const schemas: SchemaSet = new Map<string, Record<string, unknown>>([
  [
    'tel-beta/updateNote.request.schema.json',
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['note'],
      properties: {
        note: { type: 'string' },
        clientContext: { $ref: 'resources/noteOperation.schema.json#/properties/clientContext' },
        mode: { type: 'string', enum: MODES },
      },
      additionalProperties: false,
    },
  ],
  [
    'tel-beta/resources/noteOperation.schema.json',
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        clientContext: { type: 'string', maxLength: MAX_NOTE },
        id: { type: 'string' },
        status: { enum: OP_STATUSES },
        // A property literally named like keywords must survive the fault rewrites.
        required: { type: 'string' },
      },
    },
  ],
  [
    'tel-beta/updateLine.request.schema.json',
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        '@odata.type': { type: 'string' },
        topic: { type: 'string' },
        phase: { enum: ['ringing', 'talking', 'over'] },
      },
      additionalProperties: false,
    },
  ],
  [
    'vox-v2/attachThings.request.schema.json',
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['operationName'],
      properties: {
        operationName: { const: OPERATION_NAME },
        things: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  ],
]);

export function fixtureInputs(): ReferenceInputs {
  return {
    operations: [updateNote, updateLine, attachThings],
    resources: [noteOperation],
    decisions,
    schemas,
    schemaDir: 'contracts/schemas',
  };
}

/** Write the fixture as a specs/ + contracts/ tree (for CLI tests); returns the root. */
export function writeFixtureTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'callconform-reference-'));
  const specsDir = join(root, 'specs');
  for (const spec of [updateNote, updateLine, attachThings, noteOperation]) {
    const file = specPath(specsDir, spec);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, stringifySpec(spec));
  }
  writeFileSync(
    join(specsDir, 'decisions.yaml'),
    stringify({ decisions: decisions.map(({ finding, operation, ruling, successStatus, rationale }) => ({ finding, operation, ruling, successStatus, rationale })) }),
  );
  for (const [file, schema] of schemas) {
    const full = join(root, 'contracts', 'schemas', file);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, JSON.stringify(schema, null, 2));
  }
  return root;
}
