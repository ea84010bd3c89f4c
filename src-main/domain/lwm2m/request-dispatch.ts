// Server-initiated LwM2M operations mapped onto the object tree: Read, Write (replace / partial update), Execute,
// Discover and Write-Attributes, with the status codes of LwM2M 1.1 §6 for everything a server can get wrong.
// Observe registration is the adapter's; it reads through `read()` here.
import type { AttributeStore } from './attributes.js';
import { parseAttributeQuery } from './attributes.js';
import { discoverLinks } from './link-format.js';
import type { CoapCode, LwPath, ResourceModel, ResourceValue } from './model.js';
import { CONTENT_FORMAT, formatPath, parsePath } from './model.js';
import { isReadable, isWritable, readEntries, type ObjectTree } from './object-tree.js';
import { checkValue, decodeText, encodeText } from './plain-text.js';
import { decodeSenml, encodeSenml } from './senml-json.js';

export interface LwRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'FETCH' | 'PATCH' | 'iPATCH';
  path: string;
  query: string;
  contentFormat: number | null;
  accept: number | null;
  payload: Uint8Array;
}

export interface LwResponse {
  code: CoapCode;
  contentFormat?: number;
  payload?: string;
  /** Why a request was refused (for the reject log; also sent as a diagnostic payload). */
  reason?: string;
  /** A single numeric resource value, for gt/lt/st on observations. */
  numeric?: number;
}

const refuse = (code: CoapCode, reason: string): LwResponse => ({ code, reason, payload: reason });

export class RequestDispatcher {
  constructor(
    private readonly tree: ObjectTree,
    private readonly attributes: AttributeStore,
  ) {}

  async handle(req: LwRequest): Promise<LwResponse> {
    const path = parsePath(req.path);
    if (!path) return refuse('4.00', `malformed LwM2M path "${req.path.slice(0, 60)}"`);
    if (path.objectId === 0) return refuse('4.01', 'the Security object is not accessible to a management server');
    switch (req.method) {
      case 'GET':
        return req.accept === CONTENT_FORMAT.linkFormat ? this.discover(path) : this.read(path, req.accept);
      case 'PUT':
        if (req.contentFormat === null && req.payload.length === 0) return this.writeAttributes(path, req.query);
        return this.write(path, req);
      case 'POST':
        if (path.resourceId !== undefined) return this.execute(path, req.payload);
        if (path.instanceId !== undefined) return this.write(path, req);
        return refuse('4.05', 'Create is not supported: the client has a fixed set of instances');
      default:
        return refuse('4.05', `${req.method} is not supported on ${formatPath(path)}`);
    }
  }

  read(path: LwPath, accept: number | null): LwResponse {
    const r = this.tree.resolve(path);
    if (r.level === 'missing') return refuse('4.04', `no ${r.what}`);
    if (r.level === 'resource' && !isReadable(r.resource)) return refuse('4.05', `${formatPath(path)} is not readable`);
    const single = r.level === 'resource' && !r.resource.multiple ? r.resource : null;
    const format = accept ?? (single && single.type !== 'opaque' ? CONTENT_FORMAT.text : CONTENT_FORMAT.senmlJson);
    if (format === CONTENT_FORMAT.text) {
      if (!single?.read) return refuse('4.06', 'plain text is only for single-value resources; ask for SenML-JSON (110)');
      const value = single.read();
      if (value === null) return refuse('5.03', `${formatPath(path)} has no value yet`);
      const text = Array.isArray(value) ? null : encodeText(single.type, value);
      if (text === null) return refuse('4.06', `${formatPath(path)} has no plain-text form`);
      return { code: '2.05', contentFormat: CONTENT_FORMAT.text, payload: text, ...numeric(value) };
    }
    if (format !== CONTENT_FORMAT.senmlJson) {
      return refuse('4.06', `content format ${format} is not supported (SenML-JSON 110 and plain text 0 are)`);
    }
    const instances = r.level === 'object' ? r.object.instances() : [r.instance];
    const entries = readEntries(path.objectId, instances, r.level === 'resource' ? r.resource : undefined);
    const base = path.instanceId === undefined ? `/${path.objectId}/` : `/${path.objectId}/${path.instanceId}/`;
    const only = entries.length === 1 ? entries[0] : undefined;
    return {
      code: '2.05',
      contentFormat: CONTENT_FORMAT.senmlJson,
      payload: encodeSenml(base, entries),
      ...(only && typeof only.value === 'number' ? { numeric: only.value } : {}),
    };
  }

