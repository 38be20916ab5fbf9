/**
 * The documented examples of one operation, arranged for its OpenAPI document: path values,
 * request bodies, the response body and response header values, each only as the docs show it
 * and only when the contract's own schema accepts it (a peer refuses a document whose examples
 * contradict its schemas).
 *
 * A named example (`documented_1`, …) stands for one documented exchange and carries the same
 * name in every part of the operation: that is how Specmatic pairs a request with its response,
 * and it refuses a name missing from a part it needs. Names are therefore given only when the
 * docs show every such part (a body for a request that has one, the response body, each
 * required header); otherwise each documented value stands alone as a plain `example`.
 */
import type { HeaderFact, OperationSpec } from '../spec/model.js';
import { asJson, citation } from './property-schema.js';
import type { Json } from './json-schema.js';
import { pathValues, type PathValue } from './path-values.js';

/** Whether the contract's schema for a body accepts a value (undefined when there is no such schema). */
export type ExampleCheck = (role: 'request' | 'response', value: Json) => boolean | undefined;

export interface Exchange {
  name: string;
  summary: string;
  /** The request body (absent for a request without one). */
  request?: Json;
}

export interface OperationExamples {
  path: Map<string, PathValue>;
  /** Header parameters with a documented literal value (`Prefer: respond-async`, not `Bearer {token}`). */
  headerParameters: Map<string, string>;
  requests: Json[];
  response?: Json;
  /** Documented response header values, by header name. */
  responseHeaders: Map<string, string>;
  /** Named exchanges; empty unless the docs show every part one needs. */
  exchanges: Exchange[];
}

export const EXCHANGE_PREFIX = 'documented_';

function literal(h: HeaderFact): string | undefined {
  return h.value !== undefined && !/\{[^}]*\}/.test(h.value) ? h.value : undefined;
}

/** Request headers that become header parameters (credentials and the media type are described elsewhere). */
export function isHeaderParameter(h: HeaderFact): boolean {
  return !/^(authorization|content-type)$/i.test(h.name);
}

export function operationExamples(op: OperationSpec, template: string, accepts: ExampleCheck): OperationExamples {
  const body = op.request.body;
  const documentedRequests = body ? [...(body.example ? [body.example] : []), ...(body.moreExamples ?? [])] : [];
  const accepted = documentedRequests.filter((e) => accepts('request', asJson(e.json)) === true);
  const requests = accepted.map((e) => asJson(e.json));
  const responseFact = op.response.body?.example;
  const responseJson = responseFact ? asJson(responseFact.json) : undefined;
  const response = responseJson !== undefined && accepts('response', responseJson) === true ? responseJson : undefined;
  const responseHeaders = new Map(op.response.headers.filter((h) => h.example !== undefined).map((h) => [h.name, h.example!]));
  const headerParameters = new Map<string, string>();
  for (const h of op.request.headers.filter(isHeaderParameter)) {
    const value = literal(h);
    if (value !== undefined) headerParameters.set(h.name, value);
  }

  const complete =
    (!body || requests.length > 0) &&
    (op.response.body === undefined || response !== undefined) &&
    op.response.headers.every((h) => h.level !== 'MUST' || responseHeaders.has(h.name)) &&
    op.request.headers.filter(isHeaderParameter).every((h) => !h.required || headerParameters.has(h.name));
  const responseCite = responseFact && response !== undefined ? `; response: ${citation(responseFact.source)}` : '';
  const exchanges: Exchange[] = !complete
    ? []
    : body
      ? requests.map((request, i) => ({
          name: `${EXCHANGE_PREFIX}${i + 1}`,
          summary: `request: ${citation(accepted[i]!.source)}${responseCite}`,
          request,
        }))
      : [{ name: `${EXCHANGE_PREFIX}1`, summary: `docs: ${citation(op.method.source)}${responseCite}` }];

  return { path: pathValues(op, template), headerParameters, requests, ...(response !== undefined ? { response } : {}), responseHeaders, exchanges };
}
