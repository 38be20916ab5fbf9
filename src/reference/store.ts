/**
 * The reference server's resources, held in memory: one collection per resource type under each
 * parent, so a participant exists only in its own call and a list answers only its own items. A
 * resource is addressed by its path of typed ids, outermost first (`[{call,c1}]`,
 * `[{call,c1},{participant,p1}]`); the type is the state parameter's resource (`call`), compared
 * without case, so every documented path to a call (`/communications/calls/{id}`, `/app/calls/{id}`)
 * reaches the same one. The empty path is the root resource (`/me/presence`), which always exists.
 *
 * Every mutation is synchronous, so concurrent requests (interleaved only at I/O) never lose each
 * other's updates. Operation resources (`…/operations/{opId}`) are kept beside, by id.
 */
import { randomUUID } from 'node:crypto';
import type { CallState, JsonObject } from './bodies.js';
import { BoundedMap, type StoreBounds } from './bounded-store.js';

/** How much the store keeps (docs/security.md, "The reference's store"). */
export const DEFAULT_STORE_BOUNDS: { resources: StoreBounds; owners: StoreBounds; operationsPerResource: StoreBounds } = {
  /** Resources of one collection (created by provider states or creating requests): the 10,000 most recent, each for an hour; as many collections. */
  resources: { maxEntries: 10_000, maxAgeMs: 3_600_000 },
  /** Resources that have operation resources: the 1,000 most recent. */
  owners: { maxEntries: 1_000, maxAgeMs: 3_600_000 },
  /** Operation resources under one resource: the 100 most recent. */
  operationsPerResource: { maxEntries: 100, maxAgeMs: 3_600_000 },
};

/** One step of a resource path: the resource type and the id. */
export interface PathStep {
  resource: string;
  id: string;
}
export type ResourcePath = readonly PathStep[];

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

function stepKey(step: PathStep): string {
  return `${step.resource.toLowerCase()}\u0000${step.id}`;
}

function keyOf(path: ResourcePath): string {
  return JSON.stringify(path.map(stepKey));
}

function collectionKey(parent: ResourcePath, resource: string): string {
  return `${keyOf(parent)}\u0001${resource.toLowerCase()}`;
}

export class ResourceStore {
  /** Collections by parent path and item type; each keeps its items in creation order. */
  private readonly collections: BoundedMap<string, BoundedMap<string, ResourceRecord>>;
  /** Operation resources by their owner's path ids, then by id. */
  private readonly operations: BoundedMap<string, BoundedMap<string, StoredOperation>>;
  private readonly root: ResourceRecord = { id: '', properties: {} };

  constructor(private readonly bounds = DEFAULT_STORE_BOUNDS) {
    this.collections = new BoundedMap(bounds.resources);
    this.operations = new BoundedMap(bounds.owners);
  }

  /** Create (or replace) a resource of type `resource` under `parent`; a fresh id when none is given. */
  create(parent: ResourcePath, resource: string, id: string = randomUUID(), properties: JsonObject = {}): ResourceRecord {
    const record: ResourceRecord = { id, properties };
    const key = collectionKey(parent, resource);
    const items = this.collections.get(key) ?? new BoundedMap<string, ResourceRecord>(this.bounds.resources);
    items.set(id, record);
    this.collections.set(key, items);
    return record;
  }

  /** The resource at `path`, if it exists; `[]` is the root resource, which always does. */
  get(path: ResourcePath): ResourceRecord | undefined {
    const last = path[path.length - 1];
    if (!last) return this.root;
    return this.collections.get(collectionKey(path.slice(0, -1), last.resource))?.get(last.id);
  }

  has(path: ResourcePath): boolean {
    return this.get(path) !== undefined;
  }

  /** The items of type `resource` under `parent`, in creation order. */
  list(parent: ResourcePath, resource: string): ResourceRecord[] {
    return this.collections.get(collectionKey(parent, resource))?.values() ?? [];
  }

  /**
   * A resource found by its own type and id alone, whatever its parents: what a server that
   * ignores the outer path parameters finds (the `ignore-outer-param` fault).
   */
  findAnywhere(resource: string, id: string): ResourceRecord | undefined {
    const suffix = `\u0001${resource.toLowerCase()}`;
    for (const key of this.collections.keys()) if (key.endsWith(suffix) && this.collections.get(key)?.has(id)) return this.collections.get(key)?.get(id);
    return undefined;
  }

  /** Delete the resource at `path` and everything under it. */
  delete(path: ResourcePath): boolean {
    const last = path[path.length - 1];
    if (!last) return false;
    const found = this.collections.get(collectionKey(path.slice(0, -1), last.resource))?.delete(last.id) ?? false;
    const below = keyOf(path).slice(0, -1);
    for (const key of this.collections.keys()) if (key.startsWith(`${below},`) || key.startsWith(`${below}]\u0001`)) this.collections.delete(key);
    return found;
  }

  addOperation(owner: readonly string[], planKey: string, id: string, body: JsonObject): StoredOperation {
    const op: StoredOperation = { id, owner: [...owner], planKey, body };
    const key = JSON.stringify(owner);
    const ofOwner = this.operations.get(key) ?? new BoundedMap<string, StoredOperation>(this.bounds.operationsPerResource);
    ofOwner.set(id, op);
    this.operations.set(key, ofOwner);
    return op;
  }

  /** The operation `id` under the path ids `owner`; another path's operation is not found. */
  operation(owner: readonly string[], id: string): StoredOperation | undefined {
    return this.operations.get(JSON.stringify(owner))?.get(id);
  }

  /** Number of resources held (the root not counted). */
  get size(): number {
    let n = 0;
    for (const items of this.collections.values()) n += items.size;
    return n;
  }
}
