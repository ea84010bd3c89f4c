// The MQTT JSON uplink logging in to Debian mosquitto with a password file.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMqttJsonUplink } from '../../src-main/adapters/mqtt/index.js';
import { mosquittoMissing, startMosquitto, type MosquittoBroker } from '../fixtures/mosquitto.js';
import { eventually, describeStatus, recordingLog, subscribe, systemClock, tagDef } from '../unit/mqtt/mqtt-test-kit.js';

const FLOW = 'demo-site/utilities/pump-101/flow';

describe('MQTT JSON uplink with mosquitto user name and password', { skip: mosquittoMissing() ?? false }, () => {
  let broker: MosquittoBroker;
  before(async () => {
    broker = await startMosquitto({ users: { bridge: 'correct horse', reader: 'reader-pass' } });
  });
  after(async () => {
    await broker.close();
  });

  it('connects and publishes with the right password', async () => {
    const sub = await subscribe(broker.url, 'auth-ok/#', { username: 'reader', password: 'reader-pass' });
    const uplink = createMqttJsonUplink({
      url: broker.url,
      topicPrefix: 'auth-ok',
      username: 'bridge',
      password: 'correct horse',
      log: recordingLog(),
      clock: systemClock,
    });
    uplink.setTags([tagDef(FLOW, 'm3/h')]);
    try {
      await uplink.start();
      assert.equal(uplink.status().state, 'connected', describeStatus(uplink.status()));
      uplink.publish({ samples: [{ tagId: FLOW, ts: Date.now(), value: 7, quality: 'good' }] });
      await sub.waitFor((m) => m.some((x) => x.topic === `auth-ok/${FLOW}`), 'the sample');
    } finally {
      await uplink.stop();
      await sub.close();
    }
  });

  it('accepts credentials given in the URL and never shows them', async () => {
    const url = broker.url.replace('mqtt://', 'mqtt://bridge:correct%20horse@');
    const uplink = createMqttJsonUplink({ url, log: recordingLog(), clock: systemClock });
    try {
      await uplink.start();
      assert.equal(uplink.status().state, 'connected', describeStatus(uplink.status()));
      assert.equal(uplink.status().url, broker.url);
    } finally {
      await uplink.stop();
    }
  });

  it('reports "not authorised" for a wrong password, keeps running and stays disconnected', async () => {
    const log = recordingLog();
    const uplink = createMqttJsonUplink({
      url: broker.url,
      username: 'bridge',
      password: 'wrong',
      reconnectPeriodMs: 200,
      log,
      clock: systemClock,
    });
    try {
      await uplink.start();
      await eventually(() => uplink.status().state === 'disconnected', 'disconnected');
      assert.match(uplink.status().lastError ?? '', /^not authorised: bad user name or password/);
      // Retries go on in the background without flooding the log with the same reason.
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.equal(uplink.status().state, 'disconnected');
      assert.equal(log.lines.filter((l) => l.includes('not authorised')).length, 1);
      assert.ok(!log.lines.some((l) => l.includes('wrong')), 'the password never reaches the log');
    } finally {
      await uplink.stop();
    }
  });

  it('reports "not authorised" when no credentials are given to a broker that requires them', async () => {
    const uplink = createMqttJsonUplink({ url: broker.url, log: recordingLog(), clock: systemClock });
    try {
      await uplink.start();
      await eventually(() => uplink.status().state === 'disconnected', 'disconnected');
      assert.match(uplink.status().lastError ?? '', /^not authorised/);
    } finally {
      await uplink.stop();
    }
  });
});
