// PlantBridge as an LwM2M 1.1 client, presented to the app as an Uplink (kind `lwm2m`): registered = connected.
// It registers (after client-initiated bootstrap when configured), keeps the registration alive with Updates,
// answers the server's Read/Write/Execute/Discover/Write-Attributes/Observe, and de-registers on stop.
import type { TagBatch, UplinkStatus, UplinkTestResult } from '../../contract/index.js';
import { AttributeStore } from '../../domain/lwm2m/attributes.js';
import { deviceObject, errorCodesFor, serverObject, type ServerSettings } from '../../domain/lwm2m/device-objects.js';
import { mapTags, tagObjects, type MappedTag } from '../../domain/lwm2m/ipso-objects.js';
import { registrationLinks } from '../../domain/lwm2m/link-format.js';
import { fail, OK, type ObjectModel } from '../../domain/lwm2m/model.js';
import { ObjectTree } from '../../domain/lwm2m/object-tree.js';
import { RequestDispatcher } from '../../domain/lwm2m/request-dispatch.js';
import type { TagDef } from '../../domain/tags.js';
import type { Disposable, Listener, Uplink } from '../../services/ports.js';
import { UplinkStateTracker } from '../uplink/uplink-state.js';
import { BootstrapRunner } from './bootstrap-runner.js';
import type { Lwm2mClientOptions, ServerAccount } from './client-options.js';
import { CoapEndpoint, type ClientRequest } from './coap-endpoint.js';
import { Observations } from './observations.js';
import { RegistrationLoop } from './registration-loop.js';
import { SecretStore } from './secret-store.js';
import { ServerRequests } from './server-requests.js';
import { TagValues } from './tag-values.js';

export interface Lwm2mClient extends Uplink {
  /** Counters beyond UplinkStatus, for tests and diagnostics. */
  details(): { rejected: number; garbage: number; handled: number; observations: number; endpoint: string; localPort: number | null };
}

