// What the bridge server offers on the wire. Secure by default: signed and encrypted channels with the three
// current policies only; None and anonymous only in commissioning mode, which start() allows only on loopback.
import { MessageSecurityMode, SecurityPolicy } from 'node-opcua';

/** Basic128Rsa15 and Basic256 are deprecated (SHA-1, PKCS#1 v1.5) and never offered. */
export const SECURE_POLICIES: readonly SecurityPolicy[] = [
  SecurityPolicy.Basic256Sha256,
  SecurityPolicy.Aes128_Sha256_RsaOaep,
  SecurityPolicy.Aes256_Sha256_RsaPss,
];

export const SECURE_MODES: readonly MessageSecurityMode[] = [MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt];

export interface SecurityProfile {
  securityPolicies: SecurityPolicy[];
  securityModes: MessageSecurityMode[];
  allowAnonymous: boolean;
}

export function securityProfile(insecure: boolean): SecurityProfile {
  if (!insecure) return { securityPolicies: [...SECURE_POLICIES], securityModes: [...SECURE_MODES], allowAnonymous: false };
  return {
    securityPolicies: [SecurityPolicy.None, ...SECURE_POLICIES],
    securityModes: [MessageSecurityMode.None, ...SECURE_MODES],
    allowAnonymous: true,
  };
}

export const INSECURE_NOT_LOOPBACK =
  '--opcua-insecure is only allowed when the bridge server is bound to loopback (127.0.0.1/::1)';

/** Sizing for a workstation bridge: a handful of SCADA/HMI clients, not an enterprise server. */
export const SERVER_LIMITS = {
  maxConnectionsPerEndpoint: 20,
  serverCapabilities: {
    maxSessions: 20,
    maxSubscriptions: 100,
    maxSubscriptionsPerSession: 10,
    maxMonitoredItems: 100_000,
    maxMonitoredItemsPerSubscription: 50_000,
    maxMonitoredItemsQueueSize: 1000,
    maxBrowseContinuationPoints: 10,
    maxHistoryContinuationPoints: 0,
    maxStringLength: 64 * 1024,
    maxArrayLength: 100_000,
    maxByteStringLength: 1024 * 1024,
    minSupportedSampleRate: 100,
    operationLimits: {
      maxNodesPerRead: 5000,
      maxNodesPerWrite: 100,
      maxNodesPerBrowse: 1000,
      maxNodesPerTranslateBrowsePathsToNodeIds: 1000,
      maxMonitoredItemsPerCall: 5000,
      maxNodesPerRegisterNodes: 5000,
      maxNodesPerMethodCall: 10,
      maxNodesPerNodeManagement: 0,
      maxNodesPerHistoryReadData: 0,
      maxNodesPerHistoryReadEvents: 0,
      maxNodesPerHistoryUpdateData: 0,
      maxNodesPerHistoryUpdateEvents: 0,
    },
  },
};
