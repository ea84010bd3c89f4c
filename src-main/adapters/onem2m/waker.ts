// A sleep that can be ended early: by stop() or a drill (any sleep) or by new data (only idle sleeps, so new data
// never cuts a back-off short).
export class Waker {
  private current: { idle: boolean; fire: () => void } | null = null;
  private closed = false;

  sleep(ms: number | null, idle: boolean): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const fire = () => {
        if (timer !== null) clearTimeout(timer);
        if (this.current?.fire === fire) this.current = null;
        resolve();
      };
      if (ms !== null) timer = setTimeout(fire, ms);
      this.current = { idle, fire };
      if (this.closed) fire();
    });
  }

  /** Ends the current sleep; with `onlyIdle`, only a sleep waiting for data. */
  wake(onlyIdle = false): void {
    if (this.current === null || (onlyIdle && !this.current.idle)) return;
    this.current.fire();
  }

  /** Closed: every sleep (current and later) ends at once, until open() (stop, then start again). */
  setClosed(closed: boolean): void {
    this.closed = closed;
    if (closed) this.current?.fire();
  }
}
