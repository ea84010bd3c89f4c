// The certificate doctor over the two PKI roots (bridge server, OPC UA client): lists with reasons, trust decisions,
// import, and the own certificates (regenerate, export). Implements the CertificateDoctor port.
import { promises as fsp } from 'node:fs';
import { readCertificateChain } from 'node-opcua-crypto';
import type { CertificateStoresDto } from '../../contract/index.js';
import type { CertificateChange, CertificateDoctor, Clock, PkiSide } from '../../services/ports.js';
import { CertificateStoreError, findEverywhere, importInto, listTrustStore, rejectIn, removeIn, trustIn, type Found } from './cert-store-ops.js';
import { acquireCertificateManager, describeCertificate, makeOwnCertificate, ownCertificateFile, type OwnCertificateOptions } from './pki.js';

export interface CertificateDoctorOptions {
  roots: Record<PkiSide, string>;
  /** What a regenerated own certificate contains, per side (computed when asked: host names may change). */
  ownCertificate(side: PkiSide): OwnCertificateOptions;
  /** Puts a regenerated own certificate to use in-process (restarts the sources or the bridge server). */
  apply(side: PkiSide): Promise<void>;
  /** A trust list of `side` changed (the managers already re-read it): e.g. retry connections that waited for it. */
  changed?(side: PkiSide): void;
  clock: Clock;
}

const SIDES: readonly PkiSide[] = ['client', 'server'];

export function createCertificateDoctor(opts: CertificateDoctorOptions): CertificateDoctor {
  /** The one store holding `thumbprint` in an acceptable place; asks for `store` when both sides have it. */
  async function locate(thumbprint: string, store: PkiSide | undefined, accept: (f: Found) => boolean): Promise<PkiSide> {
    if (store) return store;
    const hits: PkiSide[] = [];
    for (const side of SIDES) {
      if ((await findEverywhere(opts.roots[side], thumbprint)).some(accept)) hits.push(side);
    }
    if (hits.length === 0) throw new CertificateStoreError(404, `no certificate or CRL with thumbprint ${thumbprint} in either trust store`);
    if (hits.length > 1) throw new CertificateStoreError(409, `both the client and the server store hold ${thumbprint}: say which (store=client|server)`);
    return hits[0] as PkiSide;
  }

  function change(store: PkiSide, thumbprint: string, found: Found, to: string): CertificateChange {
    opts.changed?.(store);
    return { store, thumbprint: thumbprint.toLowerCase(), subject: found.subject, from: found.place, to };
  }

  async function ownDer(side: PkiSide): Promise<Buffer> {
    const file = ownCertificateFile(opts.roots[side]);
    const der = await fsp.access(file).then(() => readCertificateChain(file)[0], () => undefined);
    if (!der) {
      throw new CertificateStoreError(404, `no own certificate for the ${side} side yet: it is created when the ${side === 'client' ? 'first source starts' : 'bridge server starts'}`);
    }
    return der;
  }

  return {
    async list(): Promise<CertificateStoresDto> {
      const now = opts.clock.now();
      const [server, client] = await Promise.all([listTrustStore(opts.roots.server, now), listTrustStore(opts.roots.client, now)]);
      return { server, client };
    },
    async trust(thumbprint, store) {
      const side = await locate(thumbprint, store, (f) => f.place === 'rejected' || f.place === 'trusted');
      const found = await trustIn(opts.roots[side], thumbprint);
      return change(side, thumbprint, found, 'trusted');
    },
    async reject(thumbprint, store) {
      const side = await locate(thumbprint, store, (f) => f.place === 'trusted' || f.place === 'rejected');
      const found = await rejectIn(opts.roots[side], thumbprint);
      return change(side, thumbprint, found, 'rejected');
    },
    async remove(thumbprint, store) {
      const side = await locate(thumbprint, store, () => true);
      const places = await removeIn(opts.roots[side], thumbprint);
      const first = places[0] as Found;
      return { ...change(side, thumbprint, first, 'none'), from: places.map((p) => p.place).join('+') };
    },
    async import(store, target, body) {
      const done = await importInto(opts.roots[store], target, body);
      opts.changed?.(store);
      return { store, thumbprint: done.thumbprint, subject: done.subject, from: 'none', to: done.place };
    },
    async regenerate(side) {
      const root = opts.roots[side];
      const before = await ownDer(side).catch(() => null);
      const { manager, release } = await acquireCertificateManager(root);
      let der: Buffer;
      try {
        await makeOwnCertificate(manager, opts.ownCertificate(side), { replace: true });
        der = await ownDer(side);
      } finally {
        await release();
      }
      await opts.apply(side);
      const info = describeCertificate(der, ownCertificateFile(root));
      return {
        store: side,
        thumbprint: info.thumbprint,
        subject: info.subject,
        from: before ? describeCertificate(before, '').thumbprint : 'none',
        to: 'own',
      };
    },
    exportOwn: ownDer,
  };
}
