// The OPC UA client adapter: one OpcuaSource per plant server.
export { createOpcuaSource } from './opcua-source.js';
export type { BrowseOptions, ConfiguredTag, OpcuaSourceOptions, RetryTimings, SecurityModeName, SecurityPolicyName } from './options.js';
export { clientCertificateFile, clientCertificateOptions } from './client-certificate.js';
