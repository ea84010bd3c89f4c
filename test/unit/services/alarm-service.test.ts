import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlarmDto, FlagDto, JournalEntry, TagSample } from '../../../src-main/contract/index.js';
import type { TagDef } from '../../../src-main/domain/tags.js';
import { AlarmAckError, createAlarmService } from '../../../src-main/services/alarm-service.js';
import type { HistorianStore, Log } from '../../../src-main/services/ports.js';
import { storePortWith } from '../../fixtures/fake-store.js';

class FakeStore {
  journalWrites: Omit<JournalEntry, 'id'>[][] = [];
  failNext = false;
  async appendJournal(entries: Omit<JournalEntry, 'id'>[]): Promise<void> {
    await Promise.resolve();
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    this.journalWrites.push(entries);
  }
  get rows(): Omit<JournalEntry, 'id'>[] {
    return this.journalWrites.flat();
  }
  asPort(): HistorianStore {
    return storePortWith(
      {
        appendJournal: (e) => this.appendJournal(e),
        saveFlags: async (_f: FlagDto[]) => undefined,
        loadFlags: async () => [],
      },
      'the alarm service',
    );
  }
}

const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

function tag(name: string, alarms: TagDef['alarms']): TagDef {
  return {
    id: `demo-site/utilities/pump-101/${name}`,
    site: 'demo-site',
    area: 'utilities',
    asset: 'pump-101',
    name,
    sourceId: 'sim',
    nodeId: `ns=1;s=${name}`,
    dataType: 'Double',
    unit: name === 'vibration' ? 'mm/s' : '°C',
    euRange: null,
    description: '',
    writable: false,
    group: 'default',
    alarms,
    deadband: null,
  };
}

const VIB = 'demo-site/utilities/pump-101/vibration';
const TEMP = 'demo-site/utilities/pump-101/bearing-temperature';

function setup() {
  const store = new FakeStore();
  let now = 1_700_000_000_000;
  const service = createAlarmService({ store: store.asPort(), clock: { now: () => now }, log: silentLog });
  service.setTags([
    tag('vibration', { HH: 11, H: 7.1, deadband: 0.5, priority: 2 }),
    tag('bearing-temperature', { H: 80, deadband: 2, priority: 1 }),
    tag('flow', null),
  ]);
  const changes: AlarmDto[][] = [];
  service.onChange((c) => changes.push(c));
  const sample = (tagId: string, value: TagSample['value'], quality: TagSample['quality'] = 'good'): TagSample => ({
    tagId,
    ts: (now += 1000),
    value,
    quality,
  });
  return { store, service, changes, sample, advance: (ms: number) => (now += ms) };
}

describe('alarm service', () => {
  it('creates alarms only for tags with limits, all normal at first', () => {
    const { service } = setup();
    const all = service.list('all');
    assert.deepEqual(all.map((a) => a.id).sort(), [`${TEMP}#H`, `${VIB}#H`, `${VIB}#HH`]);
    assert.ok(all.every((a) => a.state === 'normal'));
    assert.deepEqual(service.list('active'), []);
  });

  it('journals all transitions of one batch in a single write and notifies once', async () => {
    const { store, service, changes, sample } = setup();
    service.ingest({ samples: [sample(VIB, 12), sample(TEMP, 85), sample('other/tag', 1)] });
    await service.flush();
    assert.equal(store.journalWrites.length, 1);
    assert.deepEqual(
      store.rows.map((r) => [r.alarmId, r.event, r.state]),
      [
        [`${VIB}#HH`, 'activated', 'unacknowledged'],
        [`${VIB}#H`, 'activated', 'unacknowledged'],
        [`${TEMP}#H`, 'activated', 'unacknowledged'],
      ],
    );
    assert.equal(changes.length, 1);
    assert.equal(changes[0]?.length, 3);
  });

  it('lists active alarms by priority, then newest first', () => {
    const { service, sample } = setup();
    service.ingest({ samples: [sample(VIB, 8)] });
    service.ingest({ samples: [sample(VIB, 12)] });
    service.ingest({ samples: [sample(TEMP, 81)] });
    assert.deepEqual(
      service.list('active').map((a) => a.id),
      [`${TEMP}#H`, `${VIB}#HH`, `${VIB}#H`],
    );
  });

  it('acknowledges with user and comment, journaled before it resolves', async () => {
    const { store, service, changes, sample } = setup();
    service.ingest({ samples: [sample(VIB, 8)] });
    const dto = await service.acknowledge(`${VIB}#H`, '  checked on site ', 'alice');
    assert.equal(dto.state, 'acknowledged');
    const last = store.rows.at(-1);
    assert.deepEqual(
      { event: last?.event, user: last?.user, comment: last?.comment, state: last?.state },
      { event: 'acknowledged', user: 'alice', comment: 'checked on site', state: 'acknowledged' },
    );
    assert.equal(changes.at(-1)?.[0]?.state, 'acknowledged');
    service.ingest({ samples: [sample(VIB, 2)] });
    assert.equal(service.list('active').length, 0);
  });

  it('refuses to acknowledge an unknown or normal alarm with a specific error', async () => {
    const { service } = setup();
    await assert.rejects(service.acknowledge('nope#H', '', 'alice'), (e: unknown) => e instanceof AlarmAckError && e.status === 404);
    await assert.rejects(service.acknowledge(`${VIB}#H`, '', 'alice'), /is normal/);
  });

  it('does not acknowledge when the journal row cannot be written', async () => {
    const { store, service, sample } = setup();
    service.ingest({ samples: [sample(VIB, 8)] });
    await service.flush();
    store.failNext = true;
    await assert.rejects(service.acknowledge(`${VIB}#H`, '', 'alice'), /not recorded in the journal: disk full/);
    assert.equal(service.list('active')[0]?.state, 'unacknowledged');
  });

  it('ignores bad-quality samples so a disconnect does not look like a return to normal', () => {
    const { service, sample } = setup();
    service.ingest({ samples: [sample(VIB, 8)] });
    service.ingest({ samples: [sample(VIB, 0, 'bad'), sample(VIB, 0, 'stale')] });
    assert.equal(service.list('active').find((a) => a.id === `${VIB}#H`)?.state, 'unacknowledged');
  });

  it('keeps the state of existing alarms when the tags are set again', () => {
    const { service, sample } = setup();
    service.ingest({ samples: [sample(VIB, 8)] });
    service.setTags([tag('vibration', { HH: 12, H: 7.1, deadband: 0.5, priority: 1 })]);
    const h = service.list('all').find((a) => a.id === `${VIB}#H`);
    assert.equal(h?.state, 'unacknowledged');
    assert.equal(h?.priority, 1);
    assert.equal(service.list('all').length, 2);
  });

  it('journals a standing alarm as cleared when its tag loses its limits', async () => {
    const { store, service, changes, sample } = setup();
    service.ingest({ samples: [sample(TEMP, 90)] });
    service.setTags([tag('bearing-temperature', null)]);
    await service.flush();
    assert.equal(store.rows.at(-1)?.event, 'cleared');
    assert.equal(changes.at(-1)?.[0]?.state, 'normal');
    assert.equal(service.list('all').length, 0);
  });
});
