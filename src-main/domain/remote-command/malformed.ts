// Why a remote command could not even be understood. Each reason has a stable code (counted, shown in the status)
// and a detail for the log. Details never echo long or binary input: at most a short, JSON-escaped excerpt.

export type MalformedCode =
  // topic
  | 'topic-too-long'
  | 'topic-nul'
  | 'topic-wildcard'
  | 'topic-empty-level'
  | 'topic-prefix'
  | 'topic-shape'
  | 'topic-bad-level'
  | 'topic-forbidden-level'
  // payload bytes and JSON syntax
  | 'empty'
  | 'too-large'
  | 'invalid-utf8'
  | 'not-json'
  | 'not-an-object'
  // keys
  | 'forbidden-key'
  | 'duplicate-key'
  | 'unknown-key'
  | 'missing-key'
  // values
  | 'value-not-scalar'
  | 'not-finite'
  | 'unsafe-integer'
  | 'string-too-long'
  | 'bad-string'
  | 'wrong-type'
  | 'bad-timestamp'
  | 'bad-user'
  | 'bad-id'
  | 'bad-hmac-format'
  // names coming from other transports (Sparkplug metric names mapped to tags)
  | 'bad-tag-name';

export interface Malformed {
  ok: false;
  code: MalformedCode;
  detail: string;
}

export function malformed(code: MalformedCode, detail: string): Malformed {
  return { ok: false, code, detail };
}

/** `code: detail`, the one-line form handed to `RemoteCommandSink.malformed`. */
export function describeMalformed(m: Malformed): string {
  return `${m.code}: ${m.detail}`;
}

/** A short, printable excerpt of untrusted text for log details. */
export function excerpt(text: string, max = 32): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}

/** Object keys and path levels that would reach an object's prototype machinery if ever used as a property name. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
