// How one OPC UA source builds its node-opcua client: own certificate, security, identity, connection strategy,
// the wait before the next attempt, and a bounded wait for a step of a shutdown.
import { MessageSecurityMode, OPCUAClient, SecurityPolicy, UserTokenType, type OPCUACertificateManager, type UserIdentityInfo } from 'node-opcua';
import { ownPrivateKeyFile } from '../pki.js';
import type { FailureKind } from './connection-errors.js';
import type { OpcuaSourceOptions, RetryTimings } from './options.js';

/** The client certificate of a source, prepared once per start(). */
export interface SourceCertificate {
  manager: OPCUACertificateManager;
  release(): Promise<void>;
  file: string;
  uri: string;
}

/** A fresh client for one connection attempt. Certificates are never accepted automatically (the manager decides). */
export function createSourceClient(opts: OpcuaSourceOptions, cert: SourceCertificate, retry: RetryTimings): OPCUAClient {
  return OPCUAClient.create({
    applicationName: opts.applicationName,
    applicationUri: cert.uri,
    clientName: `PlantBridge-${opts.id}`,
    clientCertificateManager: cert.manager,
    certificateFile: cert.file,
    privateKeyFile: ownPrivateKeyFile(opts.pkiDir),
    securityMode: MessageSecurityMode[opts.securityMode],
    securityPolicy: SecurityPolicy[opts.securityPolicy],
    endpointMustExist: false,
    keepSessionAlive: true,
    requestedSessionTimeout: 60_000,
    // The first connect is tried once (start() must return); node-opcua retries forever after a lost connection.
    connectionStrategy: { maxRetry: 0, initialDelay: retry.initialDelayMs, maxDelay: retry.maxDelayMs },
  });
}

export function sourceIdentity(opts: OpcuaSourceOptions): UserIdentityInfo {
  const user = opts.user;
  return user ? { type: UserTokenType.UserName, userName: user.username, password: user.password } : { type: UserTokenType.Anonymous };
}

/** An unreachable server is retried with exponential backoff; a refusal (security, certificate) slowly. */
export function retryDelayMs(kind: FailureKind, failedAttempts: number, retry: RetryTimings): number {
  return kind === 'unreachable' ? Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** Math.min(10, failedAttempts - 1)) : retry.slowRetryMs;
}

/** Resolves with the result, or undefined when it failed or took longer than `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([p.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}
