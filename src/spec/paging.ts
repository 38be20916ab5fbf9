/** Whether a list's page documents paging: the reference pages it, verify follows its next link. Pure. */
import type { OperationSpec } from './model.js';

/** A list whose page documents paging: `$top`, or an `@odata.nextLink` beside the example's items. */
export function documentsPaging(spec: OperationSpec): boolean {
  if (spec.shape?.kind !== 'list') return false;
  return (spec.request.query ?? []).some((q) => q.name.toLowerCase() === '$top') || (spec.response.body?.collection?.annotations.includes('@odata.nextLink') ?? false);
}
