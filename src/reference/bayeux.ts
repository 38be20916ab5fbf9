/**
 * The Bayeux/CometD endpoint of the reference server: a real faye NodeAdapter mounted at the
 * target contract's default CometD path (DESIGN.md "Target contract": `<target>/api/v2/notifications`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import faye from 'faye';

/** Where `verify` looks for CometD by default (`--cometd-url`, DESIGN.md "Target contract"). */
export const COMETD_MOUNT = '/api/v2/notifications';

export interface NotificationHub {
  /** Whether a request path (after any profile prefix) belongs to the Bayeux endpoint. */
  handles(path: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  publish(channel: string, data: unknown): Promise<void>;
  close(): void;
}

/** A faye endpoint; `timeoutSeconds` is the long-poll hold time it advises clients. */
export function createNotificationHub(timeoutSeconds = 10): NotificationHub {
  const adapter = new faye.NodeAdapter({ mount: COMETD_MOUNT, timeout: timeoutSeconds });
  const client = adapter.getClient();
  return {
    handles: (path) => path === COMETD_MOUNT || path.startsWith(`${COMETD_MOUNT}/`),
    handle: (req, res) => adapter.handle(req, res),
    handleUpgrade: (req, socket, head) => adapter.handleUpgrade(req, socket, head),
    publish: (channel, data) =>
      new Promise((resolve, reject) => {
        client.publish(channel, data).then(resolve, reject);
      }),
    close: () => {
      client.disconnect();
      adapter.close();
    },
  };
}
