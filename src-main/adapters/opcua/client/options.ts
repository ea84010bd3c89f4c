// What a caller configures for one OPC UA source.
import type { AlarmLimits, EuRange, TagDataType } from '../../../contract/index.js';
import type { Deadband, SubscriptionGroup } from '../../../domain/tags.js';
import type { Clock, Log } from '../../../services/ports.js';

export type SecurityModeName = 'None' | 'Sign' | 'SignAndEncrypt';
export type SecurityPolicyName =
  | 'None'
  | 'Basic256Sha256'
  | 'Aes128_Sha256_RsaOaep'
  | 'Aes256_Sha256_RsaPss'
  /** Deprecated; the project schema refuses them unless the connection allows deprecated policies. */
  | 'Basic128Rsa15'
  | 'Basic256';

/** Who the session is activated as: a user name and password, or an X.509 user certificate with its key file. */
export type UserIdentity = { username: string; password: string } | { certificateFile: string; privateKeyFile: string };

export interface ConnectionTimeouts {
  connectMs: number;
  requestMs: number;
  sessionMs: number;
  keepAliveMs: number;
}

/** A tag named explicitly in the configuration. Metadata left out is read from the server.
 * Give `id` (`site/area/asset/name`) or the four levels; whichever is missing is derived from the other. */
export interface ConfiguredTag {
  id?: string;
  site?: string;
  area?: string;
  asset?: string;
  name?: string;
  nodeId: string;
  group: string;
  /** Defaults to false: writes are opt-in per tag. */
  writable?: boolean;
  deadband?: Deadband | null;
  dataType?: TagDataType;
  unit?: string;
  euRange?: EuRange | null;
  description?: string;
  alarms?: AlarmLimits | null;
}

export interface BrowseOptions {
  /** Every Variable below this node becomes a tag: `<site>/<area>/<asset>/<name>` from the browse path. */
  rootNodeId: string;
  group: string;
  /** Writable when the server's UserAccessLevel grants CurrentWrite; otherwise browsed tags are read-only. */
  writableFromAccessLevel: boolean;
}

export interface OpcuaSourceOptions {
  id: string;
  endpointUrl: string;
  securityMode: SecurityModeName;
  securityPolicy: SecurityPolicyName;
  /** Anonymous when absent. */
  user?: UserIdentity;
  timeouts?: ConnectionTimeouts;
  /** Client PKI root (own/, trusted/, issuers/, rejected/). */
  pkiDir: string;
  applicationName: string;
  groups: SubscriptionGroup[];
  tags: ConfiguredTag[];
  browse?: BrowseOptions;
  log: Log;
  clock: Clock;
  /** Delays between connection attempts; the defaults suit a plant network. Tests shorten them. */
  retry?: Partial<RetryTimings>;
}

export interface RetryTimings {
  /** First retry after an unreachable server; doubles up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Retry pace after a failure that needs a person (untrusted certificate, bad password, policy not offered). */
  slowRetryMs: number;
  /** How long a session may take to come back before the source is rebuilt from scratch. */
  reconnectWatchdogMs: number;
}

export const DEFAULT_RETRY: RetryTimings = {
  initialDelayMs: 1000,
  maxDelayMs: 10_000,
  slowRetryMs: 15_000,
  reconnectWatchdogMs: 60_000,
};