  private discover(path: LwPath): LwResponse {
    const r = this.tree.resolve(path);
    if (r.level === 'missing') return refuse('4.04', `no ${r.what}`);
    const payload = discoverLinks(r.object, path, (p) => this.attributes.at(p));
    return { code: '2.05', contentFormat: CONTENT_FORMAT.linkFormat, payload };
  }

  private writeAttributes(path: LwPath, query: string): LwResponse {
    const r = this.tree.resolve(path);
    if (r.level === 'missing') return refuse('4.04', `no ${r.what}`);
    const parsed = parseAttributeQuery(query);
    if (!parsed.ok) return refuse('4.00', parsed.reason);
    const { set } = parsed;
    const thresholds = set.gt !== undefined || set.lt !== undefined || set.st !== undefined;
    if (thresholds && (r.level !== 'resource' || (r.resource.type !== 'integer' && r.resource.type !== 'float'))) {
      return refuse('4.00', 'gt, lt and st apply to numeric resources only');
    }
    const applied = this.attributes.apply(path, set);
    return applied.ok ? { code: '2.04' } : refuse('4.00', applied.reason);
  }

  private async execute(path: LwPath, payload: Uint8Array): Promise<LwResponse> {
    const r = this.tree.resolve(path);
    if (r.level === 'missing') return refuse('4.04', `no ${r.what}`);
    if (r.level !== 'resource' || r.resource.ops !== 'E' || !r.resource.execute) {
      return refuse('4.05', `${formatPath(path)} is not executable`);
    }
    const out = await r.resource.execute(Buffer.from(payload).toString('utf8'));
    return out.ok ? { code: '2.04' } : refuse(out.code, out.reason);
  }

  /** Write (PUT, replace) and partial update (POST on an instance): only the resources given are changed. */
  private async write(path: LwPath, req: LwRequest): Promise<LwResponse> {
    const r = this.tree.resolve(path);
    if (r.level === 'missing') return refuse('4.04', `no ${r.what}`);
    if (r.level === 'object') return refuse('4.05', 'Write on a whole object is not allowed');
    const text = Buffer.from(req.payload).toString('utf8');
    let writes: { resource: ResourceModel; value: ResourceValue; path: string }[];
    if (req.contentFormat === CONTENT_FORMAT.text || req.contentFormat === CONTENT_FORMAT.opaque) {
      if (r.level !== 'resource') return refuse('4.00', 'plain text and opaque writes target a single resource');
      if (r.resource.multiple) return refuse('4.00', 'a multiple-instance resource is written with SenML-JSON');
      const decoded =
        req.contentFormat === CONTENT_FORMAT.opaque
          ? checkValue(r.resource.type, new Uint8Array(req.payload))
          : decodeText(r.resource.type, text);
      if (!decoded.ok) return refuse('4.00', `${formatPath(path)}: ${decoded.reason}`);
      writes = [{ resource: r.resource, value: decoded.value, path: formatPath(path) }];
    } else if (req.contentFormat === CONTENT_FORMAT.senmlJson) {
      const decoded = decodeSenml(text);
      if (!decoded.ok) return refuse('4.00', decoded.reason);
      writes = [];
      for (const rec of decoded.records) {
        const p = parsePath(rec.name);
        const target = p ? this.tree.resolve(p) : null;
        if (!p || !target || target.level !== 'resource' || !sameBranch(path, p)) {
          return refuse('4.00', `SenML record "${rec.name.slice(0, 60)}" is not a resource below ${formatPath(path)}`);
        }
        const checked = checkValue(target.resource.type, rec.value);
        if (!checked.ok) return refuse('4.00', `${rec.name}: ${checked.reason}`);
        writes.push({ resource: target.resource, value: checked.value, path: rec.name });
      }
    } else {
      return refuse('4.15', `content format ${String(req.contentFormat)} is not supported for Write (0, 42 and 110 are)`);
    }
    // All checked before any is applied: a bad record leaves everything unchanged.
    for (const w of writes) {
      if (!isWritable(w.resource)) return refuse('4.05', `${w.path} is read-only`);
    }
    for (const w of writes) {
      const out = await w.resource.write?.(w.value);
      if (out && !out.ok) return refuse(out.code, out.reason);
    }
    return { code: '2.04' };
  }
}

function sameBranch(target: LwPath, p: LwPath): boolean {
  if (p.objectId !== target.objectId) return false;
  if (target.instanceId !== undefined && p.instanceId !== target.instanceId) return false;
  return target.resourceId === undefined || p.resourceId === target.resourceId;
}

function numeric(value: ResourceValue | ResourceValue[]): { numeric?: number } {
  return typeof value === 'number' ? { numeric: value } : {};
}
