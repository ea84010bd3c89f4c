// Browser requests: the contract's `routes` table turned into fetch calls.
import { routes, isRequestName, type TextFileDto } from '../../src-main/contract/index.js';
import { buildRequest } from '../lib/route-url.js';

export async function httpInvoke(name: string, args: unknown): Promise<unknown> {
  if (!isRequestName(name)) throw new Error(`Unknown request "${name}"`);
  const req = buildRequest(routes[name], (args ?? {}) as Record<string, unknown>);
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: req.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: req.body,
      credentials: 'same-origin',
    });
  } catch {
    throw new Error(`PlantBridge is not reachable (${name})`);
  }
  const text = await res.text();
  // A file result (a CSV export) comes back as the contract's TextFileDto, as it does over IPC and WebSocket.
  const file = res.ok ? textFileFrom(res, text) : null;
  if (file) return file;
  let parsed: unknown = undefined;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) throw new Error(errorMessage(parsed) ?? `${name} failed: HTTP ${res.status} ${res.statusText}`);
  return parsed;
}

function errorMessage(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const err = (body as { error: unknown }).error;
  if (typeof err === 'string') return err;
  if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') return err.message;
  return null;
}

function textFileFrom(res: Response, body: string): TextFileDto | null {
  const disposition = res.headers.get('content-disposition') ?? '';
  if (!/^attachment\b/i.test(disposition)) return null;
  const filename = /filename="([^"]*)"/i.exec(disposition)?.[1] ?? 'download';
  return { kind: 'text-file', contentType: res.headers.get('content-type') ?? 'application/octet-stream', filename, body };
}
