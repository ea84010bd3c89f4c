// Live values for UIs: per client, only the latest sample of each tag is kept and sent at most every
// `intervalMs` (10 Hz by default). A slow client (a wall display on Wi-Fi) gets fewer, fresher updates; it
// never makes the data path wait and never grows a queue.
import type { TagBatch, TagSample } from '../contract/index.js';
import type { Disposable } from './ports.js';

export interface LiveClient {
  send(samples: TagSample[]): void;
  /** True while the transport still has unsent data: skip this tick, the next one sends fresher values. */
  busy(): boolean;
}

export class LiveStream {
  private readonly clients = new Map<LiveClient, Map<string, TagSample>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs = 100) {}

  start(): void {
    this.timer ??= setInterval(() => this.flush(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.clients.clear();
  }

  addClient(client: LiveClient): Disposable {
    this.clients.set(client, new Map());
    return { dispose: () => this.clients.delete(client) };
  }

  ingest(batch: TagBatch): void {
    if (this.clients.size === 0) return;
    for (const pending of this.clients.values()) {
      for (const s of batch.samples) pending.set(s.tagId, s);
    }
  }

  private flush(): void {
    for (const [client, pending] of this.clients) {
      if (pending.size === 0 || client.busy()) continue;
      const samples = [...pending.values()];
      pending.clear();
      client.send(samples);
    }
  }
}
