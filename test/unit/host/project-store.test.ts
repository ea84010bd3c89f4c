// The project store: validated edits, atomic saves that keep untouched sections as written, audit and change events.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { createProjectStore, ProjectValidationError } from '../../../src-main/host/project-store.js';
import type { SourceConfig } from '../../../src-main/host/config-schema.js';
import { recordingLog, tempDir } from '../store/store-fixtures.js';

const tmp = tempDir('pb-project-store-');
after(() => tmp.remove());
const who = { user: 'eng', via: 'http' };
const source = (id: string, extra: Record<string, unknown> = {}) => ({ id, endpointUrl: 'opc.tcp://127.0.0.1:4840', ...extra }) as unknown as SourceConfig;

describe('project store', () => {
  it('starts from the defaults when the file does not exist and creates it on the first edit', async () => {
    const file = tmp.file('new/project.json');
    const store = createProjectStore({ file, log: recordingLog() });
    assert.equal(store.current().sources.length, 0);
    assert.equal(existsSync(file), false);
    await store.update((p) => ({ ...p, sources: [source('a')] }), who);
    const disk = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(disk), ['sources'], 'only the edited section is written, no defaults elsewhere');
    assert.deepEqual(readdirSync(tmp.file('new')), ['project.json'], 'no temporary file left behind');
  });

  it('keeps untouched sections exactly as the user wrote them', async () => {
    const file = tmp.file('kept.json');
    writeFileSync(file, JSON.stringify({ historian: { retentionDays: 3 }, mqtt: { url: 'none' } }));
    const store = createProjectStore({ file, log: recordingLog() });
    await store.update((p) => ({ ...p, sources: [source('a')] }), who);
    const disk = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(disk.historian, { retentionDays: 3 });
    assert.deepEqual(disk.mqtt, { url: 'none' });
  });

  it('refuses an invalid edit with field paths, writes nothing and keeps the current project', async () => {
    const file = tmp.file('refused.json');
    writeFileSync(file, '{"sources":[]}');
    const store = createProjectStore({ file, log: recordingLog() });
    const changes: unknown[] = [];
    store.onChange((next) => void changes.push(next));
    await assert.rejects(
      store.update((p) => ({ ...p, sources: [source('a', { securityPolicy: 'Basic256', securityMode: 'Sign' })] }), who),
      (err: unknown) => err instanceof ProjectValidationError && err.issues.some((i) => i.path === 'sources[0].securityPolicy' && /deprecated/.test(i.message)),
    );
    assert.equal(readFileSync(file, 'utf8'), '{"sources":[]}');
    assert.equal(store.current().sources.length, 0);
    assert.equal(changes.length, 0);
  });

  it('accepts a deprecated policy only with allowDeprecated', async () => {
    const store = createProjectStore({ file: tmp.file('deprecated.json'), log: recordingLog() });
    await store.update((p) => ({ ...p, sources: [source('old', { securityPolicy: 'Basic256', securityMode: 'Sign', allowDeprecated: true })] }), who);
    assert.equal(store.current().sources[0]?.securityPolicy, 'Basic256');
  });

  it('audits each save and tells listeners, one edit after the other', async () => {
    const audits: string[] = [];
    const store = createProjectStore({ file: tmp.file('events.json'), log: recordingLog(), audit: (e) => void audits.push(`${e.who.user}:${e.sections.join(',')}:${e.summary}`) });
    const seen: number[] = [];
    store.onChange((next, prev) => void seen.push(next.sources.length - prev.sources.length));
    await Promise.all([
      store.update((p) => ({ ...p, sources: [...p.sources, source('a')] }), who, 'a added'),
      store.update((p) => ({ ...p, sources: [...p.sources, source('b')] }), who, 'b added'),
    ]);
    assert.deepEqual(store.current().sources.map((s) => s.id), ['a', 'b'], 'the second edit saw the first');
    assert.deepEqual(audits, ['eng:sources:a added', 'eng:sources:b added']);
    assert.deepEqual(seen, [1, 1]);
  });

  it('does not write or audit an edit that changes nothing', async () => {
    const audits: unknown[] = [];
    const file = tmp.file('noop.json');
    const store = createProjectStore({ file, log: recordingLog(), audit: (e) => void audits.push(e) });
    await store.update((p) => p, who);
    assert.equal(existsSync(file), false);
    assert.equal(audits.length, 0);
  });

  it('refuses to start from an invalid project file, naming the field', () => {
    const file = tmp.file('bad.json');
    writeFileSync(file, JSON.stringify({ sources: [{ id: 'x', endpointUrl: 'http://nope' }] }));
    assert.throws(() => createProjectStore({ file, log: recordingLog() }), /sources\[0\]\.endpointUrl/);
  });
});
