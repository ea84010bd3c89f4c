// The HTTP listener behind PlantBridge's notification URI (the AE's `poa`): answers the CSE's verification request
// with 2000, hands command contentInstances to the remote-command sink (the same allow-list, audit and gate as
// every other command path), and refuses anything else with a oneM2M code and a counted reject. Never throws.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log, RemoteCommandSink } from '../../services/ports.js';
import { isOurSubscription, parseNotification } from './notification-parse.js';

export interface NotificationServerOptions {
  bind: string;
  port: number;
  sink: RemoteCommandSink;
  /** Recorded as the command's user in the audit. */
  commandUser: string;
  /** X-M2M-Origin values accepted for commands; empty = any (the listener is on loopback by default). */
  allowedOrigins: string[];
  /** The subscription notifications must come from: its path and resource id (null until created). */
  subscription: () => { path: string; ri: string | null; verifying: boolean };
  log: Log;
}

export interface NotificationServer {
  /** `http://host:port/notify` as the CSE should call it (before any `notifyUrl` override). */
  url: string;
  counters(): { received: number; rejected: number; commands: number };
  stop(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

export async function startNotificationServer(o: NotificationServerOptions): Promise<NotificationServer> {
  const counts = { received: 0, rejected: 0, commands: 0 };
  const reply = (res: ServerResponse, http: number, rsc: number, message?: string) => {
    const headers: Record<string, string> = { 'X-M2M-RSC': String(rsc) };
    const ri = res.req.headers['x-m2m-ri'];
    if (typeof ri === 'string') headers['X-M2M-RI'] = ri.slice(0, 128);
    if (message !== undefined) headers['Content-Type'] = 'application/json';
    res.writeHead(http, headers);
    res.end(message === undefined ? undefined : JSON.stringify({ 'm2m:dbg': message }));
  };
  const reject = (res: ServerResponse, http: number, rsc: number, reason: string) => {
    counts.rejected += 1;
    o.sink.malformed('onem2m', reason);
    reply(res, http, rsc, reason);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    counts.received += 1;
    if (req.method !== 'POST') return reject(res, 405, 4005, `method-not-allowed: ${String(req.method).slice(0, 10)}`);
    const origin = req.headers['x-m2m-origin'];
    if (typeof origin !== 'string' || origin === '') return reject(res, 400, 4000, 'no-origin: the notification has no X-M2M-Origin');
    const text = await readBody(req);
    if (text === null) return reject(res, 413, 4000, `too-large: notification body over ${MAX_BODY} bytes`);
    const n = parseNotification(text);
    if (n.kind === 'malformed') return reject(res, 400, 4000, n.reason);
    const sub = o.subscription();
    if (n.kind === 'verify') {
      // Verification comes while our subscription is being created (its resource id is not known yet).
      if (sub.verifying || isOurSubscription(n.sur, sub.path, sub.ri)) return reply(res, 200, 2000);
      return reject(res, 403, 4107, `unknown-subscription: verification for ${String(n.sur).slice(0, 128)}`);
    }
    if (!isOurSubscription(n.sur, sub.path, sub.ri)) return reject(res, 404, 4004, `unknown-subscription: ${String(n.sur).slice(0, 128)}`);
    if (n.kind === 'other') return reply(res, 200, 2000);
    counts.commands += 1;
    const authenticated = o.allowedOrigins.length === 0 || o.allowedOrigins.includes(origin);
    const outcome = await o.sink.submit({
      via: 'onem2m',
      tag: n.tag,
      value: n.value,
      ts: n.ts,
      user: o.commandUser,
      authenticated,
      commandId: n.id,
    });
    o.log.info({ tag: n.tag, status: outcome.status }, 'oneM2M command handled');
    // The notification was received and handled: 2000 whatever the gate decided (the decision is in the audit).
    reply(res, 200, 2000);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      o.log.error({ err }, 'oneM2M notification failed');
      if (!res.headersSent) reply(res, 500, 5000, 'internal error');
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(`oneM2M notification listener cannot listen on ${o.bind}:${o.port} (${err.code ?? err.message})`)),
    );
    server.listen(o.port, o.bind, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = o.bind.includes(':') ? `[${o.bind}]` : o.bind;
  return {
    url: `http://${host}:${port}/notify`,
    counters: () => ({ ...counts }),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
