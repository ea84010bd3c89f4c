// The RFC 4180 reader behind the CSV and Kepware imports.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsvSyntaxError, readCsv } from '../../../../src-main/domain/tag-project/csv-reader.js';

describe('readCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, CRLF and a BOM', () => {
    const t = readCsv('\uFEFFa,b,c\r\n1,"x, ""y""","two\r\nlines"\r\n2,,\r\n');
    assert.deepEqual(t.header, ['a', 'b', 'c']);
    assert.deepEqual(t.records, [
      { row: 2, cells: ['1', 'x, "y"', 'two\r\nlines'] },
      { row: 3, cells: ['2', '', ''] },
    ]);
  });

  it('detects the semicolon of European Excel and tabs', () => {
    assert.equal(readCsv('id;nodeId;deadband\r\nx;"a;b";0,5').delimiter, ';');
    assert.deepEqual(readCsv('id;nodeId\nx;"a;b"').records[0]?.cells, ['x', 'a;b']);
    assert.equal(readCsv('id\tnodeId\nx\ty').delimiter, '\t');
  });

  it('skips empty lines but keeps spreadsheet row numbers, and reads LF and CR line ends', () => {
    const t = readCsv('h\n\nx\ry\n');
    assert.deepEqual(t.records.map((r) => [r.row, r.cells[0]]), [[3, 'x'], [4, 'y']]);
  });

  it('names row and column of an unclosed quote and of text after a closing quote', () => {
    assert.throws(() => readCsv('a,b\n1,"open\n'), (e: unknown) => e instanceof CsvSyntaxError && e.row === 2 && e.column === 2);
    assert.throws(() => readCsv('a,b\n1,2\n3,"x"y\n'), (e: unknown) => e instanceof CsvSyntaxError && e.row === 3 && e.column === 2);
  });
});
