// The primary host's STATE message (Sparkplug 3.0): JSON `{"online": boolean, "timestamp": <UTC ms>}`, retained, on
// spBv1.0/STATE/<host id>. Anything else is malformed and must be ignored (and counted) by the edge node.

export interface HostState {
  online: boolean;
  timestamp: number;
}

export type ParsedHostState = { ok: true; state: HostState } | { ok: false; reason: string };

export function parseHostState(payload: Uint8Array): ParsedHostState {
  if (payload.length === 0) return { ok: false, reason: 'empty STATE payload' };
  if (payload.length > 4096) return { ok: false, reason: 'STATE payload larger than 4 KiB' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return { ok: false, reason: 'STATE payload is not UTF-8 JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: 'STATE payload is not a JSON object' };
  }
  const { online, timestamp } = parsed as Record<string, unknown>;
  if (typeof online !== 'boolean') return { ok: false, reason: 'STATE `online` is not a boolean' };
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp < 0) {
    return { ok: false, reason: 'STATE `timestamp` is not a UTC ms integer' };
  }
  return { ok: true, state: { online, timestamp } };
}

/**
 * Tracks the primary host: online once an online STATE arrives; an offline STATE counts only when its timestamp
 * is >= the last online one (tck-id-operational-behavior-edge-node-termination-host-offline-timestamp), so a stale
 * offline message (the host's old will, delivered late) does not tear the session down.
 */
export class HostStateTracker {
  private online = false;
  private lastOnlineTs = -1;

  get isOnline(): boolean {
    return this.online;
  }

  /** Returns what changed: 'online', 'offline', or 'ignored' (stale offline, or no change). */
  apply(state: HostState): 'online' | 'offline' | 'ignored' {
    if (state.online) {
      if (state.timestamp < this.lastOnlineTs) return 'ignored';
      this.lastOnlineTs = state.timestamp;
      if (this.online) return 'ignored';
      this.online = true;
      return 'online';
    }
    if (state.timestamp < this.lastOnlineTs || !this.online) {
      // An offline STATE while we already consider the host offline changes nothing either.
      if (state.timestamp >= this.lastOnlineTs) this.online = false;
      return 'ignored';
    }
    this.online = false;
    return 'offline';
  }

  /** After reconnecting: the retained STATE will tell again; keep the last online timestamp for staleness. */
  reset(): void {
    this.online = false;
  }
}
