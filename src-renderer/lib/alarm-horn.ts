// When the banner's optional sound plays (pure, for tests): on each new unacknowledged priority-1/2 alarm, and
// again at an interval while one of those is still unacknowledged and not silenced. Alarms already standing when
// the window opened do not sound; acknowledging them, or "Silence", stops the tone until the next new alarm.
import type { AlarmDto } from '../../src-main/contract/index.js';
import { isOverridden } from './alarm-order.js';

export const HORN_PRIORITY_MAX = 2;
export const HORN_REPEAT_MS = 10_000;

function hornKey(a: AlarmDto): string | null {
  if (a.state !== 'unacknowledged' || a.priority > HORN_PRIORITY_MAX) return null;
  return `${a.id}@${a.activeSince ?? a.lastChange}`;
}

export class AlarmHorn {
  private known: Set<string> | null = null;
  private readonly sounding = new Map<string, number>();

  /** Feeds the current alarm list; returns the priority to sound now (1 or 2), or null. */
  update(alarms: readonly AlarmDto[]): number | null {
    const current = new Map<string, number>();
    for (const a of alarms) {
      const key = hornKey(a);
      if (key) current.set(key, a.priority);
    }
    let sound: number | null = null;
    if (this.known) {
      for (const [key, priority] of current) {
        if (this.known.has(key)) continue;
        this.sounding.set(key, priority);
        sound = Math.min(sound ?? priority, priority);
      }
    }
    for (const key of [...this.sounding.keys()]) if (!current.has(key)) this.sounding.delete(key);
    this.known = new Set(current.keys());
    return sound;
  }

  /** The priority to repeat the tone with, or null when nothing new is waiting for acknowledgement. */
  repeating(): number | null {
    let p: number | null = null;
    for (const priority of this.sounding.values()) p = Math.min(p ?? priority, priority);
    return p;
  }

  silence(): void {
    this.sounding.clear();
  }
}

/** The banner's message: the newest of the highest-priority unacknowledged alarms, else the newest standing one. */
export function bannerAlarm(alarms: readonly AlarmDto[]): AlarmDto | null {
  let best: AlarmDto | null = null;
  let newest: AlarmDto | null = null;
  const time = (a: AlarmDto) => a.activeSince ?? a.lastChange;
  for (const a of alarms) {
    // The same rule as the banner's counts: normal and hidden (shelved, suppressed, out-of-service) alarms never show.
    if (a.state === 'normal' || isOverridden(a)) continue;
    if (!newest || time(a) > time(newest)) newest = a;
    if (a.acknowledged) continue;
    if (!best || a.priority < best.priority || (a.priority === best.priority && time(a) > time(best))) best = a;
  }
  return best ?? newest;
}
