/**
 * specs → one self-contained OpenAPI 3.1 document per profile, for peers to read as it is.
 * Body schemas are the compiled schema files rendered as components (openapi-components.ts);
 * examples are the documented ones (openapi-examples.ts); the Location pattern is one peers can
 * compile (location-pattern.ts). Deprecated paths say `deprecated: true`; every element cites
 * its doc line in a description or an `x-callconform-source` extension.
 */
import type { OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';
import type { Decision } from '../spec/decisions.js';
import { requiredStatus } from '../spec/decisions.js';
import type { OperationSpec, PathFact } from '../spec/model.js';
import { stringify } from 'yaml';
import { type Json, type JsonSchema, operationSchemaFile, type SchemaRole } from './json-schema.js';
import { locationPattern } from './location-pattern.js';
import { profileComponents, type Components } from './openapi-components.js';
import { isHeaderParameter, operationExamples, type OperationExamples } from './openapi-examples.js';
import { citation } from './property-schema.js';
import type { SchemaFiles } from './schemas.js';

export function openapiFile(profile: string): string {
  return `openapi/${profile}.yaml`;
}

/** Whether the compiled schema of a contract file accepts a value. */
export type SchemaCheck = (file: string, value: Json) => boolean;

const BEARER = 'bearerAuth';

type Extended<T> = T & Record<`x-${string}`, unknown>;
type Examples = Pick<OpenAPIV3_1.MediaTypeObject, 'example' | 'examples'>;

function hasBearer(op: OperationSpec): boolean {
  return op.request.headers.some((h) => /^authorization$/i.test(h.name) && /^bearer\b/i.test(h.value ?? ''));
}

/**
 * A string schema for a parameter or header. openapi-types types those schemas of a 3.1 document
 * with its 3.0 schema type, which lacks the 2020-12 keywords (`examples`) they may carry.
 */
function stringSchema(keywords: Omit<OpenAPIV3_1.NonArraySchemaObject, 'type'>): OpenAPIV3.NonArraySchemaObject {
  return { type: 'string', ...keywords } as OpenAPIV3.NonArraySchemaObject;
}

function schemaRef(ref: string): OpenAPIV3_1.ReferenceObject {
  return { $ref: ref };
}

/** The same value under the name of every documented exchange. */
function named(ex: OperationExamples, value: (request: Json | undefined) => Json): Record<string, OpenAPIV3_1.ExampleObject> {
  return Object.fromEntries(ex.exchanges.map((e) => [e.name, { summary: e.summary, value: value(e.request) }]));
}

/** Named examples when the exchanges are documented, else the lone documented value, else nothing. */
function examplesOf(ex: OperationExamples, value: (request: Json | undefined) => Json | undefined, lone: Json | undefined): Examples {
  if (ex.exchanges.length > 0) return { examples: named(ex, (r) => value(r) ?? null) };
  return lone !== undefined ? { example: lone } : {};
}

function parameters(op: OperationSpec, ex: OperationExamples): OpenAPIV3_1.ParameterObject[] {
  const out: OpenAPIV3_1.ParameterObject[] = [];
  for (const [name, v] of ex.path) {
    out.push({
      name,
      in: 'path',
      required: true,
      description: v.source ? `Example as the docs show it: ${citation(v.source)}.` : 'The docs show no value; the example is a placeholder.',
      schema: stringSchema({ examples: [v.value] }),
      ...(ex.exchanges.length ? { examples: named(ex, () => v.value) } : {}),
    });
  }
  for (const h of op.request.headers.filter(isHeaderParameter)) {
    const value = ex.headerParameters.get(h.name);
    out.push({
      name: h.name,
      in: 'header',
      required: h.required,
      ...(h.description ? { description: h.description } : {}),
      schema: stringSchema(value !== undefined ? { examples: [value] } : {}),
      ...(value !== undefined && ex.exchanges.length ? { examples: named(ex, () => value) } : {}),
    });
  }
  return out;
}

function responses(op: OperationSpec, path: PathFact, ex: OperationExamples, decisions: Decision[], responseRef: string | undefined): Record<string, Extended<OpenAPIV3_1.ResponseObject>> {
  const out: Record<string, Extended<OpenAPIV3_1.ResponseObject>> = {};
  const status = requiredStatus(op, decisions);
  if (status) {
    const headers: Record<string, OpenAPIV3_1.HeaderObject> = {};
    for (const h of op.response.headers) {
      const param = op.request.pathParameters[0];
      const loc = h.example && param ? locationPattern(h.example, path.template, param) : undefined;
      const value = ex.responseHeaders.get(h.name);
      headers[h.name] = {
        description: `${h.pointsTo ? `Points to the ${h.resource ?? h.pointsTo} created for this request. ` : ''}docs: ${citation(h.source)} (${h.level})`,
        required: h.level === 'MUST',
        schema: stringSchema({ ...(loc ? { format: 'uri', pattern: loc.pattern } : {}), ...(value !== undefined ? { examples: [value] } : {}) }),
        ...(value !== undefined && ex.exchanges.length ? { examples: named(ex, () => value) } : {}),
      };
    }
    const why = status.decision
      ? `by decision on ${status.decision.finding} (${citation(status.decision.source)}): ${status.decision.ruling}`
      : `docs: ${status.facts.map((f) => `${citation(f.source)} (${f.level}${f.basis ? `: ${f.basis}` : ''})`).join(', ')}`;
    out[String(status.code)] = {
      description: `Success, ${why}`,
      ...(Object.keys(headers).length ? { headers } : {}),
      ...(responseRef ? { content: { 'application/json': { schema: schemaRef(responseRef), ...examplesOf(ex, () => ex.response, ex.response) } } } : {}),
    };
  }
  for (const e of op.errors) {
    const key = String(e.status);
    if (out[key]) continue;
    out[key] = {
      description: `${e.when.replace(/-/g, ' ')}${e.basis ? `: ${e.basis}` : ''}`,
      'x-callconform-level': e.level,
      'x-callconform-source': citation(e.source),
    };
  }
  return out;
}

function operationObject(op: OperationSpec, path: PathFact, operationId: string, components: Components, decisions: Decision[], check: SchemaCheck): Extended<OpenAPIV3_1.OperationObject> {
  const fileOf = (role: SchemaRole): string => operationSchemaFile(op.profile, op.operation, role);
  const ref = (role: SchemaRole): string | undefined => components.ref(fileOf(role));
  const ex = operationExamples(op, path.template, (role, value) => (ref(role) ? check(fileOf(role), value) : undefined));
  const params = parameters(op, ex);
  const body = op.request.body;
  const requestRef = ref('request');
  const notificationRef = ref('notification');
  return {
    operationId,
    summary: op.title,
    ...(op.summary ? { description: op.summary } : {}),
    ...(path.deprecated ? { deprecated: true } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(body && requestRef
      ? {
          requestBody: {
            required: true,
            content: { [body.contentType ?? 'application/json']: { schema: schemaRef(requestRef), ...examplesOf(ex, (r) => r, ex.requests[0]) } },
          },
        }
      : {}),
    responses: responses(op, path, ex, decisions, ref('response')),
    ...(hasBearer(op) ? { security: [{ [BEARER]: [] }] } : {}),
    'x-callconform-source': citation(path.source),
    ...(path.deprecation ? { 'x-callconform-deprecation': citation(path.deprecation) } : {}),
    ...(notificationRef
      ? {
          'x-callconform-notifications': op.notifications.map((n) => ({
            transport: n.transport,
            channel: n.channel,
            source: citation(n.source),
            schema: schemaRef(notificationRef),
          })),
        }
      : {}),
  };
}

/**
 * @param check whether a compiled schema accepts a documented example (examples it rejects are
 *   left out; the schema is the contract)
 */
export function openapiDocument(profile: string, operations: OperationSpec[], schemas: SchemaFiles, decisions: Decision[], check: SchemaCheck): OpenAPIV3_1.Document {
  const ops = operations.filter((o) => o.profile === profile);
  const responseFiles = new Set(ops.map((o) => operationSchemaFile(o.profile, o.operation, 'response')));
  const components = profileComponents(profile, schemas, responseFiles);
  const paths: OpenAPIV3_1.PathsObject = {};
  for (const op of ops) {
    // The current path gets the plain operationId; deprecated aliases get a suffix.
    const ordered = [...op.paths].sort((a, b) => Number(a.deprecated) - Number(b.deprecated));
    ordered.forEach((path, i) => {
      const method = op.method.value.toLowerCase() as OpenAPIV3_1.HttpMethods;
      const operationId = i === 0 ? op.operation : `${op.operation}${path.deprecated ? 'Deprecated' : 'Alias'}${i > 1 ? i : ''}`;
      // openapi-types' PathItemObject mixes 3.0 and 3.1 operation types; build the item as a map.
      const item = (paths[path.template] ?? {}) as Record<string, OpenAPIV3_1.OperationObject>;
      item[method] = operationObject(op, path, operationId, components, decisions, check);
      paths[path.template] = item as OpenAPIV3_1.PathItemObject;
    });
  }
  const sorted: OpenAPIV3_1.PathsObject = {};
  for (const key of Object.keys(paths).sort()) sorted[key] = paths[key];
  const componentSchemas = components.schemas as Record<string, OpenAPIV3_1.SchemaObject & JsonSchema>;
  const componentsObject: OpenAPIV3_1.ComponentsObject = {
    ...(Object.keys(componentSchemas).length ? { schemas: componentSchemas } : {}),
    ...(ops.some(hasBearer) ? { securitySchemes: { [BEARER]: { type: 'http', scheme: 'bearer' } } } : {}),
  };
  return {
    openapi: '3.1.0',
    info: {
      title: `${profile} (callconform contract)`,
      version: '1',
      description: `Generated by callconform build from ${[...new Set(ops.flatMap((o) => o.sources))].join(', ')}. Do not edit.`,
    },
    paths: sorted,
    ...(Object.keys(componentsObject).length ? { components: componentsObject } : {}),
  };
}

/** @param rendering what the file is, for its header line (the 3.0 rendering says so) */
export function renderOpenapi(doc: OpenAPIV3_1.Document | OpenAPIV3.Document, rendering = ''): string {
  return `# Generated by \`callconform build\` from specs/${rendering}. Do not edit.\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
