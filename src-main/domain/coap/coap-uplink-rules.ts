// CoAP uplink rules, pure: the resource path of a tag, the JSON body of a sample, what a response code means for
// the outbox (done, rejected for good, or retry later) and the RFC 7252 retransmission timing.
import type { TagSample } from '../../contract/index.js';

export const DEFAULT_COAP_PATH_TEMPLATE = 'plantbridge/{site}/{area}/{asset}/{tag}';

const PLACEHOLDER = /\{(site|area|asset|tag|id)\}/g;
const SEGMENT = /^[^/?#\s]{1,255}$/;

/** Why a path template cannot be used, or null. Allowed placeholders: {site} {area} {asset} {tag} {id}. */
export function pathTemplateProblem(template: string): string | null {
  const stripped = template.replace(PLACEHOLDER, 'x');
  if (/[{}]/.test(stripped)) return `path template "${template}" has an unknown placeholder (use {site} {area} {asset} {tag} {id})`;
  const segments = stripped.split('/');
  if (segments.some((s) => !SEGMENT.test(s))) return `path template "${template}" has an empty or invalid path segment`;
  if (!/\{(tag|id)\}/.test(template)) return `path template "${template}" must contain {tag} or {id}, or every tag would share one resource`;
  return null;
}

/** The resource path (no leading "/") of the tag `site/area/asset/tag`. */
export function coapResourcePath(template: string, tagId: string, basePath = ''): string {
  const [site = '', area = '', asset = '', tag = ''] = tagId.split('/');
  const values: Record<string, string> = { site, area, asset, tag, id: tagId };
  const rendered = template.replace(PLACEHOLDER, (_m, name: string) => values[name] ?? '');
  return [basePath, rendered].filter((p) => p.length > 0).join('/').replace(/\/{2,}/g, '/').replace(/^\//, '');
}

/** `{"v":…,"q":"good","ts":<ms epoch>}`; non-finite numbers become null (JSON cannot carry them). */
export function encodeCoapBody(sample: TagSample): Buffer {
  const v = typeof sample.value === 'number' && !Number.isFinite(sample.value) ? null : sample.value;
  if (!Number.isFinite(sample.ts)) throw new RangeError(`sample of ${sample.tagId} has an invalid timestamp`);
  return Buffer.from(JSON.stringify({ v, q: sample.quality, ts: sample.ts }));
}

export type CoapOutcome = 'delivered' | 'rejected' | 'retry';

/** 2.xx delivered; 4.xx the server refuses this request for good (resending cannot help); 5.xx and others retry. */
export function classifyResponse(cls: number): CoapOutcome {
  if (cls === 2) return 'delivered';
  if (cls === 4) return 'rejected';
  return 'retry';
}

const CODE_NAMES: Record<string, string> = {
  '4.00': 'Bad Request',
  '4.01': 'Unauthorized',
  '4.02': 'Bad Option',
  '4.03': 'Forbidden',
  '4.04': 'Not Found',
  '4.05': 'Method Not Allowed',
  '4.06': 'Not Acceptable',
  '4.08': 'Request Entity Incomplete',
  '4.12': 'Precondition Failed',
  '4.13': 'Request Entity Too Large',
  '4.15': 'Unsupported Content-Format',
  '5.00': 'Internal Server Error',
  '5.01': 'Not Implemented',
  '5.02': 'Bad Gateway',
  '5.03': 'Service Unavailable',
  '5.04': 'Gateway Timeout',
  '5.05': 'Proxying Not Supported',
};

/** `4.04 Not Found` */
export function describeCode(code: string): string {
  const name = CODE_NAMES[code];
  return name ? `${code} ${name}` : code;
}

export interface RetransmissionTiming {
  ackTimeoutMs: number;
  ackRandomFactor: number;
  maxRetransmit: number;
}

export const RFC7252_TIMING: RetransmissionTiming = { ackTimeoutMs: 2000, ackRandomFactor: 1.5, maxRetransmit: 4 };

/** The first retransmission timeout: ACK_TIMEOUT × a random factor in [1, ACK_RANDOM_FACTOR]. `random` ∈ [0, 1). */
export function initialTimeout(t: RetransmissionTiming, random: number): number {
  return t.ackTimeoutMs * (1 + random * (t.ackRandomFactor - 1));
}

/** MAX_TRANSMIT_WAIT: after this long without any answer a confirmable request has failed (93 s by default). */
export function maxTransmitWait(t: RetransmissionTiming): number {
  return t.ackTimeoutMs * (2 ** (t.maxRetransmit + 1) - 1) * t.ackRandomFactor;
}

/** Back-off before re-sending outbox records after a failed exchange: doubles per failure, capped. */
export function resendDelay(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 20)));
}
