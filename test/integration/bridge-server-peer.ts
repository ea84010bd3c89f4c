// Shared fixtures for the bridge server integration tests: tags, a recording write gate, and a real node-opcua
// client (its own PKI, its own certificate) as the peer.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageSecurityMode, OPCUAClient, SecurityPolicy, UserTokenType } from 'node-opcua';
import type { ClientSession, OPCUACertificateManager } from 'node-opcua';
import { hashPassword } from '../../src-main/adapters/auth/password-hash.js';
import { createCertificateManager, ensureOwnCertificate, ownCertificateFile, ownPrivateKeyFile } from '../../src-main/adapters/opcua/pki.js';
import type { TagDef } from '../../src-main/domain/tags.js';
import type { Log, WriteGate } from '../../src-main/services/ports.js';
import type { BridgeUser } from '../../src-main/adapters/opcua/server/index.js';

export const quietLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function tag(name: string, over: Partial<TagDef>): TagDef {
  const [site, area, asset] = ['Plant1', 'Utilities', 'Pump01'];
  return {
    id: `${site}/${area}/${asset}/${name}`,
    site,
    area,
    asset,
    name,
    sourceId: 'sim',
    nodeId: `ns=2;s=${name}`,
    dataType: 'Double',
    unit: '',
    euRange: null,
    description: `${name} of Pump01`,
    writable: false,
    group: 'default',
    alarms: null,
    deadband: null,
    ...over,
  };
}

export const FLOW = tag('Flow', { unit: 'm³/h', euRange: { low: 0, high: 250 } });
export const SETPOINT = tag('SpeedSetpoint', { unit: '%', euRange: { low: 0, high: 100 }, writable: true });
export const RUNNING = tag('Running', { dataType: 'Boolean' });
export const TEST_TAGS: TagDef[] = [FLOW, SETPOINT, RUNNING];

export const PASSWORD = 'correct horse battery';
let cachedUsers: BridgeUser[] | null = null;
export function testUsers(): BridgeUser[] {
  const hash = hashPassword(PASSWORD);
  cachedUsers ??= [
    { username: 'olga', passwordHash: hash, roles: ['operator'] },
    { username: 'vic', passwordHash: hash, roles: ['viewer'] },
  ];
  return cachedUsers;
}

export interface GateCall {
  tag: string;
  value: unknown;
  user: string;
  via: string;
}

export function recordingGate(answer: { status: string; message: string }): { gate: WriteGate; calls: GateCall[] } {
  const calls: GateCall[] = [];
  return {
    calls,
    gate: async (request) => {
      calls.push(request);
      return answer;
    },
  };
}

/** A client application with its own PKI folder and certificate (created here, as a real client would). */
export interface Peer {
  pkiDir: string;
  manager: OPCUACertificateManager;
  certificateFile: string;
  name: string;
  applicationUri: string;
  close(): Promise<void>;
}

export async function createPeer(pkiDir: string, name = 'BridgeTestClient'): Promise<Peer> {
  const manager = await createCertificateManager(pkiDir);
  const applicationUri = `urn:${os.hostname()}:${name}`;
  const certificateFile = await ensureOwnCertificate(manager, { applicationUri, applicationName: name, dns: [os.hostname(), 'localhost'] });
  return { pkiDir, manager, certificateFile, name, applicationUri, close: () => manager.dispose() };
}

export interface ConnectOptions {
  securityMode?: MessageSecurityMode;
  securityPolicy?: SecurityPolicy;
}

export function makeClient(peer: Peer, o: ConnectOptions = {}): OPCUAClient {
  return OPCUAClient.create({
    applicationName: peer.name,
    applicationUri: peer.applicationUri,
    clientCertificateManager: peer.manager,
    certificateFile: peer.certificateFile,
    privateKeyFile: ownPrivateKeyFile(peer.pkiDir),
    securityMode: o.securityMode ?? MessageSecurityMode.SignAndEncrypt,
    securityPolicy: o.securityPolicy ?? SecurityPolicy.Aes256_Sha256_RsaPss,
    endpointMustExist: false,
    connectionStrategy: { maxRetry: 0, initialDelay: 100, maxDelay: 200 },
    requestedSessionTimeout: 20_000,
  });
}

export async function withSession<T>(
  client: OPCUAClient,
  endpointUrl: string,
  user: { userName: string; password: string } | null,
  body: (session: ClientSession) => Promise<T>,
): Promise<T> {
  await client.connect(endpointUrl);
  try {
    const session = await client.createSession(
      user ? { type: UserTokenType.UserName, userName: user.userName, password: user.password } : { type: UserTokenType.Anonymous },
    );
    try {
      return await body(session);
    } finally {
      await session.close();
    }
  } finally {
    await client.disconnect();
  }
}

export { ownCertificateFile };
