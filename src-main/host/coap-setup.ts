// Wires the CoAP uplink of the project's `coap.uplink` section into the uplink list (through the UplinkContext of
// uplink-setup.ts): resolves the PSK (never logged), picks the plain-UDP or DTLS transport, opens the outbox;
// and starts the optional local CoAP server (from app.ts).
import { UdpExchange } from '../adapters/coap/udp-exchange.js';
import { DtlsExchange } from '../adapters/coap/dtls-exchange.js';
import { CoapUplink } from '../adapters/coap/coap-uplink.js';
import { CoapTagServer } from '../adapters/coap/coap-tag-server.js';
import type { TagSample } from '../contract/index.js';
import type { CoapTransport } from '../adapters/coap/coap-transport.js';
import type { Outbox } from '../services/ports.js';
import type { CoapUplinkConfig } from './coap-config.js';
import type { UplinkContext } from './uplink-setup.js';

export const COAP_UPLINK_ID = 'coap';

export interface CoapEndpoint {
  secure: boolean;
  host: string;
  port: number;
  basePath: string;
  /** `coap://host:port` (what the status shows). */
  origin: string;
}

export function parseCoapUrl(url: string): CoapEndpoint {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'coaps:';
  if (!secure && parsed.protocol !== 'coap:') throw new Error(`coap.uplink.url: ${url} is not a coap:// or coaps:// URL`);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const port = parsed.port === '' ? (secure ? 5684 : 5683) : Number(parsed.port);
  const basePath = decodeURIComponent(parsed.pathname).replace(/^\/+|\/+$/g, '');
  return { secure, host, port, basePath, origin: `${parsed.protocol}//${parsed.host}` };
}

/** The key bytes of `psk`; throws a message naming the missing environment variable (never the key). */
export function resolvePsk(psk: NonNullable<CoapUplinkConfig['psk']>, env: NodeJS.ProcessEnv = process.env): Buffer {
  if (psk.keyHex !== undefined) return Buffer.from(psk.keyHex, 'hex');
  if (psk.keyUtf8 !== undefined) return Buffer.from(psk.keyUtf8, 'utf8');
  const name = psk.keyEnv as string;
  const value = env[name];
  if (value === undefined || value.length === 0) {
    throw new Error(`coap.uplink.psk.keyEnv: the environment variable ${name} holding the PSK is not set`);
  }
  return Buffer.from(value, 'utf8');
}

/** The uplink for `cfg`, on plain UDP or DTLS-PSK, storing into `outbox`. */
export function createCoapUplink(cfg: CoapUplinkConfig, ctx: Pick<UplinkContext, 'log' | 'clock'>, outbox: Outbox): CoapUplink {
  const endpoint = parseCoapUrl(cfg.url);
  const timing = { ackTimeoutMs: cfg.ackTimeoutMs, ackRandomFactor: cfg.ackRandomFactor, maxRetransmit: cfg.maxRetransmit };
  let uplink: CoapUplink | null = null;
  let transport: CoapTransport;
  if (endpoint.secure) {
    if (cfg.psk === undefined) throw new Error('coap.uplink.psk: coaps:// needs a pre-shared key');
    transport = new DtlsExchange({
      origin: endpoint.origin,
      hostname: endpoint.host,
      identity: cfg.psk.identity,
      key: resolvePsk(cfg.psk),
      handshakeTimeoutMs: cfg.handshakeTimeoutMs,
    });
  } else {
    transport = new UdpExchange(endpoint.host, endpoint.port, timing, {
      onRetransmit: (attempt, silentMs) => uplink?.countRetransmit(attempt, silentMs),
      onGarbage: (reason) => uplink?.countGarbage(reason),
    });
  }
  uplink = new CoapUplink({
    id: COAP_UPLINK_ID,
    url: endpoint.origin,
    basePath: endpoint.basePath,
    pathTemplate: cfg.pathTemplate,
    transport,
    outbox,
    concurrency: cfg.concurrency,
    retryBaseMs: 1000,
    retryMaxMs: cfg.retryMaxMs,
    probeTimeoutMs: endpoint.secure ? cfg.handshakeTimeoutMs : Math.max(cfg.ackTimeoutMs * 2, 2000),
    keepAliveMs: 30_000,
    log: ctx.log,
    clock: ctx.clock,
  });
  return uplink;
}

/** Adds the CoAP uplink when the project configures one (called from uplink-setup.ts). */
export async function addCoapUplinks(ctx: UplinkContext): Promise<void> {
  const cfg = ctx.project.coap.uplink;
  if (cfg === undefined || !cfg.enabled) return;
  const outbox = await ctx.openOutbox(COAP_UPLINK_ID);
  await ctx.add(createCoapUplink(cfg, ctx, outbox));
}

/** Starts the local CoAP server when `coap.server.enabled`; it follows the tag catalog and the live values. */
export async function startCoapServer(
  project: UplinkContext['project'],
  deps: { log: UplinkContext['log']; current(tagId: string): TagSample | undefined },
): Promise<CoapTagServer | null> {
  const cfg = project.coap.server;
  if (!cfg.enabled) return null;
  const server = new CoapTagServer({ ...cfg, current: deps.current, log: deps.log });
  await server.start();
  return server;
}
