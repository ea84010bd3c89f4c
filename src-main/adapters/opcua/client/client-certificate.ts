// The OPC UA client's own application certificate: one per client PKI root, shared by every source, created on
// first use. Exposed so the built-in simulator can trust it before the first connection.
import { getHostname, makeApplicationUrn, type OPCUACertificateManager } from 'node-opcua';
import { acquireCertificateManager, ensureOwnCertificate, type OwnCertificateOptions } from '../pki.js';

/** What the client certificate contains: the applicationUri every source announces, and this host's name. */
export function clientCertificateOptions(applicationName: string): OwnCertificateOptions {
  return { applicationUri: makeApplicationUrn(getHostname(), applicationName), applicationName, dns: [getHostname()] };
}

export async function ensureClientCertificate(
  manager: OPCUACertificateManager,
  applicationName: string,
): Promise<{ file: string; uri: string }> {
  const options = clientCertificateOptions(applicationName);
  const file = await ensureOwnCertificate(manager, options);
  return { file, uri: options.applicationUri };
}

/** Path of the client certificate in `pkiDir`, created if missing. */
export async function clientCertificateFile(pkiDir: string, applicationName: string): Promise<string> {
  const { manager, release } = await acquireCertificateManager(pkiDir);
  try {
    return (await ensureClientCertificate(manager, applicationName)).file;
  } finally {
    await release();
  }
}
