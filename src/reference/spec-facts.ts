/**
 * Small readings of spec facts shared by the route plan and the fault catalogue. Pure.
 */
import type { HeaderFact, OperationSpec, ResourceSpec, ResponseHeaderFact } from '../spec/model.js';

export function requestHeader(spec: OperationSpec, name: string): HeaderFact | undefined {
  return spec.request.headers.find((h) => h.name.toLowerCase() === name.toLowerCase());
}

/**
 * The documented Location header that points to the operation created by the request; a create's
 * Location points to the resource it creates unless the page says it is an operation.
 */
export function operationLocation(spec: OperationSpec): ResponseHeaderFact | undefined {
  const create = spec.shape?.kind === 'create';
  return spec.response.headers.find((h) => h.name.toLowerCase() === 'location' && h.pointsTo !== 'resource' && (!create || h.pointsTo === 'operation'));
}

/** The spec documents an Authorization header (Graph: `Bearer {token}. Required.`). */
export function documentsAuthorization(spec: OperationSpec): boolean {
  return requestHeader(spec, 'authorization') !== undefined || spec.errors.some((e) => e.when === 'missing-authorization');
}

/**
 * The spec requires a JSON request body: a required Content-Type header naming JSON, or a
 * documented error for an unsupported content type.
 */
export function requiresJsonRequest(spec: OperationSpec): boolean {
  const header = requestHeader(spec, 'content-type');
  if (header?.required && /json/i.test(`${header.value ?? ''} ${header.description ?? ''}`)) return true;
  return spec.errors.some((e) => e.when === 'unsupported-content-type');
}

/** The resource spec the success response returns (`commsOperation`), from the same profile. */
export function responseResource(spec: OperationSpec, resources: readonly ResourceSpec[]): ResourceSpec | undefined {
  const name = spec.response.body?.resource?.toLowerCase();
  if (!name) return undefined;
  return resources.find((r) => r.profile === spec.profile && r.resource.toLowerCase() === name);
}
