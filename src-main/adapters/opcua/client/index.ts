// The OPC UA client adapter: one OpcuaSource per plant server.
export { createOpcuaSource, hasSessionAccess, type SessionAccess } from './opcua-source.js';
export type { BrowseOptions, ConfiguredTag, OpcuaSourceOptions, RetryTimings, SecurityModeName, SecurityPolicyName, UserIdentity } from './options.js';
export { clientCertificateFile, clientCertificateOptions } from './client-certificate.js';
export { testConnection, type ConnectionTestSettings } from './connection-test.js';
export { listEndpoints } from './endpoints.js';
export { browseChildren, readNodeAttributes } from './address-space.js';
