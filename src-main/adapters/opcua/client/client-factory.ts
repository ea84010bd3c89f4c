// Builds an OPCUAClient and the user identity from a connection's settings: shared by the running sources and
// by "Test connection", so a test connects exactly the way the source will.
import {
  MessageSecurityMode,
  OPCUAClient,
  SecurityPolicy,
  UserTokenType,
  type OPCUACertificateManager,
  type UserIdentityInfo,
} from 'node-opcua';
import { keyOperationsFromPrivateKey, readCertificate, readPrivateKey } from 'node-opcua-crypto';
import { ownPrivateKeyFile } from '../pki.js';
import type { ConnectionTimeouts, SecurityModeName, SecurityPolicyName, UserIdentity } from './options.js';

export const DEFAULT_TIMEOUTS: ConnectionTimeouts = { connectMs: 10_000, requestMs: 15_000, sessionMs: 60_000, keepAliveMs: 10_000 };

export interface ClientSettings {
  id: string;
  applicationName: string;
  securityMode: SecurityModeName;
  securityPolicy: SecurityPolicyName;
  pkiDir: string;
  timeouts?: ConnectionTimeouts | undefined;
}

export interface ClientCertificate {
  manager: OPCUACertificateManager;
  file: string;
  uri: string;
}

/** A security mode of None always goes with the None policy (an older project may name a policy with mode None). */
export function effectivePolicy(mode: SecurityModeName, policy: SecurityPolicyName): SecurityPolicyName {
  return mode === 'None' ? 'None' : policy;
}

export function createClient(
  s: ClientSettings,
  cert: ClientCertificate,
  retry: { maxRetry: number; initialDelay: number; maxDelay: number },
): OPCUAClient {
  const t = s.timeouts ?? DEFAULT_TIMEOUTS;
  return OPCUAClient.create({
    applicationName: s.applicationName,
    applicationUri: cert.uri,
    clientName: `PlantBridge-${s.id}`,
    clientCertificateManager: cert.manager,
    certificateFile: cert.file,
    privateKeyFile: ownPrivateKeyFile(s.pkiDir),
    securityMode: MessageSecurityMode[s.securityMode],
    securityPolicy: SecurityPolicy[effectivePolicy(s.securityMode, s.securityPolicy)],
    endpointMustExist: false,
    keepSessionAlive: true,
    keepAliveInterval: t.keepAliveMs,
    requestedSessionTimeout: t.sessionMs,
    transportTimeout: t.connectMs,
    defaultTransactionTimeout: t.requestMs,
    connectionStrategy: retry,
  });
}

/** The identity to activate the session with; a certificate user's files are read here (a clear error if missing). */
export function identityOf(user: UserIdentity | undefined): UserIdentityInfo {
  if (!user) return { type: UserTokenType.Anonymous };
  if ('certificateFile' in user) {
    let certificateData: Buffer;
    let keyFile: ReturnType<typeof readPrivateKey>;
    try {
      certificateData = readCertificate(user.certificateFile);
    } catch (err) {
      throw new Error(`cannot read the user certificate ${user.certificateFile}: ${(err as Error).message}`);
    }
    try {
      keyFile = readPrivateKey(user.privateKeyFile);
    } catch (err) {
      throw new Error(`cannot read the user private key ${user.privateKeyFile}: ${(err as Error).message}`);
    }
    return { type: UserTokenType.Certificate, certificateData, keyOperations: keyOperationsFromPrivateKey(keyFile) };
  }
  return { type: UserTokenType.UserName, userName: user.username, password: user.password };
}
