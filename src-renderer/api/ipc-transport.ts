// Electron: the preload's `invoke`/`subscribe`. IPC cannot drop, so the link is always open.
import type { EventName, EventPayloads } from '../../src-main/contract/index.js';
import type { Transport } from './transport.js';

export function createIpcTransport(bridge: PlantBridgePreload): Transport {
  return {
    invoke: (name, args) => bridge.invoke(name, args),
    on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void) {
      return bridge.subscribe(name, listener);
    },
    linkState: () => 'open',
    onLinkState: () => () => undefined,
  };
}
