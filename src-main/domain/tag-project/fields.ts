// Reading one cell of an imported row: booleans, numbers (with a decimal comma in `;` files), deadbands, tag ids
// and node ids, each with the message the row error shows when the cell is not what is expected.
import type { Deadband } from '../tags.js';
import { isValidTagLevel } from '../tags.js';

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const bad = <T>(message: string): CellResult<T> => ({ ok: false, message });

const TRUE = new Set(['true', 'yes', 'y', '1', 'on', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0', 'off']);

export function parseBool(cell: string): CellResult<boolean> {
  const v = cell.trim().toLowerCase();
  if (TRUE.has(v)) return ok(true);
  if (FALSE.has(v)) return ok(false);
  return bad(`expected true or false (also yes/no, on/off, 1/0), got "${cell}"`);
}

export function parseNumber(cell: string, decimalComma = false): CellResult<number> {
  let v = cell.trim();
  if (decimalComma && /^-?\d+,\d+$/.test(v)) v = v.replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(v)) return bad(`expected a number, got "${cell}"`);
  const n = Number(v);
  return Number.isFinite(n) ? ok(n) : bad(`expected a finite number, got "${cell}"`);
}

export function parseInterval(cell: string, decimalComma = false): CellResult<number> {
  const n = parseNumber(cell, decimalComma);
  if (!n.ok) return n;
  if (n.value < 0 || n.value > 3_600_000) return bad(`expected milliseconds between 0 and 3600000, got ${n.value}`);
  return n;
}

/** `0.5` is an absolute deadband in engineering units, `2%` a percent of the EURange span. */
export function parseDeadband(cell: string, decimalComma = false): CellResult<Deadband> {
  const v = cell.trim();
  const percent = v.endsWith('%');
  const n = parseNumber(percent ? v.slice(0, -1) : v, decimalComma);
  if (!n.ok) return bad(`expected a deadband such as 0.5 (absolute) or 2% (percent of the range), got "${cell}"`);
  if (n.value < 0) return bad(`a deadband cannot be negative (${cell})`);
  if (percent && n.value > 100) return bad(`a percent deadband is at most 100% (${cell})`);
  return ok({ kind: percent ? 'percent' : 'absolute', value: n.value });
}

export function formatDeadband(d: Deadband | null | undefined): string {
  if (!d) return '';
  return d.kind === 'percent' ? `${d.value}%` : String(d.value);
}

export function parsePriority(cell: string): CellResult<number> {
  const v = cell.trim();
  if (!/^[1-4]$/.test(v)) return bad(`expected an alarm priority 1 (highest) to 4 (lowest), got "${cell}"`);
  return ok(Number(v));
}

export function checkTagId(id: string): CellResult<string> {
  const levels = id.split('/');
  if (levels.length !== 4) return bad(`expected a tag id of four levels site/area/asset/tag, got "${id}"`);
  const badLevel = levels.find((l) => !isValidTagLevel(l));
  if (badLevel !== undefined) {
    return bad(`"${badLevel}" in "${id}" is not a valid level (1–64 letters, digits, "_", "-" or ".")`);
  }
  return ok(id);
}

export function checkLevel(name: string, what: string): CellResult<string> {
  return isValidTagLevel(name) ? ok(name) : bad(`${what} "${name}" is not valid (1–64 letters, digits, "_", "-" or ".")`);
}

/** An OPC UA node id in its string form (`ns=2;s=…`, `i=85`, `nsu=<uri>;s=…`, `g=`, `b=`). */
export function checkNodeId(nodeId: string): CellResult<string> {
  const v = nodeId.trim();
  if (v === '') return bad('a node id is required, e.g. ns=2;s=Line1.Pump1.Speed');
  if (!/^((ns=\d+|nsu=[^;]+);)?(i=\d+|s=.+|g=[0-9a-fA-F-]{36}|b=[A-Za-z0-9+/=]+)$/s.test(v)) {
    return bad(`expected an OPC UA node id such as ns=2;s=Line1.Pump1.Speed or i=2258, got "${nodeId}"`);
  }
  return ok(v);
}

/** Turns a free name (a DisplayName, a Kepware channel) into a valid tag level: other characters become "_". */
export function toLevel(name: string): string {
  const cleaned = name.trim().replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? '_' : cleaned;
}

export function checkText(cell: string, max: number, what: string): CellResult<string> {
  return cell.length <= max ? ok(cell) : bad(`${what} is longer than ${max} characters`);
}
