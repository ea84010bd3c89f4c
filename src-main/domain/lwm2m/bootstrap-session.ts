// Client side of LwM2M client-initiated bootstrap: accepts the bootstrap server's Delete and Write of Security /0
// and Server /1, then Bootstrap-Finish checks that a usable server account was written. Pure; the adapter persists
// the result (secrets encrypted) and registers with the server it names.
import type { LwRequest, LwResponse } from './request-dispatch.js';
import type { ResourceValue } from './model.js';
import { CONTENT_FORMAT, parsePath } from './model.js';
import { decodeSenml } from './senml-json.js';
import { decodeText } from './plain-text.js';

export interface BootstrappedServer {
  serverUri: string;
  shortServerId: number;
  lifetimeSec: number;
  binding: string;
  /** 0 PSK, 1 RPK, 2 certificate, 3 NoSec, 4 certificate with EST. */
  securityMode: number;
  /** Base64 of the opaque identity/secret resources (never logged). */
  pskIdentity: string | null;
  pskKey: string | null;
}

type Instance = Map<number, ResourceValue>;
const refuse = (code: LwResponse['code'], reason: string): LwResponse => ({ code, reason, payload: reason });

const TYPES: Record<number, Record<number, 'string' | 'integer' | 'boolean' | 'opaque'>> = {
  0: { 0: 'string', 1: 'boolean', 2: 'integer', 3: 'opaque', 4: 'opaque', 5: 'opaque', 10: 'integer', 11: 'integer', 12: 'integer' },
  1: { 0: 'integer', 1: 'integer', 2: 'integer', 3: 'integer', 5: 'integer', 6: 'boolean', 7: 'string' },
};

export class BootstrapSession {
  private readonly objects = new Map<number, Map<number, Instance>>([
    [0, new Map()],
    [1, new Map()],
  ]);
  finished: BootstrappedServer | null = null;

  handle(req: LwRequest): LwResponse {
    if (req.method === 'POST' && req.path.replace(/\/+$/, '') === '/bs') return this.finish();
    if (req.method === 'DELETE' && (req.path === '/' || req.path === '')) {
      for (const m of this.objects.values()) m.clear();
      return { code: '2.02' };
    }
    if (req.method === 'GET' && req.accept === CONTENT_FORMAT.linkFormat && (req.path === '/' || req.path === '')) {
      return { code: '2.05', contentFormat: CONTENT_FORMAT.linkFormat, payload: '</>;lwm2m=1.1,</0>,</1>,</3/0>' };
    }
    const path = parsePath(req.path);
    if (!path) return refuse('4.00', `malformed path "${req.path.slice(0, 60)}"`);
    const object = this.objects.get(path.objectId);
    if (!object) return refuse('4.05', `the bootstrap server may write /0 and /1 only, not /${path.objectId}`);
    if (req.method === 'DELETE') {
      if (path.resourceId !== undefined) return refuse('4.00', 'Delete targets an object or an instance');
      if (path.instanceId === undefined) object.clear();
      else object.delete(path.instanceId);
      return { code: '2.02' };
    }
    if (req.method !== 'PUT') return refuse('4.05', `${req.method} is not a bootstrap operation on ${req.path}`);
    if (path.instanceId === undefined && req.contentFormat !== CONTENT_FORMAT.senmlJson) {
      return refuse('4.00', 'a Write of a whole object must be SenML-JSON');
    }
    const writes = this.decode(req, path.objectId, path.instanceId, path.resourceId);
    if ('code' in writes) return writes;
    for (const w of writes) {
      const inst = object.get(w.instance) ?? new Map<number, ResourceValue>();
      inst.set(w.resource, w.value);
      object.set(w.instance, inst);
    }
    return { code: '2.04' };
  }

  private decode(req: LwRequest, objectId: number, instanceId?: number, resourceId?: number) {
    const types = TYPES[objectId] ?? {};
    const text = Buffer.from(req.payload).toString('utf8');
    const out: { instance: number; resource: number; value: ResourceValue }[] = [];
    if (req.contentFormat === CONTENT_FORMAT.text) {
      if (instanceId === undefined || resourceId === undefined) return refuse('4.00', 'plain text writes one resource');
      const type = types[resourceId];
      if (!type || type === 'opaque') return refuse('4.00', `/${objectId}/x/${resourceId} cannot be written as text`);
      const d = decodeText(type, text);
      if (!d.ok) return refuse('4.00', d.reason);
      out.push({ instance: instanceId, resource: resourceId, value: d.value });
      return out;
    }
    if (req.contentFormat !== CONTENT_FORMAT.senmlJson) return refuse('4.15', `content format ${String(req.contentFormat)} is not supported`);
    const decoded = decodeSenml(text);
    if (!decoded.ok) return refuse('4.00', decoded.reason);
    for (const rec of decoded.records) {
      const p = parsePath(rec.name);
      if (!p || p.objectId !== objectId || p.instanceId === undefined || p.resourceId === undefined) {
        return refuse('4.00', `record "${rec.name.slice(0, 60)}" is not a resource of /${objectId}`);
      }
      if (instanceId !== undefined && p.instanceId !== instanceId) return refuse('4.00', `record "${rec.name}" is outside the target`);
      const type = types[p.resourceId];
      if (!type) continue; // resources PlantBridge does not use (e.g. SMS settings) are accepted and ignored
      const ok = type === 'opaque' ? rec.value instanceof Uint8Array || typeof rec.value === 'string'
        : type === 'integer' ? typeof rec.value === 'number' && Number.isInteger(rec.value)
          : type === 'boolean' ? typeof rec.value === 'boolean' : typeof rec.value === 'string';
      if (!ok) return refuse('4.00', `${rec.name}: wrong value type for ${type}`);
      out.push({ instance: p.instanceId, resource: p.resourceId, value: rec.value });
    }
    return out;
  }

  /** Bootstrap-Finish: a non-bootstrap Security instance with a coap:// URI and a Server instance with its short id. */
  private finish(): LwResponse {
    const security = [...(this.objects.get(0)?.values() ?? [])].find((i) => i.get(1) !== true && typeof i.get(0) === 'string');
    if (!security) return refuse('4.06', 'no management server account (Security instance with bootstrap=false) was written');
    const uri = String(security.get(0));
    if (!/^coap:\/\/[^\s/]+(\/.*)?$/.test(uri)) return refuse('4.06', `server URI "${uri.slice(0, 60)}" is not a coap:// URI (coaps is not supported yet)`);
    const ssid = Number(security.get(10) ?? 0);
    const server = [...(this.objects.get(1)?.values() ?? [])].find((i) => Number(i.get(0)) === ssid);
    if (!server) return refuse('4.06', `no Server instance with short server id ${ssid}`);
    const b64 = (v: ResourceValue | undefined) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('base64') : typeof v === 'string' ? Buffer.from(v).toString('base64') : null;
    this.finished = {
      serverUri: uri,
      shortServerId: ssid,
      lifetimeSec: Number(server.get(1) ?? 300),
      binding: String(server.get(7) ?? 'U'),
      securityMode: Number(security.get(2) ?? 3),
      pskIdentity: b64(security.get(3)),
      pskKey: b64(security.get(5)),
    };
    return { code: '2.04' };
  }
}
