// Registration of PlantBridge as an AE and creation of its containers and command subscription. Follows the
// portable rules: "already exists" (4105) means retrieve and continue; the AE-ID is persisted and reused.
import type { HttpBinding, M2mResponse } from './http-binding.js';
import { loadAeIdentity, saveAeIdentity, type AeIdentity } from './ae-identity.js';
import { aeBody, containerBody, isSuccess, resourceOf, RSC, rscText, subscriptionBody, TY } from './resources.js';

export interface RegistrationOptions {
  cseUrl: string;
  cseBase: string;
  aeName: string;
  appId: string;
  /** X-M2M-Origin of the first create (`C…` or `S…`, or `C` alone to let the CSE assign one). */
  originator: string;
  labels: string[];
  identityPath: string;
}

/** A refusal from the CSE (it answered, with an error code): `rsc` says which. */
export class M2mRefusedError extends Error {
  constructor(
    readonly rsc: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'M2mRefusedError';
  }
}

export function refused(what: string, res: M2mResponse): M2mRefusedError {
  const detail = res.body === null && res.text.trim() !== '' ? ' (the answer was not JSON)' : '';
  return new M2mRefusedError(res.rsc, `${what}: CSE answered ${rscText(res.rsc)}${detail}`);
}

export interface AeRegistration {
  identity: AeIdentity;
  /** `/cseBase/aeName`. */
  aePath: string;
  /** Whether a 4105 made us retrieve the existing AE (for logs and tests). */
  reusedExisting: boolean;
}

export async function registerAe(http: HttpBinding, o: RegistrationOptions, poa: string[]): Promise<AeRegistration> {
  const aePath = `/${o.cseBase}/${o.aeName}`;
  const want = { cseUrl: o.cseUrl, cseBase: o.cseBase, aeName: o.aeName };
  const stored = await loadAeIdentity(o.identityPath, want);
  if (stored !== null) {
    const res = await http.send({ method: 'GET', path: aePath, origin: stored.aei });
    if (isSuccess(res.rsc)) return { identity: stored, aePath, reusedExisting: true };
    if (res.rsc !== RSC.notFound) throw refused(`retrieving AE ${aePath}`, res);
    // Deleted on the CSE: register again under the same originator.
  }
  const origin = stored?.aei ?? o.originator;
  const body = aeBody({ rn: o.aeName, api: o.appId, poa, rr: poa.length > 0, labels: o.labels });
  const created = await http.send({ method: 'POST', path: `/${o.cseBase}`, origin, ty: TY.ae, body });
  let aei: string | null;
  let reusedExisting = false;
  if (created.rsc === RSC.created) {
    aei = stringField(resourceOf(created.body, 'm2m:ae'), 'aei') ?? origin;
  } else if (created.rsc === RSC.alreadyExists) {
    const got = await http.send({ method: 'GET', path: aePath, origin });
    if (!isSuccess(got.rsc)) throw refused(`AE ${o.aeName} already exists and cannot be retrieved as ${origin}`, got);
    aei = stringField(resourceOf(got.body, 'm2m:ae'), 'aei') ?? origin;
    reusedExisting = true;
  } else {
    throw refused(`creating AE ${o.aeName}`, created);
  }
  const identity: AeIdentity = { ...want, aei };
  await saveAeIdentity(o.identityPath, identity);
  return { identity, aePath, reusedExisting };
}

/** Creates a container (2001) or accepts the one already there (4105). */
export async function ensureContainer(http: HttpBinding, parent: string, origin: string, rn: string, labels: string[], mni: number, mbs: number): Promise<void> {
  const res = await http.send({ method: 'POST', path: parent, origin, ty: TY.container, body: containerBody(rn, labels, mni, mbs) });
  if (res.rsc === RSC.created || res.rsc === RSC.alreadyExists) return;
  throw refused(`creating container ${parent}/${rn}`, res);
}

/** The subscription on the command container; an existing one (restart) gets the current notification URI. */
export async function ensureSubscription(http: HttpBinding, parent: string, origin: string, rn: string, notifyUrl: string): Promise<string | null> {
  const res = await http.send({ method: 'POST', path: parent, origin, ty: TY.subscription, body: subscriptionBody(rn, notifyUrl) });
  if (res.rsc === RSC.created) return stringField(resourceOf(res.body, 'm2m:sub'), 'ri');
  if (res.rsc !== RSC.alreadyExists) throw refused(`subscribing to ${parent}`, res);
  const upd = await http.send({ method: 'PUT', path: `${parent}/${rn}`, origin, body: { 'm2m:sub': { nu: [notifyUrl] } } });
  if (!isSuccess(upd.rsc)) throw refused(`updating subscription ${parent}/${rn}`, upd);
  return stringField(resourceOf(upd.body, 'm2m:sub'), 'ri');
}

function stringField(obj: Record<string, unknown> | null, key: string): string | null {
  const v = obj?.[key];
  return typeof v === 'string' && v !== '' ? v : null;
}
