// An RFC 4180 CSV reader for imported tag lists: quoted fields (with commas, doubled quotes and line breaks), CRLF,
// LF or CR line ends, a UTF-8 BOM, and the delimiter of European Excel (`;`) or tabs detected from the header line.

export interface CsvRecord {
  /** Spreadsheet row number: the header is row 1 (a quoted line break does not start a new row). */
  row: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: ',' | ';' | '\t';
  header: string[];
  records: CsvRecord[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    readonly column: number,
    message: string,
  ) {
    super(`row ${row}, column ${column}: ${message}`);
  }
}

/** The delimiter that occurs most often outside quotes on the first line (`,` when there is none). */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/** Splits the text into records; throws CsvSyntaxError (with row and column) on a broken quote. */
export function readCsv(input: string, delimiter?: ',' | ';' | '\t'): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delim = delimiter ?? detectDelimiter(text);
  const rows: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let row = 1;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    cells.push(field);
    // An empty line (one empty cell) is no record, but it still counts as a spreadsheet row.
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ row, cells });
    cells = [];
    field = '';
    row++;
  };
  while (i < n) {
    const c = text[i];
    if (c === '"' && field === '') {
      const startRow = row;
      const startColumn = cells.length + 1;
      i++;
      for (;;) {
        if (i >= n) throw new CsvSyntaxError(startRow, startColumn, 'a quoted field is not closed (missing ")');
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += q;
        i++;
      }
      const next = text[i];
      if (i < n && next !== delim && next !== '\r' && next !== '\n') {
        throw new CsvSyntaxError(startRow, startColumn, `unexpected text after a closing quote (write "" for a quote inside a quoted field)`);
      }
      continue;
    }
    if (c === delim) {
      cells.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || cells.length > 0) endRecord();
  const first = rows.shift();
  return { delimiter: delim, header: first ? first.cells.map((h) => h.trim()) : [], records: rows };
}

/** Undoes the spreadsheet guard of our CSV writer (`'=x` was written for the text `=x`). */
export function unguardCell(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
