// The bridge the Electron preload exposes. Absent in browsers, where the HTTP/WebSocket transport is used.
import type { EventName, EventPayloads } from '../src-main/contract/index.js';

declare global {
  interface PlantBridgePreload {
    invoke(name: string, args: unknown): Promise<unknown>;
    subscribe<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void;
  }
  interface Window {
    plantbridge?: PlantBridgePreload;
  }
}

export {};
