// Microsoft OPC Publisher `publishednodes.json`: an array of endpoints, each `{EndpointUrl, UseSecurity, OpcNodes:
// [{Id, OpcSamplingInterval, OpcPublishingInterval, DisplayName, HeartbeatInterval}]}` or the legacy one-node form
// `{EndpointUrl, NodeId: {Identifier}}`.
// Mapping: EndpointUrl → the project's connection with that URL (or a new one named after host and port, secured
// unless UseSecurity is false); tag id → site/area/asset/tag with site = `site` (default "plant"), area = `area`
// (default the connection id), and asset/tag = the last two parts of the DisplayName (or of the node id's
// identifier) split at ".", "/" or "\" (asset "tags" when there is one part). A DisplayName that is a full
// site/area/asset/tag id is used as it is (this is what the export writes).
import * as f from './fields.js';
import { isObject, member, optionalNumber, optionalString, parseJsonText, type Json } from './json-fields.js';
import { emptyParsed, type ImportParams, type ParsedImport, type TagSection } from './model.js';
import { ROWS_PER_STEP, type ImportSteps } from './steps.js';
import { tagRows } from './tag-rows.js';

export function* parsePublishedNodes(text: string, params: ImportParams, section: TagSection): ImportSteps<ParsedImport> {
  const out = emptyParsed();
  const fail = (row: number, path: string, message: string) => out.errors.push({ row, column: 0, header: path, message });
  const doc = parseJsonText(text);
  if (!doc.ok) {
    fail(0, '(file)', doc.message);
    return out;
  }
  if (!Array.isArray(doc.value)) {
    fail(0, '(file)', 'expected a JSON array of endpoints ({EndpointUrl, OpcNodes: […]})');
    return out;
  }
  const entries = doc.value;
  const ids = new Map(section.sources.map((s) => [normalizeUrl(s.endpointUrl), s.id]));
  const taken = new Set(section.sources.map((s) => s.id));
  const site = params.site ?? 'plant';
  const total = entries.reduce<number>((n, e) => n + (isObject(e) && Array.isArray(member(e, 'OpcNodes')) ? (member(e, 'OpcNodes') as Json[]).length : 1), 0);
  let heartbeat = false;
  let row = 0;
  for (const [ei, e] of entries.entries()) {
    const at = `[${ei}]`;
    if (!isObject(e)) {
      fail(row + 1, at, 'expected an endpoint object');
      continue;
    }
    const url = optionalString(member(e, 'EndpointUrl'), `${at}.EndpointUrl`, (p, m) => fail(row + 1, p, m));
    if (url === undefined || !/^opc\.tcp:\/\/[^\s/]+(:\d+)?(\/.*)?$/.test(url)) {
      fail(row + 1, `${at}.EndpointUrl`, 'an opc.tcp://host:port URL is required');
      continue;
    }
    let source = ids.get(normalizeUrl(url));
    if (source === undefined) {
      source = uniqueId(sourceIdFor(url), taken);
      taken.add(source);
      ids.set(normalizeUrl(url), source);
      const secure = member(e, 'UseSecurity') !== false;
      out.connections.push({ id: source, endpointUrl: url, securityMode: secure ? 'SignAndEncrypt' : 'None' });
    }
    const endpointPublishing = optionalNumber(member(e, 'DataSetPublishingInterval'), `${at}.DataSetPublishingInterval`, (p, m) => fail(row + 1, p, m));
    const legacy = member(e, 'NodeId');
    const nodes: { node: Json; path: string }[] = Array.isArray(member(e, 'OpcNodes'))
      ? (member(e, 'OpcNodes') as Json[]).map((node, ni) => ({ node, path: `${at}.OpcNodes[${ni}]` }))
      : isObject(legacy) ? [{ node: { Id: member(legacy, 'Identifier') ?? null }, path: `${at}.NodeId` }] : [];
    if (nodes.length === 0) fail(row + 1, at, 'expected OpcNodes: [{Id: …}] or NodeId: {Identifier: …}');
    for (const { node, path } of nodes) {
      row++;
      const bad = (p: string, m: string) => fail(row, p, m);
      if (!isObject(node)) {
        bad(path, 'expected {Id, …}');
        continue;
      }
      const idPath = path.endsWith('.NodeId') ? `${path}.Identifier` : `${path}.Id`;
      const nodeId = f.checkNodeId(optionalString(member(node, 'Id') ?? member(node, 'ExpandedNodeId'), idPath, bad) ?? '');
      const sampling = optionalNumber(member(node, 'OpcSamplingInterval'), `${path}.OpcSamplingInterval`, bad);
      const publishing = optionalNumber(member(node, 'OpcPublishingInterval'), `${path}.OpcPublishingInterval`, bad) ?? endpointPublishing;
      const displayName = optionalString(member(node, 'DisplayName'), `${path}.DisplayName`, bad);
      if (member(node, 'HeartbeatInterval') !== undefined) heartbeat = true;
      if (!nodeId.ok) {
        bad(idPath, nodeId.message);
        continue;
      }
      const id = tagIdFor(displayName, nodeId.value, site, params.area ?? source);
      const checked = f.checkTagId(id);
      if (!checked.ok) {
        bad(`${path}.DisplayName`, checked.message);
        continue;
      }
      out.tags.push({
        row, id, source, nodeId: nodeId.value, settings: {},
        ...(sampling !== undefined ? { samplingMs: sampling } : {}),
        ...(publishing !== undefined ? { publishingMs: Math.max(10, publishing) } : {}),
        places: {
          id: { column: 0, header: `${path}.DisplayName` },
          source: { column: 0, header: `${at}.EndpointUrl` },
          samplingMs: { column: 0, header: `${path}.OpcSamplingInterval` },
          publishingMs: { column: 0, header: `${path}.OpcPublishingInterval` },
        },
      });
      if (row % ROWS_PER_STEP === 0) yield { phase: 'parse', done: row, total };
    }
  }
  if (heartbeat) out.warnings.push('HeartbeatInterval is not supported by PlantBridge subscriptions: ignored');
  return out;
}

function normalizeUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').toLowerCase();
}

function sourceIdFor(url: string): string {
  const m = /^opc\.tcp:\/\/([^/:]+)(?::(\d+))?/.exec(url);
  const host = (m?.[1] ?? 'server').replace(/[^A-Za-z0-9_-]/g, '-');
  return `${host}-${m?.[2] ?? '4840'}`.slice(0, 32);
}

function uniqueId(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const id = `${base.slice(0, 28)}-${i}`;
    if (!taken.has(id)) return id;
  }
}

/** Site/area from the parameters; asset/tag from the last two parts of the DisplayName or the identifier. */
export function tagIdFor(displayName: string | undefined, nodeId: string, site: string, area: string): string {
  if (displayName !== undefined && f.checkTagId(displayName).ok) return displayName;
  const identifier = displayName ?? nodeId.replace(/^((ns|nsu)=[^;]*;)?[isgb]=/, '');
  const parts = identifier.split(/[./\\]/).filter((p) => p.trim() !== '');
  const name = f.toLevel(parts.at(-1) ?? identifier);
  const asset = parts.length >= 2 ? f.toLevel(parts.at(-2) ?? 'tags') : 'tags';
  return [f.toLevel(site), f.toLevel(area), asset, name].join('/');
}

/** The project's tags as publishednodes.json, one endpoint per connection; DisplayName carries the tag id. */
export function writePublishedNodes(section: TagSection, source?: string): string {
  const endpoints = section.sources
    .filter((s) => source === undefined || s.id === source)
    .map((s) => ({
      EndpointUrl: s.endpointUrl,
      UseSecurity: s.securityMode !== 'None',
      OpcNodes: [...tagRows(section, s.id)].map((t) => ({
        Id: t.nodeId,
        DisplayName: t.id,
        ...(t.samplingMs !== undefined ? { OpcSamplingInterval: t.samplingMs } : {}),
        ...(t.publishingMs !== undefined ? { OpcPublishingInterval: t.publishingMs } : {}),
      })),
    }));
  return `${JSON.stringify(endpoints, null, 2)}\n`;
}
