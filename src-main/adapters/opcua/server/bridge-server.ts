// PlantBridge's own OPC UA server: mirrors every bridged tag, forwards client writes to the write gate.
import path from 'node:path';
import { OPCUACertificateManager, OPCUAServer, UserTokenType, getHostname } from 'node-opcua';
import type { AlarmDto, BridgeServerStatus } from '../../../contract/index.js';
import type { TagDef } from '../../../domain/tags.js';
import type { AlarmActions, BridgeServer, Log, WriteGate } from '../../../services/ports.js';
import { AlarmConditions } from './alarm-conditions.js';
import { createCertificateManager } from '../pki.js';
import { isLoopback, isUnspecified } from './loopback.js';
import { INSECURE_NOT_LOOPBACK, SERVER_LIMITS, securityProfile } from './security-profile.js';
import { TagTree } from './tag-tree.js';
import { createUserDirectory, type BridgeUser } from './user-directory.js';
import type { WriteCounters } from './write-path.js';

export interface BridgeServerOptions {
  /** Bind address, e.g. 127.0.0.1 (node-opcua listens on all interfaces unless told). */
  host: string;
  port: number;
  /** Server PKI root: own certificate (made on first start), trusted/ and rejected/ client certificates. */
  pkiDir: string;
  users: BridgeUser[];
  /** Commissioning mode: also SecurityMode None and anonymous (read-only). Only allowed on loopback. */
  insecure: boolean;
  writeGate: WriteGate;
  /** Where Acknowledge/Confirm called on an alarm condition go; without it the methods answer BadNotSupported. */
  alarmActions?: AlarmActions;
  applicationName?: string;
  productUri?: string;
  log: Log;
}

export const DEFAULT_APPLICATION_NAME = 'PlantBridge Bridge Server';

/** The bridge server's applicationUri: its own certificate must carry the same one (regenerate uses it too). */
export function bridgeServerApplicationUri(): string {
  return `urn:${getHostname()}:PlantBridge:BridgeServer`;
}
const DEFAULT_PRODUCT_URI = 'urn:plantbridge:bridge-server';

function policyName(uri: string): string {
  return uri.slice(uri.lastIndexOf('#') + 1);
}

function portInUseMessage(host: string, port: number): string {
  return `OPC UA port ${port} on ${host} is already in use`;
}

function isAddressInUse(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === 'EADDRINUSE' || (typeof e?.message === 'string' && e.message.includes('EADDRINUSE'));
}

/** node-opcua lists X.509 user tokens on every secure endpoint; PlantBridge does not accept them (yet). */
function withdrawCertificateUserTokens(server: OPCUAServer): void {
  for (const endpoint of server.endpoints) {
    for (const description of endpoint.endpointDescriptions()) {
      description.userIdentityTokens = (description.userIdentityTokens ?? []).filter(
        (t) => t.tokenType !== UserTokenType.Certificate,
      );
    }
  }
}

export function createBridgeServer(opts: BridgeServerOptions): BridgeServer {
  const profile = securityProfile(opts.insecure);
  const counters: WriteCounters = { accepted: 0, rejected: 0 };
  const users = createUserDirectory(opts.users);
  const urlHost = isUnspecified(opts.host) ? getHostname() : opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  let server: OPCUAServer | null = null;
  let tree: TagTree | null = null;
  let pendingTags: readonly TagDef[] = [];
  let conditions: AlarmConditions | null = null;
  let pendingAlarms = new Map<string, AlarmDto>();
  let endpointUrl = `opc.tcp://${urlHost}:${opts.port}`;

  async function start(): Promise<void> {
    if (server) throw new Error('bridge server already started');
    if (opts.insecure && !isLoopback(opts.host)) throw new Error(INSECURE_NOT_LOOPBACK);
    const serverCertificateManager = await createCertificateManager(opts.pkiDir);
    // Never node-opcua's default user PKI, which accepts unknown certificates.
    const userCertificateManager = new OPCUACertificateManager({
      rootFolder: path.join(path.resolve(opts.pkiDir), 'user-tokens'),
      automaticallyAcceptUnknownCertificate: false,
    });
    const productUri = opts.productUri ?? DEFAULT_PRODUCT_URI;
    const candidate = new OPCUAServer({
      host: opts.host,
      hostname: urlHost,
      port: opts.port,
      serverCertificateManager,
      userCertificateManager,
      ...profile,
      userManager: users,
      serverInfo: {
        applicationUri: bridgeServerApplicationUri(),
        productUri,
        applicationName: { text: opts.applicationName ?? DEFAULT_APPLICATION_NAME, locale: 'en' },
      },
      buildInfo: { productName: 'PlantBridge', productUri, manufacturerName: 'PlantBridge' },
      isAuditing: false,
      ...SERVER_LIMITS,
    });
    try {
      await candidate.initialize();
      const addressSpace = candidate.engine.addressSpace;
      if (!addressSpace) throw new Error('bridge server: address space missing after initialize');
      tree = new TagTree(addressSpace, opts.writeGate, counters, opts.log);
      tree.setTags(pendingTags);
      conditions = new AlarmConditions(addressSpace, opts.alarmActions ?? null, opts.log);
      conditions.setAlarms([...pendingAlarms.values()]);
      withdrawCertificateUserTokens(candidate);
      await candidate.start();
    } catch (err) {
      tree = null;
      conditions = null;
      await candidate.shutdown(0).catch(() => undefined);
      if (isAddressInUse(err)) throw new Error(portInUseMessage(opts.host, opts.port));
      throw err;
    }
    server = candidate;
    endpointUrl = candidate.getEndpointUrl();
    opts.log.info({ endpointUrl, insecure: opts.insecure, tags: tree.size }, 'bridge server listening');
  }

  async function stop(): Promise<void> {
    const current = server;
    server = null;
    tree = null;
    conditions = null;
    if (current) await current.shutdown(0);
  }

  return {
    start,
    stop,
    setTags(tags) {
      pendingTags = tags;
      tree?.setTags(tags);
    },
    update(batch) {
      tree?.update(batch);
    },
    setAlarms(alarms) {
      pendingAlarms = new Map(alarms.map((a) => [a.id, a]));
      conditions?.setAlarms(alarms);
    },
    updateAlarms(changed) {
      for (const a of changed) pendingAlarms.set(a.id, a);
      conditions?.update(changed);
    },
    status(): BridgeServerStatus {
      return {
        endpointUrl,
        securityModes: profile.securityModes.map((m) => ['Invalid', 'None', 'Sign', 'SignAndEncrypt'][m] ?? String(m)),
        securityPolicies: profile.securityPolicies.map(policyName),
        allowAnonymous: profile.allowAnonymous,
        sessions: server?.currentSessionCount ?? 0,
        tags: tree?.size ?? pendingTags.length,
        acceptedWrites: counters.accepted,
        rejectedWrites: counters.rejected,
      };
    },
  };
}
