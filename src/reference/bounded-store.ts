/**
 * A Map that forgets: at most `maxEntries` entries (the least recently written goes first) and
 * none older than `maxAgeMs` since it was written. The reference keeps what its clients create
 * (calls, operation resources) in these, so a long-running `serve` used as a mock server stays
 * flat in memory however many requests it takes (docs/security.md, "The reference's store").
 * Eviction is amortised O(1): entries are kept in write order, so the oldest are at the front.
 */
export interface StoreBounds {
  maxEntries: number;
  maxAgeMs: number;
}

interface Entry<V> {
  value: V;
  writtenAt: number;
}

export class BoundedMap<K, V> {
  private readonly entries = new Map<K, Entry<V>>();

  constructor(
    readonly bounds: StoreBounds,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: K): V | undefined {
    this.expire();
    return this.entries.get(key)?.value;
  }

  has(key: K): boolean {
    this.expire();
    return this.entries.has(key);
  }

  /** Write `key` (as the newest entry), then drop the oldest past the bounds. */
  set(key: K, value: V): this {
    this.entries.delete(key);
    this.entries.set(key, { value, writtenAt: this.now() });
    while (this.entries.size > this.bounds.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    this.expire();
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  keys(): K[] {
    this.expire();
    return [...this.entries.keys()];
  }

  values(): V[] {
    this.expire();
    return [...this.entries.values()].map((e) => e.value);
  }

  get size(): number {
    this.expire();
    return this.entries.size;
  }

  private expire(): void {
    const oldest = this.now() - this.bounds.maxAgeMs;
    for (const [key, entry] of this.entries) {
      if (entry.writtenAt > oldest) break;
      this.entries.delete(key);
    }
  }
}
