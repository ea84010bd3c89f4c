// The standard objects a PlantBridge client serves: Server /1 (lifetime, default periods, binding, update trigger)
// and Device /3 (identity, error codes, time, reboot). Values and effects come from the adapter as callbacks.
import type { ObjectModel, Outcome, ResourceModel, ResourceValue } from './model.js';
import { fail, OK } from './model.js';

export interface ServerSettings {
  shortServerId: number;
  lifetimeSec: number;
  defaultPmin: number;
  defaultPmax: number;
  notificationStoring: boolean;
  binding: string;
}

export interface ServerObjectHooks {
  settings: ServerSettings;
  /** The lifetime changed: the next Update carries it. */
  onLifetime(sec: number): void;
  /** Execute /1/0/8: send an Update now. */
  onUpdateTrigger(): void;
}

export function serverObject(h: ServerObjectHooks): ObjectModel {
  const s = h.settings;
  const int = (id: number, get: () => number, set: (n: number) => Outcome): ResourceModel => ({
    id, type: 'integer', ops: 'RW', read: get, write: (v) => (typeof v === 'number' ? set(v) : fail('4.00', 'expected an integer')),
  });
  const resources: ResourceModel[] = [
    { id: 0, type: 'integer', ops: 'R', read: () => s.shortServerId },
    int(1, () => s.lifetimeSec, (n) => {
      if (n < 10 || n > 86_400 * 7) return fail('4.00', 'lifetime must be between 10 s and 7 days');
      s.lifetimeSec = n;
      h.onLifetime(n);
      return OK;
    }),
    int(2, () => s.defaultPmin, (n) => (n < 0 ? fail('4.00', 'pmin must be ≥ 0') : ((s.defaultPmin = n), OK))),
    int(3, () => s.defaultPmax, (n) => (n < 0 ? fail('4.00', 'pmax must be ≥ 0') : ((s.defaultPmax = n), OK))),
    { id: 6, type: 'boolean', ops: 'RW', read: () => s.notificationStoring, write: (v) => ((s.notificationStoring = v === true), OK) },
    {
      id: 7, type: 'string', ops: 'RW', read: () => s.binding,
      write: (v) => (v === 'U' ? OK : fail('4.00', 'only UDP binding "U" is supported')),
    },
    { id: 8, type: 'none', ops: 'E', execute: () => (h.onUpdateTrigger(), OK) },
  ];
  return { id: 1, version: '1.1', instances: () => [{ id: 0, resources }] };
}

export interface DeviceObjectHooks {
  manufacturer: string;
  model: string;
  serial: string;
  firmwareVersion: string;
  /** Active error codes (empty means "0 = no error"). */
  errorCodes(): number[];
  /** The device's current time (ms epoch), including any offset the server wrote. */
  now(): number;
  /** The server wrote /3/0/13 (s epoch). */
  setTime(sec: number): Outcome;
  /** Execute /3/0/4: allowed only when the local policy says so. */
  reboot(): Outcome;
}

export function deviceObject(h: DeviceObjectHooks): ObjectModel {
  const str = (id: number, get: () => string): ResourceModel => ({ id, type: 'string', ops: 'R', read: get });
  const resources: ResourceModel[] = [
    str(0, () => h.manufacturer),
    str(1, () => h.model),
    str(2, () => h.serial),
    str(3, () => h.firmwareVersion),
    { id: 4, type: 'none', ops: 'E', execute: () => h.reboot() },
    {
      id: 11, type: 'integer', ops: 'R', multiple: true,
      read: (): ResourceValue[] => {
        const codes = h.errorCodes();
        return codes.length > 0 ? codes : [0];
      },
    },
    {
      id: 13, type: 'time', ops: 'RW', read: () => Math.floor(h.now() / 1000),
      write: (v) => (typeof v === 'number' && v >= 0 ? h.setTime(v) : fail('4.00', 'time must be seconds since 1970')),
    },
    str(16, () => 'U'),
  ];
  return { id: 3, version: '1.1', instances: () => [{ id: 0, resources }] };
}

/** Error codes of /3/0/11 for PlantBridge's active system alarms (tags `plantbridge/system/...`). */
export function errorCodesFor(systemAlarmTags: string[]): number[] {
  const codes = new Set<number>();
  for (const tag of systemAlarmTags) {
    if (/\/uplink\/[^/]+\/down$/.test(tag)) codes.add(7); // IP connectivity failure
    else if (/\/source\/[^/]+\/disconnected$/.test(tag)) codes.add(8); // peripheral malfunction (plant source)
    else if (/\/data-lost$/.test(tag)) codes.add(5); // out of storage: store-and-forward dropping data
    else codes.add(32); // device specific: another PlantBridge system alarm
  }
  return [...codes].sort((a, b) => a - b);
}
