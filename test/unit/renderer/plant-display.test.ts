import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AlarmDto, FlagDto, FlagEvidence, TagDto } from '../../../src-main/contract/index.js';
import { barGeometry, effectiveRange, limitViolated, toPct } from '../../../src-renderer/lib/analog-bar.js';
import { buildPlantTree, keyTags } from '../../../src-renderer/lib/plant-tree.js';
import { alarmMatches, compareAlarms, summarizeAlarms } from '../../../src-renderer/lib/alarm-order.js';
import { compareFlags } from '../../../src-renderer/lib/flag-order.js';
import { etaFromEvidence, projectionLine } from '../../../src-renderer/lib/projection.js';
import { buildRequest } from '../../../src-renderer/lib/route-url.js';
import { routes } from '../../../src-main/contract/index.js';

const tag = (id: string, extra: Partial<TagDto> = {}): TagDto => {
  const [site = '', area = '', asset = '', name = ''] = id.split('/');
  return { id, site, area, asset, name, sourceId: 'sim', nodeId: 'ns=1;s=x', dataType: 'Double', unit: 'bar', euRange: null, description: '', writable: false, group: 'g', alarms: null, ...extra };
};

const alarm = (id: string, priority: number, t: number, extra: Partial<AlarmDto> = {}): AlarmDto => ({
  id, tag: `s/a/b/${id}`, level: 'H', priority, state: 'unacknowledged', active: true, acknowledged: false,
  activeSince: t, lastChange: t, limit: 10, value: 11, message: `${id} high`, shelvedUntil: null,
  kind: 'limit', confirmed: true, shelving: null, suppressedBy: null, outOfService: false, ...extra,
});

describe('analog bar geometry', () => {
  const limits = { L: 20, H: 80, HH: 90, deadband: 1, priority: 2 };
  it('places value and limits on the EURange and clamps out-of-range values', () => {
    const g = barGeometry(50, { low: 0, high: 100 }, limits);
    assert.equal(g.valuePct, 50);
    assert.deepEqual(g.marks.map((m) => [m.level, m.pct]), [['L', 20], ['H', 80], ['HH', 90]]);
    assert.equal(g.normalFromPct, 20);
    assert.equal(g.normalToPct, 80);
    const over = barGeometry(150, { low: 0, high: 100 }, null);
    assert.equal(over.valuePct, 100);
    assert.equal(over.overRange, true);
    assert.equal(toPct(5, { low: 5, high: 5 }), 0, 'an empty range does not divide by zero');
  });

  it('derives a range from limits when the tag has no EURange', () => {
    const r = effectiveRange(null, limits, 50);
    assert.ok(r && r.low <= 0 && r.high >= 90);
    assert.equal(effectiveRange(null, null, null), null);
  });

  it('names the worst violated limit', () => {
    assert.equal(limitViolated(95, limits), 'HH');
    assert.equal(limitViolated(85, limits), 'H');
    assert.equal(limitViolated(10, limits), 'L');
    assert.equal(limitViolated(50, limits), null);
  });
});

describe('plant tree', () => {
  it('groups tags site → area → asset in natural order', () => {
    const tree = buildPlantTree([tag('s1/b-area/pump-10/flow'), tag('s1/a-area/pump-2/flow'), tag('s1/a-area/pump-10/flow'), tag('s1/a-area/pump-2/speed', { sourceId: 'plc' })]);
    assert.equal(tree.length, 1);
    assert.deepEqual(tree[0]!.areas.map((a) => a.area), ['a-area', 'b-area']);
    assert.deepEqual(tree[0]!.areas[0]!.assets.map((a) => a.asset), ['pump-2', 'pump-10']);
    assert.deepEqual(tree[0]!.areas[0]!.assets[0]!.sourceIds, ['sim', 'plc']);
  });

  it('shows alarmed analog values first on the card', () => {
    const tags = [tag('s/a/p/running', { dataType: 'Boolean' }), tag('s/a/p/speed'), tag('s/a/p/flow', { alarms: { H: 1, deadband: 0, priority: 1 } })];
    assert.deepEqual(keyTags(tags).map((t) => t.name), ['flow', 'speed', 'running']);
  });
});

