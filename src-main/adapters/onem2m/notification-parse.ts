// Reads a oneM2M notification (`m2m:sgn`) sent to PlantBridge's notification URI: a verification request, or a
// new contentInstance on the command container whose `con` holds `{tag, value, ts?, id?}` (as a JSON string or,
// from CSEs that parse it, as an object). Anything else is a reason to refuse, never an exception.
export type Notification =
  | { kind: 'verify'; sur: string | null }
  | { kind: 'command'; sur: string | null; tag: string; value: unknown; ts: number | null; id: string | null }
  | { kind: 'other'; sur: string | null }
  | { kind: 'malformed'; reason: string };

const bad = (code: string, detail: string): Notification => ({ kind: 'malformed', reason: `${code}: ${detail}` });
const obj = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

export function parseNotification(text: string): Notification {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return bad('not-json', 'the notification body is not JSON');
  }
  const sgn = obj(obj(body)?.['m2m:sgn']);
  if (sgn === null) return bad('not-sgn', 'the body has no m2m:sgn object');
  const sur = typeof sgn['sur'] === 'string' ? sgn['sur'] : null;
  if (sgn['vrq'] === true) return { kind: 'verify', sur };
  const rep = obj(obj(sgn['nev'])?.['rep']);
  if (rep === null) return sgn['sud'] === true ? { kind: 'other', sur } : bad('no-event', 'm2m:sgn has no nev.rep');
  const cin = obj(rep['m2m:cin']);
  if (cin === null) return { kind: 'other', sur };
  const con = readCon(cin['con']);
  if (con === null) return bad('con-not-json', 'the contentInstance con is not a JSON object');
  const tag = con['tag'];
  if (typeof tag !== 'string' || tag === '') return bad('no-tag', 'the command has no tag');
  if (!('value' in con)) return bad('no-value', 'the command has no value');
  const ts = readTs(con['ts']) ?? readOneM2mTime(cin['ct']);
  const id = typeof con['id'] === 'string' ? con['id'] : typeof cin['ri'] === 'string' ? cin['ri'] : null;
  return { kind: 'command', sur, tag, value: con['value'], ts, id };
}

function readCon(con: unknown): Record<string, unknown> | null {
  if (typeof con === 'string') {
    try {
      return obj(JSON.parse(con));
    } catch {
      return null;
    }
  }
  return obj(con);
}

function readTs(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const ms = Date.parse(v);
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}

/** oneM2M timestamps: `20250131T120000` or `20250131T120000,123` (UTC). */
export function readOneM2mTime(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:[,.](\d{1,6}))?$/.exec(v);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
}

/** Whether `sur` names our subscription: its structured path (with or without the CSE-ID) or its resource id. */
export function isOurSubscription(sur: string | null, structuredPath: string, ri: string | null): boolean {
  if (sur === null) return false;
  const s = sur.replace(/^\/+/, '');
  const p = structuredPath.replace(/^\/+/, '');
  if (s === p || s.endsWith(`/${p}`)) return true;
  return ri !== null && ri !== '' && (s === ri.replace(/^\/+/, '') || s.endsWith(`/${ri.replace(/^\/+/, '')}`));
}
