// The self-check must fail a node that breaks the rules, not only pass ours.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CheckObserver } from '../../../src-main/adapters/sparkplug/self-check/check-observer.js';
import { encodeSparkplugPayload } from '../../../src-main/adapters/sparkplug/sparkplug-codec.js';
import { SpType, type SpMetric } from '../../../src-main/domain/sparkplug/index.js';

const now = Date.now();
const m = (over: Partial<SpMetric>): SpMetric => ({ timestamp: now, type: SpType.Double, datatypeOnWire: true, value: 1, ...over });
const nbirth = (bdSeq: number, seq = 0) =>
  encodeSparkplugPayload({
    timestamp: now,
    seq,
    metrics: [
      m({ name: 'bdSeq', alias: 1, type: SpType.Int64, value: bdSeq }),
      m({ name: 'Node Control/Rebirth', type: SpType.Boolean, value: false }),
    ],
  });

describe('Sparkplug self-check observer', () => {
  it('fails seq gaps, names and datatypes in DATA, duplicate aliases and a bdSeq mismatch', () => {
    const o = new CheckObserver({ groupId: 'G', edgeNodeId: 'E' }, () => now);
    o.observe('spBv1.0/G/NBIRTH/E', nbirth(3, 1), 1, true);
    o.observe('spBv1.0/G/DBIRTH/E/d', encodeSparkplugPayload({ timestamp: now, seq: 1, metrics: [m({ name: 'a', alias: 1 })] }), 0, false);
    o.observe('spBv1.0/G/DDATA/E/x', encodeSparkplugPayload({ timestamp: now, seq: 3, metrics: [m({ name: 'a', alias: 1 })] }), 0, false);
    o.observe('spBv1.0/G/NDEATH/E', encodeSparkplugPayload({ timestamp: now, seq: 4, metrics: [m({ name: 'bdSeq', type: SpType.Int64, value: 4 })] }), 0, true);
    const failed = new Set(o.results().filter((r) => r.outcome === 'fail').map((r) => r.rule));
    for (const rule of ['nbirth-seq-zero', 'birth-qos-retain', 'seq-continuity', 'aliases', 'datatypes-in-births-only', 'births-before-data', 'ndeath-no-seq', 'bdseq-match', 'will-qos-retain']) {
      assert.ok(failed.has(rule), `${rule} should fail (failed: ${[...failed].join(', ')})`);
    }
  });
  it('reports rules it could not see as not observed, not as passed', () => {
    const o = new CheckObserver({}, () => now);
    const results = o.results();
    assert.ok(results.every((r) => r.outcome === 'not-observed'), JSON.stringify(results.filter((r) => r.outcome !== 'not-observed')));
  });
});