describe('alarm ordering and banner summary', () => {
  it('sorts by priority, then newest first', () => {
    const list = [alarm('a', 2, 100), alarm('b', 1, 50), alarm('c', 1, 80)].sort(compareAlarms);
    assert.deepEqual(list.map((a) => a.id), ['c', 'b', 'a']);
  });

  it('counts unacknowledged alarms by priority and picks the newest unacknowledged', () => {
    const s = summarizeAlarms([
      alarm('a', 1, 100),
      alarm('b', 3, 300),
      alarm('c', 2, 400, { acknowledged: true, state: 'acknowledged' }),
      alarm('d', 4, 500, { state: 'normal', active: false, acknowledged: true }),
    ]);
    assert.deepEqual(s.unackByPriority, [1, 0, 1, 0]);
    assert.equal(s.unackTotal, 2);
    assert.equal(s.standing, 3);
    assert.equal(s.newest?.id, 'b');
  });

  it('filters by tag, message, level and priority', () => {
    const a = alarm('vib', 1, 1);
    assert.ok(alarmMatches(a, 'VIB high'.split(' ')[0]!));
    assert.ok(alarmMatches(a, 'p1'));
    assert.ok(!alarmMatches(a, 'p2'));
    assert.ok(alarmMatches(a, '  '));
  });
});

describe('maintenance flags', () => {
  const ev: FlagEvidence = { tag: 't', unit: 'mm/s', baseline: 4, bandLow: 3, bandHigh: 5, current: 7, slopePerHour: 0.5, limit: 11, changePointTs: 0 };

  it('projects from the current value to the limit at the ETA', () => {
    const line = projectionLine(ev, 0, 8 * 3_600_000, 3_600_000);
    assert.deepEqual(line, [{ t: 0, v: 7 }, { t: 8 * 3_600_000, v: 11 }]);
  });

  it('projects over the horizon when no ETA is known, and not at all when flat', () => {
    assert.deepEqual(projectionLine(ev, 0, null, 2 * 3_600_000)[1], { t: 2 * 3_600_000, v: 8 });
    assert.deepEqual(projectionLine({ ...ev, slopePerHour: 0 }, 0, null, 1), []);
  });

  it('computes an ETA only when moving towards the limit', () => {
    assert.equal(etaFromEvidence(ev, 0), 8 * 3_600_000);
    assert.equal(etaFromEvidence({ ...ev, slopePerHour: -1 }, 0), null);
  });

  it('orders active before cleared, critical first, soonest limit first', () => {
    const f = (id: string, severity: FlagDto['severity'], state: FlagDto['state'], limitEta: number | null): FlagDto => ({
      id, asset: 'a', rule: 'r', title: id, severity, state, tags: [], startedAt: 0, updatedAt: 0, limitEta, limitEtaRange: null, explanation: '', evidence: [],
    });
    const sorted = [f('cleared', 'critical', 'cleared', 1), f('warn-late', 'warning', 'active', 9), f('crit', 'critical', 'active', null), f('warn-soon', 'warning', 'active', 2)].sort(compareFlags);
    assert.deepEqual(sorted.map((x) => x.id), ['crit', 'warn-soon', 'warn-late', 'cleared']);
  });
});

describe('HTTP requests from the contract routes', () => {
  it('puts GET arguments in the query string', () => {
    const r = buildRequest(routes.history, { tag: 'a/b/c/d', from: 1, to: 2, points: 100, mode: undefined });
    assert.equal(r.method, 'GET');
    assert.equal(r.url, '/api/history?tag=a%2Fb%2Fc%2Fd&from=1&to=2&points=100');
    assert.equal(r.body, undefined);
  });

  it('fills path parameters URL-encoded and sends the rest as JSON', () => {
    const r = buildRequest(routes.ackAlarm, { id: 'site/a/b/vib:H', comment: 'checked' });
    assert.equal(r.url, '/api/alarms/site%2Fa%2Fb%2Fvib%3AH/ack');
    assert.deepEqual(JSON.parse(r.body!), { comment: 'checked' });
  });

  it('refuses a request with a missing path parameter', () => {
    assert.throws(() => buildRequest(routes.ackAlarm, { comment: 'x' }), /Missing "id"/);
  });
});
