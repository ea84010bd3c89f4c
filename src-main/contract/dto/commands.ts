// Writes and remote commands: a write's outcome, the command audit rows and the remote-command allow-list.
import type { TagValue } from './tags.js';

export interface WriteResult {
  tag: string;
  /** OPC UA status code name of the outcome, e.g. `Good`, `BadOutOfRange`, `BadNotWritable`. */
  status: string;
  message: string;
}

/** One row of the append-only command audit: every write or remote command, accepted or refused. */
export interface CommandLogEntry {
  id: number;
  ts: number;
  user: string;
  /** Which path it came in by: http, ipc, opcua, mqtt-json, sparkplug. */
  via: string;
  tag: string;
  oldValue: TagValue;
  newValue: TagValue;
  /** `requested` (written before the write), the source's status code name, or the reason of a refusal. */
  status: string;
  message: string;
}

export interface RemoteCommandSetting {
  tag: string;
  /** On the project's allow-list (`tagSettings.<tag>.remoteWrite`): only these can ever be enabled. */
  allowed: boolean;
  /** Currently accepting remote commands (an engineer can switch this at runtime; audited). */
  enabled: boolean;
}

export interface RemoteCommandsDto {
  enabled: boolean;
  settings: RemoteCommandSetting[];
  counters: { accepted: number; refused: number; malformed: number };
}
