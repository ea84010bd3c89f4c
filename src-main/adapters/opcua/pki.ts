// Certificate trust (PKI folders laid out per OPC UA Part 6) for the OPC UA client and the bridge server.
// Every certificate manager made here refuses unknown certificates: node-opcua's default manager
// (getDefaultCertificateManager) accepts them automatically, which is why it is never used.
import { promises as fsp, existsSync } from 'node:fs';
import path from 'node:path';
import { OPCUACertificateManager, makeSubject } from 'node-opcua';
import { exploreCertificate, makeSHA1Thumbprint, readCertificateChain } from 'node-opcua-crypto';
import type { CertificateDto, CertificateStoresDto } from '../../contract/index.js';
import type { TrustStores } from '../../services/ports.js';
import { recordVerdictsOf } from './cert-verdicts.js';

const CERTIFICATE_FILE = /\.(pem|der|crt|cer)$/i;

/** Managers alive in this process, by PKI root: told to re-read their folders when a trust decision moves a file. */
const liveManagers = new Map<string, Set<OPCUACertificateManager>>();

export function trustedCertsFolder(rootFolder: string): string {
  return path.join(rootFolder, 'trusted', 'certs');
}

export function rejectedFolder(rootFolder: string): string {
  return path.join(rootFolder, 'rejected');
}

/** The application's own certificate (one per PKI root: the client and the bridge server each have their own root). */
export function ownCertificateFile(rootFolder: string): string {
  return path.join(rootFolder, 'own', 'certs', 'certificate.pem');
}

export function ownPrivateKeyFile(rootFolder: string): string {
  return path.join(rootFolder, 'own', 'private', 'private_key.pem');
}

/** A certificate manager on `rootFolder`, initialised (folders and private key created), never auto-accepting. */
export async function createCertificateManager(rootFolder: string): Promise<OPCUACertificateManager> {
  const root = path.resolve(rootFolder);
  const manager = new OPCUACertificateManager({ rootFolder: root, automaticallyAcceptUnknownCertificate: false });
  // Set again after construction: the security stance must not depend on a library default.
  manager.automaticallyAcceptUnknownCertificate = false;
  await manager.initialize();
  // Why a peer certificate was refused is kept for the certificate doctor (Connections page).
  recordVerdictsOf(manager, root);
  let set = liveManagers.get(root);
  if (!set) {
    set = new Set();
    liveManagers.set(root, set);
  }
  set.add(manager);
  const dispose = manager.dispose.bind(manager);
  manager.dispose = async (): Promise<void> => {
    liveManagers.get(root)?.delete(manager);
    await dispose();
  };
  return manager;
}

const shared = new Map<string, { manager: Promise<OPCUACertificateManager>; users: number }>();

/** One manager per PKI root shared by every user in this process (several OPC UA sources share the client PKI);
 * `release()` disposes it when the last user lets go. */
export async function acquireCertificateManager(
  rootFolder: string,
): Promise<{ manager: OPCUACertificateManager; release(): Promise<void> }> {
  const root = path.resolve(rootFolder);
  let entry = shared.get(root);
  if (!entry) {
    entry = { manager: createCertificateManager(root), users: 0 };
    shared.set(root, entry);
  }
  entry.users++;
  const current = entry;
  let manager: OPCUACertificateManager;
  try {
    manager = await current.manager;
  } catch (err) {
    current.users--;
    if (shared.get(root) === current) shared.delete(root);
    throw err;
  }
  let released = false;
  return {
    manager,
    async release(): Promise<void> {
      if (released) return;
      released = true;
      current.users--;
      if (current.users === 0) {
        if (shared.get(root) === current) shared.delete(root);
        await manager.dispose();
      }
    },
  };
}

const ownCertificateCreations = new Map<string, Promise<string>>();

export interface OwnCertificateOptions {
  applicationUri: string;
  applicationName: string;
  /** Host names for the subjectAltName (servers: every name clients use in the endpoint URL). */
  dns: string[];
  ip?: string[];
  validityDays?: number;
  /** Start of validity (default now); tests use past or future dates to make expired or not-yet-valid certificates. */
  startDate?: Date;
}

/** Creates the application's own self-signed certificate unless it exists; returns its path. Call before the
 * client or server is first used, and pass the path as `certificateFile` so both agree on where it lives. */
export async function ensureOwnCertificate(manager: OPCUACertificateManager, options: OwnCertificateOptions): Promise<string> {
  const file = ownCertificateFile(manager.rootDir);
  if (existsSync(file)) return file;
  // Two sources starting together must not both generate a certificate for the same key.
  let creation = ownCertificateCreations.get(file);
  if (!creation) {
    creation = createOwnCertificate(manager, file, options).finally(() => ownCertificateCreations.delete(file));
    ownCertificateCreations.set(file, creation);
  }
  return creation;
}

async function createOwnCertificate(manager: OPCUACertificateManager, file: string, options: OwnCertificateOptions): Promise<string> {
  await manager.createSelfSignedCertificate({
    applicationUri: options.applicationUri,
    dns: options.dns,
    ip: options.ip ?? [],
    subject: makeSubject(options.applicationName, options.dns[0] ?? 'localhost'),
    startDate: options.startDate ?? new Date(),
    validity: options.validityDays ?? 365 * 5,
    outputFile: file,
  });
  return file;
}

