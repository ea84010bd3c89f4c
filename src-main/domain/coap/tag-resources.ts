// What the local CoAP server exposes, pure: `/tags/<tag id>` paths, the CoRE link format of /.well-known/core
// (RFC 6690) with rt/ct/obs/title/unit per tag, and the representation a GET asks for with its Accept option.
import type { TagDto, TagSample } from '../../contract/index.js';
import { CONTENT_FORMAT } from './coap-message.js';
import { encodeCoapBody } from './coap-uplink-rules.js';

export const TAGS_PREFIX = 'tags';
export const TAG_RESOURCE_TYPE = 'plantbridge.tag';

/** `/tags/site/area/asset/tag` */
export function tagResourcePath(tagId: string): string {
  return `/${TAGS_PREFIX}/${tagId}`;
}

/** The tag id a request path names (`/tags/a/b/c/d`), or null when it does not name one. */
export function tagIdOfPath(path: string): string | null {
  const segments = path.split('/').filter((s) => s.length > 0);
  if (segments[0] !== TAGS_PREFIX || segments.length !== 5) return null;
  return segments.slice(1).join('/');
}

function quoted(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`;
}

/** RFC 6690 link format of every tag; `rt` filter as in `/.well-known/core?rt=plantbridge.tag`. */
export function linkFormat(tags: readonly Pick<TagDto, 'id' | 'name' | 'description' | 'unit'>[], query: string): string {
  const rtFilter = /(?:^|&)rt=([^&]*)/.exec(query)?.[1];
  if (rtFilter !== undefined && !matchesFilter(TAG_RESOURCE_TYPE, decodeURIComponent(rtFilter))) return '';
  return tags
    .map((t) => {
      const attrs = [`rt="${TAG_RESOURCE_TYPE}"`, `ct=${CONTENT_FORMAT.json}`, 'obs', `title=${quoted(t.description || t.name)}`];
      if (t.unit.length > 0) attrs.push(`unit=${quoted(t.unit)}`);
      return `<${tagResourcePath(t.id)}>;${attrs.join(';')}`;
    })
    .join(',');
}

/** RFC 6690 §4.1 filter: exact, or a prefix ending in `*`. */
function matchesFilter(value: string, filter: string): boolean {
  return filter.endsWith('*') ? value.startsWith(filter.slice(0, -1)) : value === filter;
}

export type Representation = 'json' | 'text';

/** Which representation an Accept option asks for; null means 4.06 Not Acceptable. */
export function representationFor(accept: number | undefined): Representation | null {
  if (accept === undefined || accept === CONTENT_FORMAT.json) return 'json';
  if (accept === CONTENT_FORMAT.textPlain) return 'text';
  return null;
}

/** The body of a tag's current value: `{"v","q","ts"}` JSON, or the bare value as text. No value yet: null value. */
export function tagBody(tagId: string, sample: TagSample | undefined, rep: Representation): Buffer {
  const s: TagSample = sample ?? { tagId, ts: 0, value: null, quality: 'bad' };
  if (rep === 'json') return encodeCoapBody(s);
  return Buffer.from(s.value === null ? '' : String(s.value), 'utf8');
}
