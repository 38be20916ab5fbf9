/**
 * Resources and the operation resources created on them, held in memory. A resource is found by
 * the ids of its path, outermost first (`[callId]`, `[callId, participantId]`), so a participant
 * exists only in its own call. The path without parameters (`/me/presence`) acts on one root
 * resource that always exists. Every mutation is synchronous, so concurrent requests (interleaved
 * only at I/O) never lose each other's updates.
 */
import { randomUUID } from 'node:crypto';
import type { CallState, JsonObject } from './bodies.js';

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
  private readonly resources = new Map<string, ResourceRecord>();
  private readonly operations = new Map<string, StoredOperation>();
  private readonly root: ResourceRecord = { id: '', properties: {} };

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
    for (const key of [...this.resources.keys()]) {
      if (key === keyOf(ids) || key.startsWith(`${prefix},`)) found = this.resources.delete(key) || found;
    }
    return found;
  }

  addOperation(owner: readonly string[], planKey: string, id: string, body: JsonObject): StoredOperation {
    const op: StoredOperation = { id, owner: [...owner], planKey, body };
    this.operations.set(id, op);
    return op;
  }

  /** The operation `id` under the path ids `owner`; another path's operation is not found. */
  operation(owner: readonly string[], id: string): StoredOperation | undefined {
    const op = this.operations.get(id);
    return op && keyOf(op.owner) === keyOf(owner) ? op : undefined;
  }

  get size(): number {
    return this.resources.size;
  }
}
