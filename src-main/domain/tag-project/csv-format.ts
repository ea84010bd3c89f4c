// The PlantBridge tag CSV: one row per tag (id or site/area/asset/name, source, nodeId, group/samplingMs, deadband,
// unit, description, writable, remoteWrite, uplink, HH/H/L/LL, priority). A column that is present sets the value
// (an empty cell clears it); a column that is absent leaves the project's value as it is.
import { toCsv, type CsvCell } from '../csv.js';
import { CsvSyntaxError, readCsv, unguardCell } from './csv-reader.js';
import * as f from './fields.js';
import { emptyParsed, type ImportedTag, type ImportParams, type LimitPatch, type ParsedImport, type TagSection } from './model.js';
import { ROWS_PER_STEP, type ImportSteps } from './steps.js';
import { tagRows } from './tag-rows.js';

export const CSV_COLUMNS = [
  'id', 'source', 'nodeId', 'group', 'samplingMs', 'deadband', 'unit', 'description',
  'writable', 'remoteWrite', 'uplink', 'HH', 'H', 'L', 'LL', 'priority',
] as const;

type Field = (typeof CSV_COLUMNS)[number] | 'site' | 'area' | 'asset' | 'name' | 'publishingMs';

const ALIASES: Record<string, Field> = {
  id: 'id', tagid: 'id', tag: 'id',
  site: 'site', area: 'area', asset: 'asset', name: 'name', tagname: 'name',
  source: 'source', connection: 'source',
  nodeid: 'nodeId',
  group: 'group',
  samplingms: 'samplingMs', sampling: 'samplingMs', samplinginterval: 'samplingMs', samplingintervalms: 'samplingMs',
  publishingms: 'publishingMs', publishinginterval: 'publishingMs', publishingintervalms: 'publishingMs',
  deadband: 'deadband', unit: 'unit', units: 'unit', eu: 'unit', engunits: 'unit', description: 'description',
  writable: 'writable', remotewrite: 'remoteWrite', uplink: 'uplink',
  hh: 'HH', h: 'H', l: 'L', ll: 'LL', priority: 'priority',
};

const headerKey = (h: string) => h.toLowerCase().replace(/[\s_()-]/g, '');

export function* parseTagCsv(text: string, params: ImportParams, section: TagSection): ImportSteps<ParsedImport> {
  const out = emptyParsed();
  let table;
  try {
    table = readCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    out.errors.push({ row: err.row, column: err.column, header: '', message: err.message.replace(/^row \d+, column \d+: /, '') });
    return out;
  }
  const decimalComma = table.delimiter === ';';
  const col = new Map<Field, number>();
  table.header.forEach((h, i) => {
    const field = ALIASES[headerKey(h)];
    if (field === undefined) out.warnings.push(`column ${i + 1} "${h}" is not a PlantBridge tag column: ignored`);
    else if (col.has(field)) out.errors.push({ row: 1, column: i + 1, header: h, message: `a second "${field}" column` });
    else col.set(field, i);
  });
  const hasId = col.has('id');
  const hasParts = ['site', 'area', 'asset', 'name'].every((k) => col.has(k as Field));
  if (!hasId && !hasParts) out.errors.push({ row: 1, column: 0, header: '', message: 'needs an "id" column, or "site", "area", "asset" and "name"' });
  if (!col.has('nodeId')) out.errors.push({ row: 1, column: 0, header: '', message: 'needs a "nodeId" column' });
  if (out.errors.length > 0) return out;

  const total = table.records.length;
  for (let r = 0; r < total; r++) {
    const rec = table.records[r];
    if (!rec) continue;
    const tag = readRow(rec.row, rec.cells, table.header, col, { params, section, decimalComma }, out);
    if (tag) out.tags.push(tag);
    if ((r + 1) % ROWS_PER_STEP === 0) yield { phase: 'parse', done: r + 1, total };
  }
  return out;
}

interface RowContext {
  params: ImportParams;
  section: TagSection;
  decimalComma: boolean;
}

