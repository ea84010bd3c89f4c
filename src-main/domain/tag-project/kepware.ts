// KEPServerEX CSV tag export ("Tag Name","Address","Data Type","Respect Data Type","Client Access","Scan Rate",
// "Scaling",…,"Eng Units","Description"). KEPServerEX serves a tag at `ns=2;s=<Channel>.<Device>.<Tag Name>`, so the
// import takes the channel and device (or the node-id prefix) as parameters. Tag id: site = `site` (default
// "plant"), area = `area` (default the channel), asset = the device, tag = the Tag Name (its "." group separators
// kept). Scan Rate → the sampling interval, Eng Units → unit, Description → description. Client Access is not
// turned into a write permission: writes stay opt-in per tag. Address and Data Type are not known to PlantBridge:
// the export leaves Address empty and writes Data Type "Default".
import { toCsv, type CsvCell } from '../csv.js';
import { CsvSyntaxError, readCsv, unguardCell } from './csv-reader.js';
import * as f from './fields.js';
import { emptyParsed, type ImportParams, type ParsedImport, type TagSection } from './model.js';
import { ROWS_PER_STEP, type ImportSteps } from './steps.js';
import { tagRows } from './tag-rows.js';

export const KEPWARE_COLUMNS = [
  'Tag Name', 'Address', 'Data Type', 'Respect Data Type', 'Client Access', 'Scan Rate', 'Scaling', 'Raw Low',
  'Raw High', 'Scaled Low', 'Scaled High', 'Scaled Data Type', 'Clamp Low', 'Clamp High', 'Eng Units', 'Description',
  'Negate Value',
] as const;

/** `ns=2;s=<channel>.<device>.`, or the given prefix; undefined when neither is given. */
export function kepwarePrefix(p: ImportParams): string | undefined {
  if (p.nodeIdPrefix) return p.nodeIdPrefix;
  if (p.channel && p.device) return `ns=2;s=${p.channel}.${p.device}.`;
  return undefined;
}

export function* parseKepwareCsv(text: string, params: ImportParams, section: TagSection): ImportSteps<ParsedImport> {
  const out = emptyParsed();
  const prefix = kepwarePrefix(params);
  if (prefix === undefined) {
    out.errors.push({ row: 0, column: 0, header: 'channel', message: 'give the KEPServerEX channel and device (or nodeIdPrefix) the tags live under' });
  }
  const source = params.source ?? (section.sources.length === 1 ? section.sources[0]?.id : undefined);
  if (source === undefined) {
    out.errors.push({ row: 0, column: 0, header: 'source', message: 'give the connection to the KEPServerEX (the source parameter)' });
  }
  let table;
  try {
    table = readCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    out.errors.push({ row: err.row, column: err.column, header: '', message: err.message.replace(/^row \d+, column \d+: /, '') });
    return out;
  }
  const index = (name: string) => table.header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const cols = { name: index('Tag Name'), scan: index('Scan Rate'), units: index('Eng Units'), description: index('Description') };
  if (cols.name < 0) out.errors.push({ row: 1, column: 0, header: 'Tag Name', message: 'not a Kepware tag export: no "Tag Name" column' });
  if (out.errors.length > 0 || prefix === undefined || source === undefined) return out;

  const site = f.toLevel(params.site ?? 'plant');
  const area = f.toLevel(params.area ?? params.channel ?? 'kepware');
  const asset = f.toLevel(params.device ?? 'device');
  const decimalComma = table.delimiter === ';';
  const total = table.records.length;
  for (let r = 0; r < total; r++) {
    const rec = table.records[r];
    if (!rec) continue;
    if ((r + 1) % ROWS_PER_STEP === 0) yield { phase: 'parse', done: r + 1, total };
    const cell = (i: number) => (i < 0 ? undefined : unguardCell((rec.cells[i] ?? '').trim()));
    const errors = out.errors.length;
    const fail = (i: number, message: string) => out.errors.push({ row: rec.row, column: i + 1, header: table.header[i] ?? '', message });
    const name = cell(cols.name) ?? '';
    if (!/^[A-Za-z0-9][A-Za-z0-9_.]{0,255}$/.test(name)) {
      fail(cols.name, name === '' ? 'a Tag Name is required' : `"${name}" is not a Kepware tag name (letters, digits, "_", "." between groups)`);
    }
    const scanCell = cell(cols.scan);
    const scan = scanCell ? f.parseInterval(scanCell, decimalComma) : undefined;
    if (scan && !scan.ok) fail(cols.scan, scan.message);
    const unit = cell(cols.units);
    if (unit && unit.length > 32) fail(cols.units, 'Eng Units is longer than 32 characters');
    const description = cell(cols.description);
    if (description && description.length > 500) fail(cols.description, 'Description is longer than 500 characters');
    if (out.errors.length > errors) continue;
    const id = [site, area, asset, f.toLevel(name)].join('/');
    const checked = f.checkTagId(id);
    if (!checked.ok) {
      fail(cols.name, checked.message);
      continue;
    }
    const places: Record<string, { column: number; header: string }> = { id: { column: cols.name + 1, header: 'Tag Name' } };
    if (cols.scan >= 0) places.samplingMs = { column: cols.scan + 1, header: 'Scan Rate' };
    out.tags.push({
      row: rec.row, id, source, nodeId: `${prefix}${name}`,
      settings: {
        ...(cols.units >= 0 ? { unit: unit || null } : {}),
        ...(cols.description >= 0 ? { description: description || null } : {}),
      },
      ...(scan?.ok ? { samplingMs: scan.value } : {}),
      places,
    });
  }
  return out;
}

/** One connection's tags as a Kepware CSV (Tag Name = the node id after the prefix, or the tag's last level). */
export function writeKepwareCsv(section: TagSection, params: ImportParams): string {
  const prefix = kepwarePrefix(params);
  const rows: CsvCell[][] = [];
  for (const t of tagRows(section, params.source)) {
    const name = prefix && t.nodeId.startsWith(prefix) ? t.nodeId.slice(prefix.length) : (t.id.split('/').at(-1) ?? t.id);
    rows.push([
      name, '', 'Default', 1, t.settings.writable ? 'R/W' : 'RO', t.samplingMs ?? '', '', '', '', '', '', '', '', '',
      t.settings.unit, t.settings.description, '',
    ]);
  }
  return toCsv(KEPWARE_COLUMNS, rows);
}
