// When an asset's source goes away, all its tags turn `stale`: that device is then dead for the host (DDEATH), and
// its next non-stale sample brings it back (DBIRTH). This tracks which tags of each device are stale and which
// devices the host has been told are dead, and reports the transitions to announce.

export class DeviceLiveness {
  private readonly staleTags = new Map<string, Set<string>>();
  private readonly announcedDead = new Set<string>();
  private readonly touched = new Set<string>();

  /** Records a sample's quality for a tag of a device. */
  observe(deviceId: string, tagId: string, stale: boolean): void {
    let set = this.staleTags.get(deviceId);
    if (stale) {
      if (set === undefined) {
        set = new Set();
        this.staleTags.set(deviceId, set);
      }
      set.add(tagId);
    } else if (set !== undefined) {
      set.delete(tagId);
    }
    this.touched.add(deviceId);
  }

  isAnnouncedDead(deviceId: string): boolean {
    return this.announcedDead.has(deviceId);
  }

  /**
   * Devices that died (every one of their `metricCount` tags stale) or came back since the last call; the caller
   * announces them (DDEATH after the device's last DDATA, DBIRTH before its next one).
   */
  transitions(metricCount: (deviceId: string) => number): { died: string[]; revived: string[] } {
    const died: string[] = [];
    const revived: string[] = [];
    for (const deviceId of this.touched) {
      const count = metricCount(deviceId);
      const dead = count > 0 && (this.staleTags.get(deviceId)?.size ?? 0) >= count;
      if (dead && !this.announcedDead.has(deviceId)) {
        this.announcedDead.add(deviceId);
        died.push(deviceId);
      } else if (!dead && this.announcedDead.has(deviceId)) {
        this.announcedDead.delete(deviceId);
        revived.push(deviceId);
      }
    }
    this.touched.clear();
    return { died, revived };
  }

  /** Devices currently announced dead (a new birth sequence repeats their DDEATH after the DBIRTHs). */
  deadDevices(): string[] {
    return [...this.announcedDead];
  }

  /** Forgets tags that are no longer bridged (after setTags). */
  retain(isKnown: (deviceId: string, tagId: string) => boolean): void {
    for (const [deviceId, set] of this.staleTags) {
      for (const tagId of set) if (!isKnown(deviceId, tagId)) set.delete(tagId);
      if (set.size === 0) this.staleTags.delete(deviceId);
      this.touched.add(deviceId);
    }
  }
}
