/**
 * What an operation does (create / get / list / update / delete / action) and to which resource
 * type, read from the method, the main path's last segment and the documented response.
 */
import type { MethodFact, PathFact, PathParameterFact, ShapeFact, SuccessResponse } from '../../spec/model.js';
import { singular } from './path-parameters.js';

const eq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function readShape(method: MethodFact, paths: PathFact[], placeholders: PathParameterFact[], response: SuccessResponse): ShapeFact {
  const main = paths.find((p) => !p.deprecated) ?? paths[0]!;
  const segments = main.template.split('/').filter(Boolean);
  const last = segments[segments.length - 1] ?? '';
  const itemName = /^\{([^}]*)\}$/.exec(last)?.[1];
  const body = response.body;
  const status = response.statusFromProse?.code ?? response.statusFromExample?.code;
  const source = main.source;
  const m = method.value;
  if (itemName !== undefined) {
    const resource = placeholders.find((p) => p.name === itemName)?.resource ?? body?.resource;
    const kind = m === 'GET' ? 'get' : m === 'DELETE' ? 'delete' : m === 'PATCH' || m === 'PUT' ? 'update' : 'action';
    return { kind, ...(resource ? { resource } : {}), source, basis: `${m} on one item of the path (\`${last}\`)` };
  }
  const named = /^[A-Za-z][\w.]*$/.test(last) ? singular(last) : undefined;
  if (m === 'GET') {
    const resource = body?.resource ?? named;
    if (body?.collection) return { kind: 'list', ...(resource ? { resource } : {}), source, basis: `GET answered with a collection of ${resource ?? 'items'}` };
    return { kind: 'get', ...(resource ? { resource } : {}), source, basis: `GET on \`${last}\`, answered with one object` };
  }
  if (m === 'DELETE' || m === 'PATCH' || m === 'PUT') {
    const resource = body?.resource ?? named;
    return { kind: m === 'DELETE' ? 'delete' : 'update', ...(resource ? { resource } : {}), source, basis: `${m} on \`${last}\`` };
  }
  const createsInCollection = named !== undefined && (status === 201 || (body?.resource !== undefined && eq(body.resource, named)));
  if (createsInCollection) {
    const resource = body?.resource ?? named;
    return { kind: 'create', resource, source, basis: `POST to the collection \`${last}\`${status === 201 ? ' answered 201 Created' : `, answered with a ${resource}`}` };
  }
  // An action acts on the item the path names before it (`…/participants/{id}/mute` → participant).
  const actedOn = [...placeholders].reverse().find((p) => p.resource && main.template.includes(`{${p.name}}`))?.resource;
  const before = segments[segments.length - 2];
  const resource = actedOn ?? (before && /^[A-Za-z]\w*$/.test(before) ? singular(before) : undefined);
  return { kind: 'action', ...(resource ? { resource } : {}), source, basis: `${m} of the action \`${last}\`${resource ? ` on a ${resource}` : ''}` };
}
