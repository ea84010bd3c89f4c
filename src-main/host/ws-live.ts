// WebSocket `/api/live`: pushes contract events (coalesced live values, alarms, flags, health) and answers
// `invoke` messages with the same handlers and checks as HTTP.
import type { Server } from 'node:http';
import { crossSiteRefusal } from './cross-site.js';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  isEventName,
  isRequestName,
  type Caller,
  type ClientMessage,
  type EventName,
  type RequestHandlers,
  type ServerMessage,
} from '../contract/index.js';
import type { EventHub } from '../services/event-hub.js';
import type { LiveStream } from '../services/live-stream.js';
import type { Log } from '../services/ports.js';
import type { Authenticator } from './http-auth.js';
import { invokeRequest } from './invoke.js';
import { errorStatus } from './request-error.js';

export interface LiveSocketDeps {
  handlers: RequestHandlers;
  auth: Authenticator;
  events: EventHub;
  live: LiveStream;
  log: Log;
}

const MAX_BUFFERED_BYTES = 1024 * 1024;

function parseClientMessage(data: unknown): ClientMessage | null {
  try {
    const msg = JSON.parse(String(data)) as Partial<ClientMessage> | null;
    if (msg?.type === 'subscribe' && Array.isArray(msg.names)) return msg as ClientMessage;
    if (msg?.type === 'invoke' && typeof msg.id === 'number') return msg as ClientMessage;
  } catch {
    // fall through: a malformed message is answered with a protocol error below
  }
  return null;
}

function serve(ws: WebSocket, caller: Caller, deps: LiveSocketDeps): void {
  const subscribed = new Set<EventName>();
  const send = (m: ServerMessage) => ws.send(JSON.stringify(m));
  const liveClient = deps.live.addClient({
    busy: () => ws.bufferedAmount > MAX_BUFFERED_BYTES,
    send: (samples) => {
      if (subscribed.has('live')) send({ type: 'event', name: 'live', payload: { samples } });
    },
  });
  const events = deps.events.onAny((name, payload) => {
    if (subscribed.has(name) && ws.bufferedAmount <= MAX_BUFFERED_BYTES) send({ type: 'event', name, payload });
  });
  ws.on('message', (data) => {
    const msg = parseClientMessage(data);
    if (!msg) {
      ws.close(1003, 'expected {"type":"subscribe",…} or {"type":"invoke",…}');
      return;
    }
    if (msg.type === 'subscribe') {
      for (const n of msg.names) if (isEventName(n)) subscribed.add(n);
      return;
    }
    const name = msg.name;
    const work = isRequestName(name)
      ? invokeRequest(deps.handlers, name, msg.args ?? {}, caller)
      : Promise.reject(new Error(`unknown request ${String(name)}`));
    work.then(
      (result) => send({ type: 'result', id: msg.id, ok: true, result }),
      (err: unknown) => {
        const { status, message, internal } = errorStatus(err);
        if (internal) deps.log.error({ err, request: name }, 'WebSocket request failed');
        send({ type: 'result', id: msg.id, ok: false, error: { status, message } });
      },
    );
  });
  ws.on('close', () => {
    liveClient.dispose();
    events.dispose();
  });
  ws.on('error', () => ws.terminate());
}

export function attachLiveSocket(server: Server, deps: LiveSocketDeps): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (crossSiteRefusal(req.headers)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const caller = deps.auth.authenticate(req.headers.authorization);
    if (path !== '/api/live' || !caller) {
      socket.end(path !== '/api/live' ? 'HTTP/1.1 404 Not Found\r\n\r\n' : 'HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, { ...caller, via: 'http' }, deps));
  });
  return {
    close: () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
