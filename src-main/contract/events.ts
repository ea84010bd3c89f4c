// The event map: everything the backend pushes to UIs (WebSocket `/api/live`, Electron IPC `subscribe`).
import type { AlarmDto, FlagDto, HealthDto, TagImportProgressDto, TagSample } from './dto.js';

export interface EventPayloads {
  /** Coalesced live values: at most one sample per tag per message, at most 10 messages a second per client. */
  live: { samples: TagSample[] };
  /** Alarms whose state changed. */
  alarms: { changed: AlarmDto[] };
  /** Maintenance flags raised, updated or cleared. */
  flags: { changed: FlagDto[] };
  /** Health summary, about once a second. */
  health: HealthDto;
  /** Progress of a running tag import (`POST /api/tags/import`), a few times a second at most. */
  tagImport: TagImportProgressDto;
}

export type EventName = keyof EventPayloads;

export const eventNames: readonly EventName[] = ['live', 'alarms', 'flags', 'health', 'tagImport'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}

/** A message on the WebSocket: one event, or the answer to an `invoke` sent over the socket. */
export type ServerMessage =
  | { type: 'event'; name: EventName; payload: EventPayloads[EventName] }
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: { status: number; message: string } };

/** A message a client sends on the WebSocket. */
export type ClientMessage =
  | { type: 'subscribe'; names: EventName[] }
  | { type: 'invoke'; id: number; name: string; args: unknown };
