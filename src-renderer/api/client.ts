// The typed client every view uses: `api.invoke(name, args)` and `api.on(event, listener)`,
// over Electron IPC when the preload is there, else HTTP + WebSocket to the serving host.
import type {
  EventName,
  EventPayloads,
  RequestArgs,
  RequestName,
  RequestResult,
} from '../../src-main/contract/index.js';
import type { LinkState, Transport } from './transport.js';
import { createIpcTransport } from './ipc-transport.js';
import { httpInvoke } from './http-request.js';
import { LiveSocket, liveSocketUrl } from './live-socket.js';

export interface ApiClient {
  invoke<N extends RequestName>(name: N, args: RequestArgs<N>): Promise<RequestResult<N>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void;
  linkState(): LinkState;
  onLinkState(listener: (state: LinkState) => void): () => void;
  readonly via: 'ipc' | 'http';
}

function createBrowserTransport(): Transport {
  const socket = new LiveSocket(liveSocketUrl(window.location));
  socket.start();
  return {
    invoke: httpInvoke,
    on: (name, listener) => socket.on(name, listener),
    linkState: () => socket.linkState(),
    onLinkState: (l) => socket.onLinkState(l),
  };
}

export function createApiClient(): ApiClient {
  const bridge = window.plantbridge;
  const transport = bridge ? createIpcTransport(bridge) : createBrowserTransport();
  return {
    via: bridge ? 'ipc' : 'http',
    async invoke<N extends RequestName>(name: N, args: RequestArgs<N>): Promise<RequestResult<N>> {
      // The backend validates every argument with the contract's zod schema; its result type is the contract's.
      return (await transport.invoke(name, args)) as RequestResult<N>;
    },
    on: (name, listener) => transport.on(name, listener),
    linkState: () => transport.linkState(),
    onLinkState: (l) => transport.onLinkState(l),
  };
}

let shared: ApiClient | null = null;

/** The one client of this window. */
export function api(): ApiClient {
  shared ??= createApiClient();
  return shared;
}
