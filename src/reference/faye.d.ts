/** The part of faye's Node API the reference server uses (faye ships no types). */
declare module 'faye' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { Duplex } from 'node:stream';

  export interface Publication {
    then(onFulfilled?: () => void, onRejected?: (error: unknown) => void): unknown;
  }

  export interface FayeClient {
    publish(channel: string, data: unknown): Publication;
    disconnect(): void;
  }

  export interface FayeExtension {
    incoming?(message: Record<string, unknown>, callback: (message: Record<string, unknown>) => void): void;
    outgoing?(message: Record<string, unknown>, callback: (message: Record<string, unknown>) => void): void;
  }

  export class NodeAdapter {
    constructor(options: { mount: string; timeout?: number; ping?: number });
    getClient(): FayeClient;
    handle(request: IncomingMessage, response: ServerResponse): void;
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
    addExtension(extension: FayeExtension): void;
    close(): void;
  }

  const faye: { NodeAdapter: typeof NodeAdapter; logger?: unknown };
  export default faye;
}
