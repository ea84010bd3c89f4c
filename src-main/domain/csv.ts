// CSV text per RFC 4180 (CRLF line ends, fields with comma, quote, CR or LF quoted, quotes doubled), made safe
// for spreadsheets: a text cell starting with = + - @ (or tab/CR) gets a leading ' so it is never run as a formula.
// Plain numbers such as -12.5 are left as numbers.

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | boolean | null | undefined;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  if (FORMULA_START.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',');
}

/** A header line and the rows, each line ended with CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  let out = `${csvLine(header)}\r\n`;
  for (const row of rows) out += `${csvLine(row)}\r\n`;
  return out;
}