export function createLwm2mClient(o: Lwm2mClientOptions): Lwm2mClient {
  const counters = { notifications: 0, failed: 0, skipped: 0, retried: 0 };
  const secrets = new SecretStore(o.dataDir);
  let endpointName = o.endpoint ?? 'plantbridge';
  let serial = 'unknown';
  let timeOffsetMs = 0;
  let cut = false;
  let mapped: MappedTag[] = [];
  let tagObjs: ObjectModel[] = [];
  let account: ServerAccount | null = null;
  const settings: ServerSettings = {
    shortServerId: o.shortServerId, lifetimeSec: o.lifetimeSec, defaultPmin: 0, defaultPmax: 0, notificationStoring: false, binding: 'U',
  };

  const state = new UplinkStateTracker(() => snapshot(), o.clock, o.log, { uplink: o.id });
  const values = new TagValues(o.writeGate, () => `lwm2m:${account?.uri ?? 'server'}`);
  const attributes = new AttributeStore(() => ({
    ...(settings.defaultPmin > 0 ? { pmin: settings.defaultPmin } : {}),
    ...(settings.defaultPmax > 0 ? { pmax: settings.defaultPmax } : {}),
  }));
  let staticObjs: ObjectModel[] = [];
  const tree = new ObjectTree(() => [...staticObjs, ...tagObjs]);
  const dispatcher = new RequestDispatcher(tree, attributes);
  const observations = new Observations({
    read: (p, accept) => dispatcher.read(p, accept),
    attributes,
    clock: o.clock,
    log: o.log,
    maxObservations: o.maxObservations,
    onNotified: () => (counters.notifications += 1),
  });
  const bootstrap = new BootstrapRunner({ options: o, secrets, request: (r: ClientRequest) => endpoint.request(r), endpointName: () => endpointName,
    onProblem: (message) => state.setError(message),
  });
  let loop: RegistrationLoop | null = null;
  const requests = new ServerRequests({
    dispatcher,
    observations,
    trustedHost: () => bootstrap.trustedHost() ?? loop?.trustedHost ?? null,
    bootstrap: () => bootstrap.session(),
    silenced: () => cut,
    clock: o.clock,
    log: o.log,
  });
  const endpoint = new CoapEndpoint(
    (req, res) => requests.handle(req, res),
    (err) => o.log.warn({ err, uplink: o.id }, 'LwM2M socket error'),
  );

  staticObjs = [
    serverObject({
      settings,
      onLifetime: (sec) => loop?.setLifetime(sec),
      onUpdateTrigger: () => loop?.requestUpdate(),
    }),
    deviceObject({
      manufacturer: 'PlantBridge',
      model: o.model,
      get serial() {
        return serial;
      },
      firmwareVersion: o.firmwareVersion,
      errorCodes: () => errorCodesFor(o.systemAlarms()),
      now: () => o.clock.now() + timeOffsetMs,
      setTime: (sec) => {
        timeOffsetMs = sec * 1000 - o.clock.now();
        o.log.info({ uplink: o.id, offsetMs: timeOffsetMs }, 'LwM2M server set the device time (reported time only; the system clock is not changed)');
        return OK;
      },
      reboot: () => {
        if (!o.allowRemoteReboot) return fail('4.05', 'remote reboot is disabled by local policy (lwm2m.allowRemoteReboot)');
        const restart = o.requestRestart;
        if (!restart) return fail('4.05', 'this PlantBridge process cannot restart its service');
        o.log.warn({ uplink: o.id }, 'LwM2M server executed Reboot (/3/0/4): restarting the bridge service');
        setTimeout(restart, 300).unref();
        return OK;
      },
    }),
  ];

  function links(): string {
    return registrationLinks(tree.objects());
  }

  function snapshot(): UplinkStatus {
    return {
      id: o.id,
      kind: 'lwm2m',
      url: account?.uri ?? o.serverUri ?? o.bootstrapUri,
      embeddedBroker: false,
      state: state.state,
      since: state.since,
      lastError: state.lastError,
      published: counters.notifications,
      failed: counters.failed,
      skipped: counters.skipped,
      queued: 0,
      retried: counters.retried,
      topicPrefix: endpointName,
      outbox: null,
      rejected: requests.rejected + endpoint.garbage,
    };
  }

  async function connect(): Promise<void> {
    state.setState('connecting');
    account = await bootstrap.account(() => cut);
    if (!account || cut) return;
    settings.shortServerId = account.shortServerId;
    settings.lifetimeSec = account.lifetimeSec;
    loop = new RegistrationLoop({
      options: o,
      account,
      endpointName,
      links,
      request: (r) => endpoint.request(r),
      state,
      counters,
    });
    loop.start();
  }

  return {
    id: o.id,
    async start() {
      serial = await secrets.serial();
      endpointName = o.endpoint ?? `plantbridge-${serial}`;
      await endpoint.open(o.bind, o.port);
      observations.start();
      void connect().catch((err: unknown) => state.setError(`LwM2M start failed: ${String(err)}`));
    },
    async stop() {
      bootstrap.cancel();
      observations.stop();
      await loop?.stop();
      loop = null;
      await endpoint.close();
      state.setState('disconnected');
    },
    setTags(tags: TagDef[]) {
      const result = mapTags(tags, o.objects, o.maxObjects);
      const before = links();
      mapped = result.mapped;
      values.setTracked(mapped.map((m) => m.tag.id));
      tagObjs = tagObjects(mapped, values, o.allowTagWrites);
      if (links() !== before) loop?.objectsChanged();
    },
    publish(batch: TagBatch) {
      counters.skipped += values.ingest(batch);
    },
    status: snapshot,
    onStatus(listener: Listener<UplinkStatus>): Disposable {
      return state.onStatus(listener);
    },
    async setCut(value: boolean) {
      if (value === cut) return;
      cut = value;
      if (value) {
        observations.cancelAll();
        bootstrap.cancel();
        await loop?.stop();
        loop = null;
        state.setState('cut');
      } else {
        void connect().catch((err: unknown) => state.setError(`LwM2M reconnect failed: ${String(err)}`));
      }
    },
    async test(): Promise<UplinkTestResult> {
      const started = o.clock.now();
      const done = (ok: boolean, message: string): UplinkTestResult => ({ id: o.id, ok, message, durationMs: o.clock.now() - started });
      if (loop?.registered) {
        const r = await loop.testUpdate();
        return done(r.ok, r.message);
      }
      const target = account ?? bootstrap.configuredAccount();
      if (!target) return done(false, 'no LwM2M server is configured or bootstrapped yet');
      const ok = await endpoint.ping(target.host, target.port, 3000);
      return done(ok, ok ? `CoAP ping to ${target.uri} answered (not registered yet: ${state.lastError ?? 'registering'})` : `no answer from ${target.uri} to a CoAP ping within 3 s`);
    },
    details: () => ({
      rejected: requests.rejected,
      garbage: endpoint.garbage,
      handled: requests.handled,
      observations: observations.count,
      endpoint: endpointName,
      localPort: endpoint.localPort,
    }),
  };
}
