/**
 * Bounds on what one page may make the extractor do (docs/security.md, "Limits"). A page past a
 * bound still gets a result: the part within the bound is read and a finding names the line and
 * the limit, so no page can exhaust the stack or take time beyond linear in its size.
 */

/** Block nesting (block quotes, lists) read from markdown; deeper content is not read. */
export const MAX_BLOCK_NESTING = 100;

/** Nesting of arrays and objects in a JSON example; a deeper example is left out of the spec. */
export const MAX_JSON_DEPTH = 64;

/** Depth of the deepest array/object in a parsed JSON value, counted without recursion. */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, depth);
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}
