// JSON side of the bench subscriber: one message per change, `{"value", "ts", "quality"[, "historical": true]}` on
// `<prefix>/<site>/<area>/<asset>/<tag>`; load tags are `…/load/load-<k>/value-<i>`.

/** Receives each change: load-tag index or −1, value (NaN if not numeric), source ts ms (NaN if unreadable). */
export type ChangeSink = (load: number, value: number, ts: number, historical: boolean, now: number) => void;

/** `…/load/load-<k>/value-<i>` → i, or -1 for a process tag. */
export function loadIndexOfTopic(topic: string): number {
  const at = topic.lastIndexOf('/value-');
  if (at < 0 || !topic.includes('/load/')) return -1;
  const n = Number(topic.slice(at + 7));
  return Number.isInteger(n) ? n : -1;
}

/** Decodes one message; false for a payload that is not a JSON value message. */
export function handleJson(topic: string, payload: Buffer, now: number, sink: ChangeSink): boolean {
  if (topic.endsWith('/_bridge/status')) return true;
  let doc: { value?: unknown; ts?: unknown; historical?: unknown };
  try {
    doc = JSON.parse(payload.toString('utf8')) as typeof doc;
  } catch {
    return false;
  }
  const ts = typeof doc.ts === 'string' ? Date.parse(doc.ts) : Number.NaN;
  const value = typeof doc.value === 'number' ? doc.value : Number.NaN;
  sink(loadIndexOfTopic(topic), value, ts, doc.historical === true, now);
  return true;
}