function readRow(
  row: number,
  cells: string[],
  header: string[],
  col: Map<Field, number>,
  ctx: RowContext,
  out: ParsedImport,
): ImportedTag | null {
  const errorsBefore = out.errors.length;
  const place = (field: Field) => {
    const i = col.get(field) ?? -1;
    return { column: i + 1, header: header[i] ?? field };
  };
  const fail = (field: Field, message: string) => out.errors.push({ row, ...place(field), message });
  for (let i = header.length; i < cells.length; i++) {
    if ((cells[i] ?? '').trim() !== '') {
      out.errors.push({ row, column: i + 1, header: '', message: 'a cell beyond the last column (a stray delimiter?)' });
    }
  }
  const cell = (field: Field): string | undefined => {
    const i = col.get(field);
    return i === undefined ? undefined : unguardCell((cells[i] ?? '').trim());
  };
  const read = <T>(field: Field, parse: (c: string) => f.CellResult<T>): T | null | undefined => {
    const c = cell(field);
    if (c === undefined) return undefined;
    if (c === '') return null;
    const r = parse(c);
    if (r.ok) return r.value;
    fail(field, r.message);
    return undefined;
  };

  let id = cell('id') ?? '';
  if (id === '') {
    const parts = (['site', 'area', 'asset', 'name'] as const).map((k) => cell(k) ?? '');
    if (parts.every((p) => p === '')) fail(col.has('id') ? 'id' : 'name', 'a tag id (or site, area, asset and name) is required');
    else id = parts.join('/');
  }
  if (id !== '') {
    const c = f.checkTagId(id);
    if (!c.ok) fail(col.has('id') && cell('id') !== '' ? 'id' : 'name', c.message);
  }
  const nodeId = f.checkNodeId(cell('nodeId') ?? '');
  if (!nodeId.ok) fail('nodeId', nodeId.message);
  const source = cell('source') || ctx.params.source || (ctx.section.sources.length === 1 ? ctx.section.sources[0]?.id : '') || '';
  if (source === '') fail(col.has('source') ? 'source' : 'nodeId', 'which connection? give a "source" column or the source parameter');

  const num = (c: string) => f.parseNumber(c, ctx.decimalComma);
  const limits: LimitPatch = {};
  for (const level of ['HH', 'H', 'L', 'LL'] as const) {
    const v = read(level, num);
    if (v !== undefined) limits[level] = v;
  }
  const priority = read('priority', f.parsePriority);
  if (priority !== undefined) limits.priority = priority;
  checkLimitOrder(limits, (field, message) => fail(field, message));

  const group = cell('group');
  const samplingMs = read('samplingMs', (c) => f.parseInterval(c, ctx.decimalComma));
  const publishingMs = read('publishingMs', (c) => f.parseInterval(c, ctx.decimalComma));
  if (group !== undefined && group !== '' && !/^[A-Za-z0-9_.-]{1,64}$/.test(group)) fail('group', `a group name of letters, digits, "_", "-" or ".", got "${group}"`);

  const settings: ImportedTag['settings'] = {};
  const setIf = <K extends keyof ImportedTag['settings']>(k: K, v: ImportedTag['settings'][K] | undefined) => {
    if (v !== undefined) settings[k] = v;
  };
  setIf('writable', read('writable', f.parseBool));
  setIf('remoteWrite', read('remoteWrite', f.parseBool));
  setIf('uplink', read('uplink', f.parseBool));
  setIf('deadband', read('deadband', (c) => f.parseDeadband(c, ctx.decimalComma)));
  setIf('unit', read('unit', (c) => f.checkText(c, 32, 'a unit')));
  setIf('description', read('description', (c) => f.checkText(c, 500, 'a description')));
  if (Object.keys(limits).length > 0) settings.limits = limits;
  if (out.errors.length > errorsBefore || !nodeId.ok) return null;

  const places: ImportedTag['places'] = {};
  for (const k of col.keys()) places[k] = place(k);
  return {
    row, id, source, nodeId: nodeId.value, settings, places,
    ...(group ? { group } : {}),
    ...(typeof samplingMs === 'number' ? { samplingMs } : {}),
    ...(typeof publishingMs === 'number' ? { publishingMs } : {}),
  };
}

/** HH ≥ H > L ≥ LL, as the project file demands, reported on the column that breaks it. */
export function checkLimitOrder(l: LimitPatch, fail: (field: 'HH' | 'H' | 'LL', message: string) => void): void {
  const { HH, H, L, LL } = l;
  if (typeof HH === 'number' && typeof H === 'number' && HH < H) fail('HH', `HH (${HH}) must be ≥ H (${H})`);
  if (typeof LL === 'number' && typeof L === 'number' && LL > L) fail('LL', `LL (${LL}) must be ≤ L (${L})`);
  if (typeof H === 'number' && typeof L === 'number' && H <= L) fail('H', `H (${H}) must be > L (${L})`);
}

/** The project's tags as PlantBridge CSV (RFC 4180, CRLF, spreadsheet-safe cells). */
export function writeTagCsv(section: TagSection, source?: string): string {
  const rows: CsvCell[][] = [];
  for (const t of tagRows(section, source)) {
    const a = t.settings.alarms;
    rows.push([
      t.id, t.source, t.nodeId, t.group, t.samplingMs, f.formatDeadband(t.settings.deadband), t.settings.unit,
      t.settings.description, t.settings.writable, t.settings.remoteWrite, t.settings.uplink,
      a?.HH, a?.H, a?.L, a?.LL, a ? a.priority : undefined,
    ]);
  }
  return toCsv(CSV_COLUMNS, rows);
}
