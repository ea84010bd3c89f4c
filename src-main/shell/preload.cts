// The only bridge between the sandboxed UI and the backend: two functions on fixed channels. Request and
// event names are checked against the contract in the main process, which never trusts the renderer.
// A sandboxed preload is CommonJS and may require only `electron`.
const { contextBridge, ipcRenderer } = require('electron') as typeof import('electron');
type IpcRendererEvent = import('electron').IpcRendererEvent;

const INVOKE = 'plantbridge:invoke';
const SUBSCRIBE = 'plantbridge:subscribe';
const EVENT = 'plantbridge:event';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(EVENT, (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const l of listeners.get(name) ?? []) l(payload);
});

contextBridge.exposeInMainWorld('plantbridge', {
  invoke(name: string, args: unknown): Promise<unknown> {
    return ipcRenderer.invoke(INVOKE, String(name), args);
  },
  subscribe(name: string, listener: Listener): () => void {
    const key = String(name);
    let set = listeners.get(key);
    if (!set) {
      set = new Set();
      listeners.set(key, set);
      ipcRenderer.send(SUBSCRIBE, key);
    }
    set.add(listener);
    return () => set.delete(listener);
  },
});
