/**
 * Resources and the operation resources created on them, held in memory. A resource is found by
 * the ids of its path, outermost first (`[callId]`, `[callId, participantId]`), so a participant
 * exists only in its own call. The path without parameters (`/me/presence`) acts on one root
 * resource that always exists. Every mutation is synchronous, so concurrent requests (interleaved
 * only at I/O) never lose each other's updates.
 */
import { randomUUID } from 'node:crypto';
import type { CallState, JsonObject } from './bodies.js';
import { BoundedMap, type StoreBounds } from './bounded-store.js';

/** How much the store keeps (docs/security.md, "The reference's store"). */
export const DEFAULT_STORE_BOUNDS: { resources: StoreBounds; owners: StoreBounds; operationsPerResource: StoreBounds } = {
  /** Resources created by provider states or creating requests: the 10,000 most recent, each for an hour. */
  resources: { maxEntries: 10_000, maxAgeMs: 3_600_000 },
  /** Resources that have operation resources: the 1,000 most recent. */
  owners: { maxEntries: 1_000, maxAgeMs: 3_600_000 },
  /** Operation resources under one resource: the 100 most recent. */
  operationsPerResource: { maxEntries: 100, maxAgeMs: 3_600_000 },
};

export interface StoredOperation {
  id: string;
  /** Ids of the path the operation lives under (its Location, without the operation id). */
  owner: readonly string[];
  /** `<profile>/<operation>` that created it. */
  planKey: string;
  body: JsonObject;
}

/** A resource: its own id (the last of its path's ids) and its properties. */
export type ResourceRecord = CallState;

function keyOf(ids: readonly string[]): string {
  return JSON.stringify(ids);
}

export class ResourceStore {
  private readonly resources: BoundedMap<string, ResourceRecord>;
  /** Operation resources by the key of their owner's path ids, then by id. */
  private readonly operations: BoundedMap<string, BoundedMap<string, StoredOperation>>;
  private readonly root: ResourceRecord = { id: '', properties: {} };

  constructor(private readonly bounds = DEFAULT_STORE_BOUNDS) {
    this.resources = new BoundedMap(bounds.resources);
    this.operations = new BoundedMap(bounds.owners);
  }

  /** Create (or replace) the resource at `ids`; the last id is its own, a fresh one when none is given. */
  create(outer: readonly string[], id: string = randomUUID()): ResourceRecord {
    const record: ResourceRecord = { id, properties: {} };
    this.resources.set(keyOf([...outer, id]), record);
    return record;
  }

  /** The resource at `ids`, if it exists; `[]` is the root resource, which always does. */
  get(ids: readonly string[]): ResourceRecord | undefined {
    if (ids.length === 0) return this.root;
    return this.resources.get(keyOf(ids));
  }

  has(ids: readonly string[]): boolean {
    return ids.length === 0 || this.resources.has(keyOf(ids));
  }

  /** Delete the resource at `ids` and everything under it. */
  delete(ids: readonly string[]): boolean {
    const prefix = keyOf(ids).slice(0, -1);
    let found = false;
    for (const key of this.resources.keys()) {
      if (key === keyOf(ids) || key.startsWith(`${prefix},`)) found = this.resources.delete(key) || found;
    }
    return found;
  }

  addOperation(owner: readonly string[], planKey: string, id: string, body: JsonObject): StoredOperation {
    const op: StoredOperation = { id, owner: [...owner], planKey, body };
    const key = keyOf(owner);
    const ofOwner = this.operations.get(key) ?? new BoundedMap<string, StoredOperation>(this.bounds.operationsPerResource);
    this.operations.set(key, ofOwner.set(id, op));
    return op;
  }

  /** The operation `id` under the path ids `owner`; another path's operation is not found. */
  operation(owner: readonly string[], id: string): StoredOperation | undefined {
    return this.operations.get(keyOf(owner))?.get(id);
  }

  get size(): number {
    return this.resources.size;
  }

  /** Operation resources held, across every owner. */
  get operationCount(): number {
    return this.operations.keys().reduce((n, key) => n + (this.operations.get(key)?.size ?? 0), 0);
  }
}
