/**
 * specs → one OpenAPI 3.1 document per profile. Body schemas are referenced (relative `$ref`
 * to contracts/schemas/…), never copied; deprecated paths say `deprecated: true`; every
 * element cites its doc line in an `x-callconform-source` extension.
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import type { Decision } from '../spec/decisions.js';
import { requiredStatus } from '../spec/decisions.js';
import type { OperationSpec, PathFact } from '../spec/model.js';
import { stringify } from 'yaml';
import { operationSchemaFile, relativeRef } from './json-schema.js';
import { locationPattern } from './location-pattern.js';
import { citation } from './property-schema.js';
import type { SchemaFiles } from './schemas.js';

export function openapiFile(profile: string): string {
  return `openapi/${profile}.yaml`;
}

const BEARER = 'bearerAuth';

type Extended<T> = T & Record<`x-${string}`, unknown>;

function hasBearer(op: OperationSpec): boolean {
  return op.request.headers.some((h) => /^authorization$/i.test(h.name) && /^bearer\b/i.test(h.value ?? ''));
}

function operationObject(op: OperationSpec, path: PathFact, operationId: string, schemas: SchemaFiles, decisions: Decision[], file: string): Extended<OpenAPIV3_1.OperationObject> {
  const ref = (role: 'request' | 'response' | 'notification'): string | undefined => {
    const target = operationSchemaFile(op.profile, op.operation, role);
    return schemas.has(target) ? relativeRef(file, target) : undefined;
  };
  const parameters: OpenAPIV3_1.ParameterObject[] = [...path.template.matchAll(/\{([^}]+)\}/g)].map((m) => ({
    name: m[1]!,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  for (const h of op.request.headers) {
    if (/^(authorization|content-type)$/i.test(h.name)) continue;
    parameters.push({ name: h.name, in: 'header', required: h.required, schema: { type: 'string' }, ...(h.description ? { description: h.description } : {}) });
  }
  const responses: Record<string, Extended<OpenAPIV3_1.ResponseObject>> = {};
  const status = requiredStatus(op, decisions);
  if (status) {
    const headers: Record<string, OpenAPIV3_1.HeaderObject> = {};
    for (const h of op.response.headers) {
      const loc = h.example && op.request.pathParameters[0] ? locationPattern(h.example, path.template, op.request.pathParameters[0]) : undefined;
      headers[h.name] = {
        description: `${h.pointsTo ? `Points to the ${h.resource ?? h.pointsTo} created for this request. ` : ''}docs: ${citation(h.source)} (${h.level})`,
        required: h.level === 'MUST',
        schema: { type: 'string', ...(loc ? { format: 'uri', pattern: loc.pattern } : {}), ...(h.example ? { examples: [h.example] } : {}) },
      };
    }
    const responseRef = ref('response');
    const why = status.decision
      ? `by decision on ${status.decision.finding} (${citation(status.decision.source)}): ${status.decision.ruling}`
      : `docs: ${status.facts.map((f) => `${citation(f.source)} (${f.level}${f.basis ? `: ${f.basis}` : ''})`).join(', ')}`;
    responses[String(status.code)] = {
      description: `Success, ${why}`,
      ...(Object.keys(headers).length ? { headers } : {}),
      ...(responseRef ? { content: { 'application/json': { schema: { $ref: responseRef } } } } : {}),
    };
  }
  for (const e of op.errors) {
    const key = String(e.status);
    if (responses[key]) continue;
    responses[key] = {
      description: `${e.when.replace(/-/g, ' ')}${e.basis ? `: ${e.basis}` : ''}`,
      'x-callconform-level': e.level,
      'x-callconform-source': citation(e.source),
    };
  }
  const requestRef = ref('request');
  const body = op.request.body;
  const notificationRef = ref('notification');
  return {
    operationId,
    summary: op.title,
    ...(op.summary ? { description: op.summary } : {}),
    ...(path.deprecated ? { deprecated: true } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(body && requestRef
      ? {
          requestBody: {
            required: true,
            content: { [body.contentType ?? 'application/json']: { schema: { $ref: requestRef } } },
          },
        }
      : {}),
    responses,
    ...(hasBearer(op) ? { security: [{ [BEARER]: [] }] } : {}),
    'x-callconform-source': citation(path.source),
    ...(path.deprecation ? { 'x-callconform-deprecation': citation(path.deprecation) } : {}),
    ...(notificationRef
      ? {
          'x-callconform-notifications': op.notifications.map((n) => ({
            transport: n.transport,
            channel: n.channel,
            source: citation(n.source),
            schema: { $ref: notificationRef },
          })),
        }
      : {}),
  };
}

export function openapiDocument(profile: string, operations: OperationSpec[], schemas: SchemaFiles, decisions: Decision[]): OpenAPIV3_1.Document {
  const file = openapiFile(profile);
  const ops = operations.filter((o) => o.profile === profile);
  const paths: OpenAPIV3_1.PathsObject = {};
  for (const op of ops) {
    // The current path gets the plain operationId; deprecated aliases get a suffix.
    const ordered = [...op.paths].sort((a, b) => Number(a.deprecated) - Number(b.deprecated));
    ordered.forEach((path, i) => {
      const method = op.method.value.toLowerCase() as OpenAPIV3_1.HttpMethods;
      const operationId = i === 0 ? op.operation : `${op.operation}${path.deprecated ? 'Deprecated' : 'Alias'}${i > 1 ? i : ''}`;
      // openapi-types' PathItemObject mixes 3.0 and 3.1 operation types; build the item as a map.
      const item = (paths[path.template] ?? {}) as Record<string, OpenAPIV3_1.OperationObject>;
      item[method] = operationObject(op, path, operationId, schemas, decisions, file);
      paths[path.template] = item as OpenAPIV3_1.PathItemObject;
    });
  }
  const sorted: OpenAPIV3_1.PathsObject = {};
  for (const key of Object.keys(paths).sort()) sorted[key] = paths[key];
  return {
    openapi: '3.1.0',
    info: {
      title: `${profile} (callconform contract)`,
      version: '1',
      description: `Generated by callconform build from ${[...new Set(ops.flatMap((o) => o.sources))].join(', ')}. Do not edit.`,
    },
    paths: sorted,
    ...(ops.some(hasBearer) ? { components: { securitySchemes: { [BEARER]: { type: 'http', scheme: 'bearer' } } } } : {}),
  };
}

export function renderOpenapi(doc: OpenAPIV3_1.Document): string {
  return `# Generated by \`callconform build\` from specs/. Do not edit.\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
