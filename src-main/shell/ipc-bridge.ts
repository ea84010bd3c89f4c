// Electron IPC transport of the contract: the same handlers and checks as HTTP, for the desktop window.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { isEventName, isRequestName, type Caller, type EventName } from '../contract/index.js';
import type { RunningApp } from '../host/app.js';
import { invokeRequest } from '../host/invoke.js';
import { errorStatus } from '../host/request-error.js';

const DESKTOP_USER: Caller = { user: 'desktop', roles: ['read', 'operate', 'engineer'], via: 'ipc' };

export function registerIpc(ipcMain: IpcMain, backend: RunningApp, isTrustedSender: (wc: WebContents) => boolean): void {
  ipcMain.handle('plantbridge:invoke', async (event: IpcMainInvokeEvent, name: unknown, args: unknown) => {
    if (!isTrustedSender(event.sender)) throw new Error('request from an untrusted page');
    if (!isRequestName(name)) throw new Error(`unknown request ${String(name)}`);
    try {
      return await invokeRequest(backend.handlers, name, args ?? {}, DESKTOP_USER);
    } catch (err) {
      // Only the message crosses to the renderer, never a stack.
      throw new Error(errorStatus(err).message);
    }
  });

  const subscriptions = new Map<number, Set<EventName>>();
  ipcMain.on('plantbridge:subscribe', (event, name: unknown) => {
    const wc = event.sender;
    if (!isTrustedSender(wc) || !isEventName(name)) return;
    let names = subscriptions.get(wc.id);
    if (!names) {
      const set = new Set<EventName>();
      names = set;
      subscriptions.set(wc.id, set);
      const live = backend.live.addClient({
        busy: () => false,
        send: (samples) => set.has('live') && wc.send('plantbridge:event', 'live', { samples }),
      });
      const events = backend.events.onAny((n, payload) => set.has(n) && wc.send('plantbridge:event', n, payload));
      wc.once('destroyed', () => {
        live.dispose();
        events.dispose();
        subscriptions.delete(wc.id);
      });
    }
    names.add(name);
  });
}
