// Pure filtering of the alarm list by state group, priority and a text (tag, area, asset, message …).
import type { AlarmDto } from '../../../src-main/contract/index.js';
import { alarmMatches, isOverridden } from '../../lib/alarm-order.js';

export type StateGroup = 'all' | 'unacknowledged' | 'acknowledged' | 'returned' | 'latched' | 'confirm';

export interface AlarmFilter {
  state: StateGroup;
  /** 0 = any priority. */
  priority: number;
  text: string;
}

export const noFilter: AlarmFilter = { state: 'all', priority: 0, text: '' };

function inGroup(a: AlarmDto, g: StateGroup): boolean {
  switch (g) {
    case 'all':
      return true;
    case 'unacknowledged':
      return !a.acknowledged;
    case 'acknowledged':
      return a.state === 'acknowledged';
    case 'returned':
      return a.state === 'rtn-unacknowledged';
    case 'latched':
      return a.state === 'latched';
    case 'confirm':
      return a.acknowledged && !a.confirmed;
  }
}

export function filterAlarms(alarms: readonly AlarmDto[], f: AlarmFilter): { annunciated: AlarmDto[]; overridden: AlarmDto[] } {
  const annunciated: AlarmDto[] = [];
  const overridden: AlarmDto[] = [];
  for (const a of alarms) {
    if (f.priority !== 0 && a.priority !== f.priority) continue;
    if (!alarmMatches(a, f.text)) continue;
    if (isOverridden(a)) overridden.push(a);
    else if (inGroup(a, f.state)) annunciated.push(a);
  }
  return { annunciated, overridden };
}
