// Wires the certificate doctor into the app: the two PKI roots, what a regenerated own certificate contains, and
// how it is put to use without restarting the process (sources reconnect; the bridge server restarts in-process).
import { getFullyQualifiedDomainName, getHostname, getIpAddresses } from 'node-opcua';
import { isIP } from 'node:net';
import { createCertificateDoctor } from '../adapters/opcua/certificate-doctor.js';
import { clientCertificateFile, clientCertificateOptions } from '../adapters/opcua/client/index.js';
import { BRIDGE_SERVER_APPLICATION_NAME, bridgeServerApplicationUri } from '../adapters/opcua/server/index.js';
import type { OwnCertificateOptions } from '../adapters/opcua/pki.js';
import { isUnspecified } from '../adapters/opcua/server/loopback.js';
import type { BridgeServer, CertificateDoctor, Clock, Log, OpcuaSource, PkiSide } from '../services/ports.js';
import { CLIENT_APPLICATION_NAME } from './simulator-source.js';

export interface CertificateDoctorDeps {
  pki: { clientPki: string; serverPki: string };
  /** Address the bridge server binds (its IP or name goes into the server certificate too). */
  bind: string;
  sources(): OpcuaSource[];
  bridgeServer(): BridgeServer | null;
  /** The built-in simulator, which must trust a regenerated client certificate before the sources reconnect. */
  simulator(): { trustClientCertificate(file: string): Promise<void> } | null;
  log: Log;
  clock: Clock;
}

/** The same names node-opcua puts in a server certificate it creates, plus the bind address. */
export function serverCertificateOptions(bind: string): OwnCertificateOptions {
  const named = !isUnspecified(bind) && isIP(bind) === 0 ? [bind] : [];
  const bound = !isUnspecified(bind) && isIP(bind) !== 0 ? [bind] : [];
  return {
    applicationUri: bridgeServerApplicationUri(),
    applicationName: BRIDGE_SERVER_APPLICATION_NAME,
    dns: [...new Set([getHostname(), getFullyQualifiedDomainName(), ...named])],
    ip: [...new Set([...getIpAddresses(), ...bound])].sort(),
    validityDays: 365 * 10,
  };
}

export function setupCertificateDoctor(d: CertificateDoctorDeps): CertificateDoctor {
  return createCertificateDoctor({
    roots: { client: d.pki.clientPki, server: d.pki.serverPki },
    ownCertificate: (side: PkiSide) => (side === 'client' ? clientCertificateOptions(CLIENT_APPLICATION_NAME) : serverCertificateOptions(d.bind)),
    clock: d.clock,
    changed(side) {
      if (side !== 'client') return;
      // A source waiting for a person (untrusted server certificate) would otherwise retry only after its slow delay.
      for (const source of d.sources().filter((s) => s.status().state === 'failed')) {
        void source
          .stop()
          .then(() => source.start())
          .catch((err: unknown) => d.log.warn({ source: source.id, err }, 'retry after a trust change failed'));
      }
    },
    async apply(side) {
      if (side === 'client') {
        const sim = d.simulator();
        if (sim) await sim.trustClientCertificate(await clientCertificateFile(d.pki.clientPki, CLIENT_APPLICATION_NAME));
        // A fresh connection presents the new certificate; the sources reload it on start.
        for (const source of d.sources()) {
          await source.stop();
          await source.start();
        }
        d.log.info({ sources: d.sources().length }, 'client certificate regenerated: sources reconnected');
        return;
      }
      const server = d.bridgeServer();
      if (!server) return;
      await server.stop();
      await server.start();
      d.log.info({ endpointUrl: server.status().endpointUrl }, 'bridge server certificate regenerated: server restarted');
    },
  });
}
