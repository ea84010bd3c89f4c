// What both transports (Electron IPC and HTTP/WebSocket) offer the typed client.
import type { EventName, EventPayloads } from '../../src-main/contract/index.js';

/** `open`: events are flowing. `connecting`: first connection. `down`: lost, reconnecting with back-off. */
export type LinkState = 'connecting' | 'open' | 'down';

export interface Transport {
  invoke(name: string, args: unknown): Promise<unknown>;
  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void;
  linkState(): LinkState;
  /** Called on every change of the link state; `open` after `down` means events may have been missed. */
  onLinkState(listener: (state: LinkState) => void): () => void;
}
