import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JournalEntry } from '../../../src-main/contract/index.js';
import { csvCell, toCsv } from '../../../src-main/domain/csv.js';
import { journalCsv, journalCsvFile, journalFilename } from '../../../src-main/domain/journal-csv.js';
import { contentDisposition, safeFilename } from '../../../src-main/host/http-text-file.js';

const T = Date.UTC(2026, 0, 15, 6, 30, 5, 120);

function entry(over: Partial<JournalEntry>): JournalEntry {
  return { id: 1, ts: T, alarmId: 's/a/p/t#H', tag: 's/a/p/t', event: 'acknowledged', state: 'acknowledged', value: 81.5, user: 'olga', comment: null, ...over };
}

describe('CSV cells (RFC 4180)', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('line 1\nline 2'), '"line 1\nline 2"');
    assert.equal(csvCell('cr\r'), '"cr\r"');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(true), 'true');
    assert.equal(csvCell(Number.NaN), '');
  });

  it('neutralises spreadsheet formulas with a leading apostrophe but keeps plain numbers', () => {
    assert.equal(csvCell('=HYPERLINK("http://evil","x")'), `"'=HYPERLINK(""http://evil"",""x"")"`);
    assert.equal(csvCell('+1+2'), "'+1+2");
    assert.equal(csvCell('-2+3'), "'-2+3");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tcmd'), "'\tcmd");
    assert.equal(csvCell(-12.5), '-12.5');
    assert.equal(csvCell('-12.5'), '-12.5');
    assert.equal(csvCell('1e-3'), '1e-3');
  });

  it('ends every line with CRLF, header first', () => {
    assert.equal(toCsv(['a', 'b'], [[1, 'x,y'], [null, 'z']]), 'a,b\r\n1,"x,y"\r\n,z\r\n');
  });
});

describe('the alarm journal as CSV', () => {
  it('writes ISO timestamps, oldest first, with every column', () => {
    const csv = journalCsv([
      entry({ id: 2, ts: T + 1000, event: 'returned', state: 'normal', value: true, user: null }),
      entry({ id: 1, comment: 'checked, "valve" ok\nwill watch' }),
    ]);
    assert.equal(
      csv,
      'time,alarm,tag,event,state,value,user,comment\r\n' +
        '2026-01-15T06:30:05.120Z,s/a/p/t#H,s/a/p/t,acknowledged,acknowledged,81.5,olga,"checked, ""valve"" ok\nwill watch"\r\n' +
        '2026-01-15T06:30:06.120Z,s/a/p/t#H,s/a/p/t,returned,normal,true,,\r\n',
    );
  });

  it('cannot be turned into formulas through a comment or a user name', () => {
    const csv = journalCsv([entry({ comment: '=cmd|\' /C calc\'!A0', user: '@admin' })]);
    const line = csv.split('\r\n')[1] ?? '';
    assert.match(line, /,'@admin,'=cmd\|' \/C calc'!A0$/);
  });

  it('names the file after the range and sends it as a UTF-8 CSV attachment', () => {
    assert.equal(journalFilename(Date.UTC(2026, 0, 15), Date.UTC(2026, 0, 16, 12, 30)), 'alarm-journal_2026-01-15T0000Z_2026-01-16T1230Z.csv');
    assert.equal(journalFilename(undefined, Date.UTC(2026, 0, 16)), 'alarm-journal_start_2026-01-16T0000Z.csv');
    const file = journalCsvFile([], 0, Date.UTC(2026, 0, 16));
    assert.equal(file.kind, 'text-file');
    assert.equal(file.contentType, 'text/csv; charset=utf-8');
    assert.equal(file.body, 'time,alarm,tag,event,state,value,user,comment\r\n');
  });

  it('keeps file names safe for the Content-Disposition header', () => {
    assert.equal(safeFilename('a"b\r\nSet-Cookie: x.csv'), 'a_b__Set-Cookie__x.csv');
    assert.equal(safeFilename('../../etc/passwd'), '_.._etc_passwd');
    assert.equal(safeFilename(''), 'download');
    assert.equal(contentDisposition('alarm-journal.csv'), 'attachment; filename="alarm-journal.csv"');
  });
});
