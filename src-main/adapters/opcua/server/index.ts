// PlantBridge's bridge OPC UA server: the public face of this folder.
export { createBridgeServer, type BridgeServerOptions } from './bridge-server.js';
export { bridgeServerApplicationUri, DEFAULT_APPLICATION_NAME as BRIDGE_SERVER_APPLICATION_NAME } from './bridge-server.js';
export { isLoopback } from './loopback.js';
export type { BridgeRole, BridgeUser } from './user-directory.js';
