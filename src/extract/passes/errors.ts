/** Error responses expected by HTTP and platform conventions, derived from what the page documents. */
import type { ErrorResponseFact, HeaderFact, ParameterFact, PathFact } from '../../spec/model.js';

export function readErrors(headers: HeaderFact[], paths: PathFact[], pathParameters: string[], parameters: ParameterFact[]): ErrorResponseFact[] {
  const out: ErrorResponseFact[] = [];
  const auth = headers.find((h) => /^authorization$/i.test(h.name) && h.required);
  if (auth) {
    out.push({
      status: 401,
      when: 'missing-authorization',
      source: auth.source,
      level: auth.level,
      basis: 'a request without the required Authorization header lacks credentials: 401 Unauthorized (RFC 9110 §15.5.2)',
    });
  }
  const main = paths.find((p) => !p.deprecated) ?? paths[0];
  if (main && pathParameters.length) {
    out.push({
      status: 404,
      when: 'unknown-resource',
      source: main.source,
      level: 'SHOULD',
      basis: `platform convention: a {${pathParameters[pathParameters.length - 1]}} that names no existing resource is 404 Not Found; the page does not state it`,
    });
  }
  const constrained = parameters.find((p) => p.enum || p.maxLength || p.const);
  if (constrained) {
    out.push({
      status: 400,
      when: 'invalid-body',
      source: constrained.source,
      level: 'SHOULD',
      basis: 'platform convention: a body that breaks a documented constraint is 400 Bad Request; the page does not name the status',
    });
  }
  return out;
}
