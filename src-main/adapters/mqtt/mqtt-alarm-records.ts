// Outbox records for alarm messages of the MQTT JSON uplink, and the newest state of every alarm seen, which is
// published again (live, retained) after each reconnect: replayed transitions go out as history (not retained),
// so without this the retained message of an alarm that changed during an outage would stay stale.
import type { AlarmDto } from '../../contract/index.js';
import { alarmTopic, encodeAlarmMessage } from '../../domain/uns-alarm.js';
import type { Log } from '../../services/ports.js';

export interface NewRecord {
  key: string;
  body: Buffer;
  createdAt: number;
}

const MAX_TOPIC_WARNINGS = 20;

export class AlarmRecords {
  private readonly latest = new Map<string, AlarmDto>();
  private warned = 0;

  constructor(
    private readonly prefix: string,
    private readonly log: Log,
  ) {}

  /** Records for these transitions, in order; remembers each alarm's newest state. */
  records(changed: readonly AlarmDto[], createdAt: number): NewRecord[] {
    const out: NewRecord[] = [];
    for (const alarm of changed) {
      const record = this.encode(alarm, createdAt);
      if (record === null) continue;
      this.latest.set(alarm.id, alarm);
      out.push(record);
    }
    return out;
  }

  /** The newest state of every alarm published so far (for the retained topics after a reconnect). */
  snapshot(createdAt: number): NewRecord[] {
    const out: NewRecord[] = [];
    for (const alarm of this.latest.values()) {
      const record = this.encode(alarm, createdAt);
      if (record !== null) out.push(record);
    }
    return out;
  }

  private encode(alarm: AlarmDto, createdAt: number): NewRecord | null {
    try {
      return { key: alarmTopic(this.prefix, alarm), body: Buffer.from(encodeAlarmMessage(alarm)), createdAt };
    } catch (err) {
      if (this.warned++ < MAX_TOPIC_WARNINGS) {
        this.log.warn({ alarm: alarm.id }, `alarm not published over MQTT: ${(err as Error).message}`);
      }
      return null;
    }
  }
}
