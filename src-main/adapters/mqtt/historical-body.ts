// Replayed (store-and-forward) messages carry `"historical": true` so consumers can tell history from current
// state. Consumer rules (documented for integrators): de-duplicate by (topic, ts) — delivery is at-least-once on
// the wire — and never treat a historical value as the tag's current value; historical messages are published
// with retain=false, so the retained value of a topic is always the newest live one.

const SUFFIX = Buffer.from(',"historical":true}');

/** `{...}` → `{...,"historical":true}` without re-parsing (the body is a JSON object written by encodeUnsMessage). */
export function markHistorical(body: Buffer): Buffer {
  if (body.length < 2 || body[body.length - 1] !== 0x7d /* } */) return body;
  if (body.length === 2) return Buffer.from('{"historical":true}');
  return Buffer.concat([body.subarray(0, body.length - 1), SUFFIX]);
}
