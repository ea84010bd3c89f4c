// The oneM2M HTTP binding (TS-0009) as a client: every request carries X-M2M-Origin, a unique X-M2M-RI, X-M2M-RVI
// and, for creates, `Content-Type: application/json;ty=<type>`; the outcome is the X-M2M-RSC header (not only the
// HTTP status). A body that is not JSON is kept as text, never thrown; network failures and timeouts reject.
import { randomBytes } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface M2mRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** CSE-relative path, e.g. `/cse-in/plantbridge/flow`. */
  path: string;
  origin: string;
  /** Resource type of a create: 2 AE, 3 container, 4 contentInstance, 23 subscription. */
  ty?: number;
  body?: unknown;
}

export interface M2mResponse {
  httpStatus: number;
  /** X-M2M-RSC (2000 OK, 2001 created, 4004 not found, 4105 already exists, …); null when the peer sent none. */
  rsc: number | null;
  /** The parsed JSON body, or null when empty or not JSON. */
  body: unknown;
  text: string;
}

/** The CSE could not be reached or did not answer in time (as opposed to an answer with an error code). */
export class M2mUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'M2mUnreachableError';
  }
}

export interface HttpBindingOptions {
  /** `http(s)://host:port`, optionally with a path prefix. */
  baseUrl: string;
  /** X-M2M-RVI, e.g. `3`. */
  rvi: string;
  timeoutMs: number;
}

export interface HttpBinding {
  send(req: M2mRequest): Promise<M2mResponse>;
  close(): void;
}

const MAX_RESPONSE_BYTES = 1024 * 1024;

export function createHttpBinding(opts: HttpBindingOptions): HttpBinding {
  const base = new URL(opts.baseUrl);
  const secure = base.protocol === 'https:';
  if (!secure && base.protocol !== 'http:') throw new Error(`oneM2M CSE URL must start with http:// or https:// (got ${base.protocol}//)`);
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: 4 }) : new HttpAgent({ keepAlive: true, maxSockets: 4 });
  const prefix = base.pathname.replace(/\/+$/, '');
  const session = randomBytes(4).toString('hex');
  let counter = 0;

  function send(req: M2mRequest): Promise<M2mResponse> {
    counter += 1;
    const payload = req.body === undefined ? null : Buffer.from(JSON.stringify(req.body));
    const headers: Record<string, string> = {
      'X-M2M-Origin': req.origin,
      'X-M2M-RI': `pb-${session}-${counter}`,
      'X-M2M-RVI': opts.rvi,
      Accept: 'application/json',
    };
    if (payload !== null) {
      headers['Content-Type'] = req.ty === undefined ? 'application/json' : `application/json;ty=${req.ty}`;
      headers['Content-Length'] = String(payload.length);
    }
    const url = new URL(`${prefix}${req.path}`, base);
    return new Promise<M2mResponse>((resolve, reject) => {
      const r = (secure ? httpsRequest : httpRequest)(url, { method: req.method, headers, agent, timeout: opts.timeoutMs }, (res) =>
        readResponse(res).then(resolve, reject),
      );
      r.on('timeout', () => r.destroy(new M2mUnreachableError(`CSE at ${base.host} did not answer within ${opts.timeoutMs} ms`)));
      r.on('error', (err: NodeJS.ErrnoException) => {
        reject(err instanceof M2mUnreachableError ? err : new M2mUnreachableError(describeNetError(err, base.host)));
      });
      r.end(payload ?? undefined);
    });
  }

  return { send, close: () => agent.destroy() };
}

async function readResponse(res: IncomingMessage): Promise<M2mResponse> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > MAX_RESPONSE_BYTES) {
      res.destroy();
      throw new M2mUnreachableError(`CSE response larger than ${MAX_RESPONSE_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown = null;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = null; // a non-JSON body: the caller reports it with the RSC; never a crash
    }
  }
  const header = res.headers['x-m2m-rsc'];
  const rsc = Number(Array.isArray(header) ? header[0] : header);
  return { httpStatus: res.statusCode ?? 0, rsc: Number.isInteger(rsc) && rsc > 0 ? rsc : null, body, text };
}

function describeNetError(err: NodeJS.ErrnoException, host: string): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return `CSE at ${host} refused the connection (not running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `CSE host name ${host} cannot be resolved`;
    case 'ECONNRESET':
      return `CSE at ${host} closed the connection`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `CSE at ${host} is unreachable (network)`;
    default:
      return `CSE at ${host}: ${err.message}`;
  }
}
