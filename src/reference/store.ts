/**
 * Calls and their operation resources, held in memory. Every mutation is synchronous, so
 * concurrent requests (interleaved only at I/O) never lose each other's updates.
 */
import { randomUUID } from 'node:crypto';
import type { CallState, JsonObject } from './bodies.js';

export interface StoredOperation {
  id: string;
  callId: string;
  /** `<profile>/<operation>` that created it. */
  planKey: string;
  body: JsonObject;
}

export interface CallRecord extends CallState {
  operations: Map<string, StoredOperation>;
}

export class CallStore {
  private readonly calls = new Map<string, CallRecord>();

  create(id: string = randomUUID()): CallRecord {
    const call: CallRecord = { id, properties: {}, operations: new Map() };
    this.calls.set(id, call);
    return call;
  }

  get(id: string): CallRecord | undefined {
    return this.calls.get(id);
  }

  delete(id: string): boolean {
    return this.calls.delete(id);
  }

  addOperation(call: CallRecord, planKey: string, id: string, body: JsonObject): StoredOperation {
    const op: StoredOperation = { id, callId: call.id, planKey, body };
    call.operations.set(id, op);
    return op;
  }

  get size(): number {
    return this.calls.size;
  }
}
