// The HTTP transport of the contract: REST routes under /api, the UI's static files, and the live WebSocket.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isTextFile, routes, type RequestHandlers, type RouteSpec } from '../contract/index.js';
import type { Log } from '../services/ports.js';
import type { Authenticator } from './http-auth.js';
import { matchRoute, queryArgs } from './http-routes.js';
import { sendTextFile } from './http-text-file.js';
import { invokeRequest } from './invoke.js';
import { errorStatus, RequestError } from './request-error.js';
import { serveStatic } from './static-files.js';
import { crossSiteRefusal } from './cross-site.js';
import { attachLiveSocket, type LiveSocketDeps } from './ws-live.js';

const MAX_BODY_BYTES = 64 * 1024;

/** Well-known paths outside /api served by a contract request: the HyperCat catalogue lives at `/cat`. */
const PATH_ALIASES: Record<string, string> = { '/cat': '/api/cat' };

function apiPath(pathname: string): string {
  return Object.prototype.hasOwnProperty.call(PATH_ALIASES, pathname) ? (PATH_ALIASES[pathname] ?? pathname) : pathname;
}

export interface HttpServerOptions extends LiveSocketDeps {
  bind: string;
  port: number;
  handlers: RequestHandlers;
  auth: Authenticator;
  staticDir: string;
  log: Log;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(text);
}

/** Content types a route with `rawBodyArg` takes as raw text (none of them can be sent cross-site without CORS). */
const RAW_BODY_TYPES = /^(text\/csv|application\/csv|application\/octet-stream)\s*(;|$)/i;

async function readJsonBody(req: IncomingMessage, spec?: RouteSpec): Promise<Record<string, unknown>> {
  const limit = spec?.maxBodyBytes ?? MAX_BODY_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new RequestError(413, `request body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  if (spec?.rawBodyArg && RAW_BODY_TYPES.test(req.headers['content-type'] ?? '')) {
    return { [spec.rawBodyArg]: Buffer.concat(chunks).toString('utf8') };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new RequestError(400, 'request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RequestError(400, 'request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, opts: HttpServerOptions): Promise<void> {
  const refusal = crossSiteRefusal(req.headers);
  if (refusal) throw new RequestError(403, refusal);
  const caller = opts.auth.authenticate(req.headers.authorization);
  if (!caller) {
    res.setHeader('WWW-Authenticate', 'Basic realm="PlantBridge", charset="UTF-8"');
    throw new RequestError(401, 'authentication required');
  }
  const { name, params } = matchRoute(req.method ?? 'GET', apiPath(url.pathname));
  // GET carries its arguments in the query string; POST, PUT and DELETE in a JSON body (DELETE's may be empty; a
  // route with `rawBodyArg` also takes a raw text body). On POST, query parameters (`?format=csv&apply=true`) fill in
  // what the body leaves out.
  const base = req.method === 'GET'
    ? queryArgs(url.searchParams)
    : { ...(req.method === 'POST' ? queryArgs(url.searchParams) : {}), ...(await readJsonBody(req, routes[name])) };
  const result = await invokeRequest(opts.handlers, name, { ...base, ...params }, { ...caller, via: 'http' });
  if (isTextFile(result)) sendTextFile(res, result, SECURITY_HEADERS);
  else sendJson(res, 200, result);
}

export async function startHttpServer(opts: HttpServerOptions): Promise<RunningHttpServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const work = url.pathname.startsWith('/api/') || apiPath(url.pathname) !== url.pathname
      ? handleApi(req, res, url, opts)
      : serveStatic(req, res, url.pathname, opts.staticDir, SECURITY_HEADERS);
    work.catch((err: unknown) => {
      const { status, message, internal } = errorStatus(err);
      if (internal) opts.log.error({ err, path: url.pathname }, 'API request failed');
      if (!res.headersSent) sendJson(res, status, { error: { status, message } });
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const live = attachLiveSocket(server, opts);

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `HTTP port ${opts.port} on ${opts.bind} is already in use (choose another with --http-port)`
            : `cannot listen on ${opts.bind}:${opts.port} for the UI/API (${err.code ?? err.message})`,
        ),
      );
    };
    server.once('error', onError);
    server.listen(opts.port, opts.bind, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.bind.includes(':') ? `[${opts.bind}]` : opts.bind;
  return {
    url: `http://${host}:${port}/`,
    port,
    stop: async () => {
      live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
