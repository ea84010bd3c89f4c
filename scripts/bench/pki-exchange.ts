// SignAndEncrypt between two separate processes: each side must trust the other's certificate before it connects
// (nothing is ever accepted automatically). The bridge's client certificate is created ahead of its first start.
import { join } from 'node:path';
import { clientCertificateFile } from '../../src-main/adapters/opcua/client/client-certificate.js';
import { ownCertificateFile, trustCertificateFile } from '../../src-main/adapters/opcua/pki.js';
import { CLIENT_APPLICATION_NAME } from '../../src-main/host/simulator-source.js';

/** The simulator's PKI root under its data dir (`plantbridge simulate --data-dir`). */
export const simulatorPki = (simDataDir: string) => join(simDataDir, 'simulator-pki');
/** The bridge's client PKI root under its data dir. */
export const bridgeClientPki = (bridgeDataDir: string) => join(bridgeDataDir, 'pki', 'client');

/** Before the simulator starts: create the bridge's client certificate and put it in the simulator's trust list. */
export async function trustBridgeInSimulator(bridgeDataDir: string, simDataDir: string): Promise<void> {
  const file = await clientCertificateFile(bridgeClientPki(bridgeDataDir), CLIENT_APPLICATION_NAME);
  await trustCertificateFile(simulatorPki(simDataDir), file);
}

/** After the simulator has made its certificate, before the bridge starts: the bridge trusts it. */
export async function trustSimulatorInBridge(simDataDir: string, bridgeDataDir: string): Promise<void> {
  await trustCertificateFile(bridgeClientPki(bridgeDataDir), ownCertificateFile(simulatorPki(simDataDir)));
}
