// The zero-setup default: an aedes MQTT broker inside PlantBridge, on a plain TCP server.
// Anonymous access is only allowed on loopback; any other bind address needs a user name and password.
import { createServer, isIP, type Server, type Socket } from 'node:net';
import { timingSafeEqual, createHash } from 'node:crypto';
import { Aedes, type AuthenticateError } from 'aedes';
import type { Log } from '../../services/ports.js';

export interface EmbeddedBrokerOptions {
  host: string;
  /** 0 picks a free port; the real one is in the result. */
  port: number;
  log: Log;
  /** Required when `host` is not a loopback address. */
  credentials?: { username: string; password: string };
}

export interface EmbeddedBroker {
  /** What a local client connects to, e.g. `mqtt://127.0.0.1:1883`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** aedes' CONNACK code 4 (bad user name or password); its const enum cannot be imported under isolatedModules. */
const BAD_USERNAME_OR_PASSWORD = 4;

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  if (!isLoopbackHost(opts.host) && opts.credentials === undefined) {
    throw new Error(
      `the embedded MQTT broker may listen on ${opts.host} (not loopback) only with a user name and password`,
    );
  }
  const aedes = await Aedes.createBroker({ drainTimeout: 30_000 });
  if (opts.credentials !== undefined) installAuthentication(aedes, opts.credentials);
  aedes.on('clientError', (client, err) => opts.log.debug({ client: client.id, err: err.message }, 'MQTT client error'));
  aedes.on('connectionError', (_client, err) => opts.log.debug({ err: err.message }, 'MQTT connection error'));

  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    aedes.handle(socket);
  });
  try {
    await listen(server, opts.host, opts.port);
  } catch (err) {
    await closeAedes(aedes);
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : opts.port;
  const url = `mqtt://${clientHost(opts.host)}:${port}`;
  opts.log.info({ url, bind: opts.host }, 'embedded MQTT broker listening');

  let stopping: Promise<void> | null = null;
  return {
    url,
    port,
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await closeAedes(aedes);
        // aedes ends its clients' streams; a socket that does not finish promptly is cut so server.close() returns.
        for (const socket of sockets) socket.destroy();
        await closed;
        opts.log.info({ url }, 'embedded MQTT broker stopped');
      })();
      return stopping;
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(new Error(listenErrorText(err, host, port)));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError).once('listening', onListening);
    server.listen(port, host);
  });
}

function listenErrorText(err: NodeJS.ErrnoException, host: string, port: number): string {
  switch (err.code) {
    case 'EADDRINUSE':
      return `MQTT port ${port} on ${host} is already in use`;
    case 'EACCES':
      return `MQTT port ${port} on ${host} needs elevated privileges (EACCES): choose a port above 1023`;
    case 'EADDRNOTAVAIL':
      return `MQTT bind address ${host} is not an address of this machine (EADDRNOTAVAIL)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `MQTT bind address ${host} could not be resolved (${err.code})`;
    default:
      return `embedded MQTT broker cannot listen on ${host}:${port}: ${err.message}`;
  }
}

/** Wildcard binds are reached through loopback by the local uplink. */
function clientHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return isIP(host) === 6 ? `[${host}]` : host;
}

function installAuthentication(aedes: Aedes, credentials: { username: string; password: string }): void {
  // Compare digests so the comparison takes the same time whatever the lengths.
  const digest = (value: string | Buffer): Buffer => createHash('sha256').update(value).digest();
  const expectedUser = digest(credentials.username);
  const expectedPassword = digest(credentials.password);
  aedes.authenticate = (_client, username, password, done) => {
    const userOk = timingSafeEqual(digest(username ?? ''), expectedUser);
    const passwordOk = timingSafeEqual(digest(password ?? Buffer.alloc(0)), expectedPassword);
    if (userOk && passwordOk) {
      done(null, true);
      return;
    }
    const error = Object.assign(new Error('bad user name or password'), {
      returnCode: BAD_USERNAME_OR_PASSWORD,
    }) as AuthenticateError;
    done(error, false);
  };
}

function closeAedes(aedes: Aedes): Promise<void> {
  return new Promise((resolve) => aedes.close(() => resolve()));
}
