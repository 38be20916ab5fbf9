/** Filling a value with what a documented example shows where it holds nothing. Pure. */

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * `value` with what `defaults` shows where it holds nothing, at every depth: an object the request
 * set with fewer keys than the example shows keeps its own and gains the others; the items of an
 * array take the example's first item as theirs.
 */
export function withDefaults(value: unknown, defaults: unknown): unknown {
  if (value === undefined) return structuredClone(defaults);
  if (Array.isArray(value)) return Array.isArray(defaults) && defaults[0] !== undefined ? value.map((v) => withDefaults(v, defaults[0])) : value;
  if (!isObject(value) || !isObject(defaults)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const [k, d] of Object.entries(defaults)) out[k] = withDefaults(value[k], d);
  return out;
}


/**
 * `json` with every item of an array holding what its first item shows, at every depth: a
 * consumer (Pact's `eachLike`) expects each item like the first, and an example may print later
 * items shorter (getSchedule's second schedule lists fewer properties of its items).
 */
export function itemsLikeFirst(json: unknown): unknown {
  if (Array.isArray(json)) {
    const items = json.map(itemsLikeFirst);
    return items.map((item, i) => (i === 0 ? item : withDefaults(item, items[0])));
  }
  if (!isObject(json)) return json;
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, itemsLikeFirst(v)]));
}