/** A new own certificate (same private key) for `manager`'s root; `replace` swaps an existing one atomically. */
export async function makeOwnCertificate(
  manager: OPCUACertificateManager,
  options: OwnCertificateOptions,
  { replace }: { replace: boolean },
): Promise<string> {
  const file = ownCertificateFile(manager.rootDir);
  if (!replace) return ensureOwnCertificate(manager, options);
  const tmp = `${file}.new.pem`;
  await createOwnCertificate(manager, tmp, options);
  await fsp.rename(tmp, file);
  return file;
}

function formatName(name: object): string {
  const short: Record<string, string> = {
    commonName: 'CN',
    organizationName: 'O',
    organizationalUnitName: 'OU',
    localityName: 'L',
    stateOrProvinceName: 'ST',
    countryName: 'C',
    domainComponent: 'DC',
  };
  const parts: string[] = [];
  for (const [key, label] of Object.entries(short)) {
    const value = (name as Record<string, unknown>)[key];
    if (typeof value === 'string' && value !== '') parts.push(`${label}=${value}`);
  }
  return parts.join(', ');
}

export function thumbprintOf(der: Buffer): string {
  return makeSHA1Thumbprint(der).toString('hex');
}

/** Reads a certificate file (PEM or DER) into the contract's description. Throws on a file that is no certificate. */
export function describeCertificateFile(file: string): CertificateDto {
  const der = readCertificateChain(file)[0];
  if (!der) throw new Error(`${file} holds no certificate`);
  return describeCertificate(der, file);
}

export function describeCertificate(der: Buffer, file: string): CertificateDto {
  const tbs = exploreCertificate(der).tbsCertificate;
  const uris = tbs.extensions?.subjectAltName?.['uniformResourceIdentifier'];
  return {
    thumbprint: thumbprintOf(der),
    subject: formatName(tbs.subject),
    issuer: formatName(tbs.issuer),
    applicationUri: uris?.[0] ?? null,
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    file,
  };
}

/** The certificate files of a store folder, sorted by name; none when the folder does not exist (yet). */
export async function certificateFiles(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fsp.readdir(folder);
  } catch {
    return [];
  }
  return names.sort().filter((name) => CERTIFICATE_FILE.test(name)).map((name) => path.join(folder, name));
}

async function describeFolder(folder: string): Promise<CertificateDto[]> {
  const out: CertificateDto[] = [];
  for (const file of await certificateFiles(folder)) {
    try {
      out.push(describeCertificateFile(file));
    } catch {
      // A stray or damaged file in a store is not a reason to hide the rest of it.
    }
  }
  return out;
}

export async function listStore(rootFolder: string): Promise<{ trusted: CertificateDto[]; rejected: CertificateDto[] }> {
  const [trusted, rejected] = await Promise.all([
    describeFolder(trustedCertsFolder(rootFolder)),
    describeFolder(rejectedFolder(rootFolder)),
  ]);
  return { trusted, rejected };
}

export async function reloadLiveManagers(rootFolder: string): Promise<void> {
  const set = liveManagers.get(path.resolve(rootFolder));
  if (!set) return;
  await Promise.all([...set].map((m) => m.reloadCertificates()));
}

/** Moves a rejected certificate into trusted/certs; the next connection attempt (client) or handshake (server)
 * accepts it without a restart. */
export async function trustByThumbprint(rootFolder: string, thumbprint: string): Promise<void> {
  const wanted = thumbprint.toLowerCase();
  const rejected = await describeFolder(rejectedFolder(rootFolder));
  const match = rejected.find((c) => c.thumbprint === wanted);
  if (!match) {
    const trusted = await describeFolder(trustedCertsFolder(rootFolder));
    if (trusted.some((c) => c.thumbprint === wanted)) return;
    throw new Error(
      `No rejected certificate with thumbprint ${wanted} in ${rejectedFolder(rootFolder)}: ` +
        'it appears there only after a peer has tried to connect with it.',
    );
  }
  const target = path.join(trustedCertsFolder(rootFolder), path.basename(match.file));
  await fsp.mkdir(path.dirname(target), { recursive: true });
  await fsp.rename(match.file, target);
  await reloadLiveManagers(rootFolder);
}

/** Copies a certificate file into trusted/certs (e.g. to pre-trust the built-in simulator). */
export async function trustCertificateFile(rootFolder: string, file: string): Promise<CertificateDto> {
  const described = describeCertificateFile(file);
  const folder = trustedCertsFolder(rootFolder);
  await fsp.mkdir(folder, { recursive: true });
  const target = path.join(folder, `${described.thumbprint}.pem`);
  const existing = (await describeFolder(folder)).find((c) => c.thumbprint === described.thumbprint);
  if (!existing) {
    const der = readCertificateChain(file)[0];
    if (!der) throw new Error(`${file} holds no certificate`);
    await fsp.writeFile(target, toPem(der));
  }
  // A copy that is still in rejected/ would win over the trusted one (node-opcua: rejected beats trusted).
  const stale = (await describeFolder(rejectedFolder(rootFolder))).filter((c) => c.thumbprint === described.thumbprint);
  await Promise.all(stale.map((c) => fsp.rm(c.file, { force: true })));
  await reloadLiveManagers(rootFolder);
  return { ...described, file: existing?.file ?? target };
}

export function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** The two trust stores the Connections page shows: the bridge server's and the OPC UA client's. */
export function createTrustStores(roots: { serverPki: string; clientPki: string }): TrustStores {
  return {
    async list(): Promise<CertificateStoresDto> {
      const [server, client] = await Promise.all([listStore(roots.serverPki), listStore(roots.clientPki)]);
      return { server, client };
    },
    async trust(store, thumbprint): Promise<void> {
      await trustByThumbprint(store === 'server' ? roots.serverPki : roots.clientPki, thumbprint);
    },
  };
}
