/**
 * Where the operation resource created by a request lives, read from the documented Location
 * example. Pure.
 *
 * The example (`https://graph.microsoft.com/beta/communications/calls/57da…/operations/0fe0…`)
 * is matched against the operation's path templates: the part of a template up to the call
 * parameter (`/communications/calls/{id}`) is found in the example's path (after whatever
 * version prefix the host uses), and what follows it (`/operations/0fe0…`) is the operation
 * path, with the segment that names the operation (the response example's id, else the last
 * segment) turned into a parameter. The same suffix serves every path of the operation,
 * including the deprecated ones (`/app/calls/{id}/operations/{opId}`).
 */
import { parseTemplate, splitPath, type PathTemplate, type Segment } from './path-template.js';

/** Name of the operation-id parameter in derived templates. */
export const OPERATION_PARAM = 'opId';

/** Segments of the operation path relative to the call (`operations/{opId}`). */
export type OperationSuffix = Segment[];

function examplePath(example: string): string[] | undefined {
  try {
    return splitPath(new URL(example, 'http://example.invalid/').pathname).map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** Index of the segment that holds the call parameter, or -1. */
export function callSegmentIndex(tpl: PathTemplate, callParam: string): number {
  return tpl.segments.findIndex((s) => 'param' in s && s.param === callParam);
}

/**
 * The operation path after the call segment, from a Location example and one path template;
 * undefined when the example does not contain the template's call prefix.
 */
export function operationSuffix(example: string, template: string, callParam: string, operationId?: string): OperationSuffix | undefined {
  const path = examplePath(example);
  const tpl = parseTemplate(template);
  const k = callSegmentIndex(tpl, callParam);
  if (!path || k < 0) return undefined;
  const prefix = tpl.segments.slice(0, k + 1);
  for (let offset = 0; offset + prefix.length <= path.length; offset++) {
    const matches = prefix.every((s, i) => 'param' in s || s.literal.toLowerCase() === (path[offset + i] ?? '').toLowerCase());
    if (!matches) continue;
    const rest = path.slice(offset + prefix.length);
    if (rest.length === 0) return undefined;
    let idIndex = operationId === undefined ? -1 : rest.lastIndexOf(operationId);
    if (idIndex < 0) idIndex = rest.length - 1;
    return rest.map((s, i): Segment => (i === idIndex ? { param: OPERATION_PARAM } : { literal: s }));
  }
  return undefined;
}

/** The first suffix any of the operation's templates yields from the example. */
export function suffixFromExample(example: string, templates: readonly string[], callParam: string, operationId?: string): OperationSuffix | undefined {
  for (const t of templates) {
    const suffix = operationSuffix(example, t, callParam, operationId);
    if (suffix) return suffix;
  }
  return undefined;
}

/** The template of the operation resource under one request path template. */
export function operationTemplate(template: string, callParam: string, suffix: OperationSuffix): PathTemplate | undefined {
  const tpl = parseTemplate(template);
  const k = callSegmentIndex(tpl, callParam);
  if (k < 0) return undefined;
  const segments = [...tpl.segments.slice(0, k + 1), ...suffix];
  return { template: '/' + segments.map((s) => ('param' in s ? `{${s.param}}` : s.literal)).join('/'), segments };
}
