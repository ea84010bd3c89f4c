import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlarmDto, AlarmState, JournalEntry } from '../../../src-main/contract/index.js';
import { AlarmHorn, bannerAlarm } from '../../../src-renderer/lib/alarm-horn.js';
import { alarmBands, priorityColour } from '../../../src-renderer/lib/alarm-bands.js';
import { filterArgs, noFilters } from '../../../src-renderer/lib/report-range.js';

const TAG = 'site/area/pump-101/flow';

function alarm(id: string, priority: number, state: AlarmState, activeSince: number | null, message = id): AlarmDto {
  const active = state === 'unacknowledged' || state === 'acknowledged';
  return {
    id, tag: id.split('#')[0] ?? id, kind: 'limit', level: 'H', priority, state, active, acknowledged: state === 'acknowledged' || state === 'normal',
    confirmed: true, activeSince, lastChange: activeSince ?? 0, limit: 1, value: 2, message, shelvedUntil: null, shelving: null, suppressedBy: null, outOfService: false,
  };
}

let id = 0;
const entry = (ts: number, alarmId: string, event: JournalEntry['event']): JournalEntry => ({
  id: ++id, ts, alarmId, tag: alarmId.split('#')[0] ?? '', event, state: 'normal', value: 1, user: null, comment: null,
});

describe('the alarm banner horn', () => {
  it('stays quiet for alarms already standing when the window opened', () => {
    const horn = new AlarmHorn();
    assert.equal(horn.update([alarm('a#H', 1, 'unacknowledged', 100)]), null);
    assert.equal(horn.repeating(), null);
  });

  it('sounds for a new unacknowledged priority 1 or 2 alarm, not for priority 3 or 4', () => {
    const horn = new AlarmHorn();
    horn.update([]);
    assert.equal(horn.update([alarm('low#H', 3, 'unacknowledged', 100)]), null);
    assert.equal(horn.update([alarm('low#H', 3, 'unacknowledged', 100), alarm('b#H', 2, 'unacknowledged', 200)]), 2);
    assert.equal(horn.repeating(), 2);
    // Nothing new: no fresh tone, but it keeps repeating until acknowledged.
    assert.equal(horn.update([alarm('b#H', 2, 'unacknowledged', 200)]), null);
    assert.equal(horn.repeating(), 2);
  });

  it('stops once acknowledged or silenced, until the next new alarm', () => {
    const horn = new AlarmHorn();
    horn.update([]);
    horn.update([alarm('b#H', 2, 'unacknowledged', 200)]);
    horn.update([alarm('b#H', 2, 'acknowledged', 200)]);
    assert.equal(horn.repeating(), null);
    assert.equal(horn.update([alarm('b#H', 2, 'acknowledged', 200), alarm('c#HH', 1, 'unacknowledged', 300)]), 1);
    horn.silence();
    assert.equal(horn.repeating(), null);
    // The same alarm re-activating later is a new alarm.
    horn.update([alarm('c#HH', 1, 'normal', null)]);
    assert.equal(horn.update([alarm('c#HH', 1, 'unacknowledged', 900)]), 1);
  });

  it('shows the newest of the highest-priority unacknowledged alarms', () => {
    const list = [
      alarm('p3-new#H', 3, 'unacknowledged', 500),
      alarm('p2-old#H', 2, 'unacknowledged', 100),
      alarm('p2-new#H', 2, 'unacknowledged', 300),
      alarm('p1-acked#H', 1, 'acknowledged', 600),
    ];
    assert.equal(bannerAlarm(list)?.id, 'p2-new#H');
    assert.equal(bannerAlarm([alarm('p1-acked#H', 1, 'acknowledged', 600), alarm('n#H', 1, 'normal', null)])?.id, 'p1-acked#H');
    assert.equal(bannerAlarm([]), null);
  });

  it('never shows a shelved, suppressed or out-of-service alarm, as the counts beside it do not', () => {
    const hidden = [alarm('sup#L', 1, 'suppressed', 900), alarm('shelf#H', 1, 'shelved', 800), alarm('oos#H', 1, 'out-of-service', 700)];
    assert.equal(bannerAlarm(hidden), null);
    assert.equal(bannerAlarm([...hidden, alarm('p3#H', 3, 'unacknowledged', 100)])?.id, 'p3#H');
  });
});

describe('alarm bands on trends', () => {
  const tags = new Set([TAG]);

  it('shades from activation to return, from the range start for an alarm already active, and to the end for one still active', () => {
    const bands = alarmBands(
      [entry(150, `${TAG}#H`, 'returned'), entry(300, `${TAG}#H`, 'activated'), entry(400, `${TAG}#H`, 'returned'), entry(800, `${TAG}#HH`, 'activated'), entry(500, 'other/a/b/c#H', 'activated')],
      [],
      tags,
      100,
      1000,
    );
    assert.deepEqual(bands.map((b) => [b.level, b.start, b.end]), [['H', 100, 150], ['H', 300, 400], ['HH', 800, 1000]]);
  });

  it('covers the whole range for an alarm active since before it with nothing journaled inside', () => {
    const bands = alarmBands([], [alarm(`${TAG}#L`, 2, 'acknowledged', 50), alarm(`${TAG}#LL`, 1, 'unacknowledged', 500)], tags, 100, 1000);
    assert.deepEqual(bands.map((b) => [b.alarmId, b.start, b.end]), [[`${TAG}#L`, 100, 1000]]);
  });

  it('uses the ISA-101 priority colours', () => {
    assert.deepEqual([1, 2, 3, 4, 9].map(priorityColour), ['#d40000', '#f08c00', '#f2d000', '#b0129a', '#b0129a']);
  });
});

describe('journal search arguments', () => {
  it('sends only the filters that were filled in, trimmed', () => {
    assert.deepEqual(filterArgs(noFilters), {});
    assert.deepEqual(filterArgs({ ...noFilters, tag: ' site/area/ ', event: 'activated', text: '  ' }), { tag: 'site/area/', event: 'activated' });
  });
});
