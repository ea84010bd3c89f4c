// The simulator's node-opcua server: its own PKI, secure endpoints plus None/anonymous for commissioning on loopback,
// and limits raised so 10,000 tags at 10 Hz reach subscribers unthrottled.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAServer,
  SecurityPolicy,
  Subscription,
  nodesets,
} from 'node-opcua';

export interface SimServerSettings {
  host: string;
  port: number;
  pkiDir: string;
  /** Offer the None endpoint (anonymous, unencrypted). Default: only when bound to loopback. */
  allowInsecure: boolean;
}

/** Notifications one publish response may carry; node-opcua's default cap of 1000 throttles 10k tags at 10 Hz. */
const MAX_NOTIFICATIONS_PER_PUBLISH = 50_000;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export async function createSimServer(s: SimServerSettings): Promise<{ server: OPCUAServer; certificateManager: OPCUACertificateManager }> {
  const certificateManager = new OPCUACertificateManager({
    rootFolder: s.pkiDir,
    automaticallyAcceptUnknownCertificate: false,
  });
  await certificateManager.initialize();
  // A static of node-opcua: raising it (never lowering) is safe for any other server in the same process.
  Subscription.maxNotificationPerPublishHighLimit = Math.max(Subscription.maxNotificationPerPublishHighLimit, MAX_NOTIFICATIONS_PER_PUBLISH);
  const secure = [SecurityPolicy.Basic256Sha256, SecurityPolicy.Aes128_Sha256_RsaOaep, SecurityPolicy.Aes256_Sha256_RsaPss];
  const server = new OPCUAServer({
    host: s.host,
    port: s.port,
    // Endpoint URLs name the bound address when it is a concrete one, so clients dial exactly what is listening.
    ...(s.host === '0.0.0.0' || s.host === '::' ? {} : { hostname: s.host }),
    nodesets: [nodesets.standard],
    serverCertificateManager: certificateManager,
    securityModes: s.allowInsecure ? [MessageSecurityMode.None, MessageSecurityMode.SignAndEncrypt] : [MessageSecurityMode.SignAndEncrypt],
    securityPolicies: s.allowInsecure ? [SecurityPolicy.None, ...secure] : secure,
    // A field device for commissioning: anonymous sessions; on a secure channel the client certificate is the gate.
    allowAnonymous: true,
    buildInfo: { productName: 'PlantBridge plant simulator', manufacturerName: 'PlantBridge', softwareVersion: '0.1.0' },
    serverInfo: { applicationUri: 'urn:plantbridge:simulator', productUri: 'urn:plantbridge:simulator' },
    isAuditing: false,
    serverCapabilities: {
      maxSessions: 20,
      // 0 lets a client ask for exception-based reporting (every change), which load tests need.
      minSupportedSampleRate: 0,
      operationLimits: { maxMonitoredItemsPerCall: 20_000, maxNodesPerRead: 20_000, maxNodesPerWrite: 20_000, maxNodesPerBrowse: 20_000 },
    },
  });
  await server.initialize();
  return { server, certificateManager };
}

/** PEM or DER file → DER bytes. */
export async function readCertificateDer(file: string): Promise<Buffer> {
  const raw = await readFile(file);
  const text = raw.toString('latin1');
  const m = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(text);
  if (m && m[1]) return Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
  if (raw[0] !== 0x30) throw new Error(`${file} is neither a PEM nor a DER X.509 certificate`);
  return raw;
}

/** Where node-opcua keeps the server's own certificate inside the PKI folder. */
export function ownCertificateFile(pkiDir: string): string {
  return join(pkiDir, 'own', 'certs', 'certificate.pem');
}
