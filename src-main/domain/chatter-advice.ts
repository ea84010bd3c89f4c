// The plain-words advice for a chattering alarm: shelve it for now, then re-tune it, with the numbers to use.
// Deadband rule of thumb (ISA-18.2 / EEMUA 191): at least 1 % of the measurement span, and clearly above the
// current one; on-delay: longer than the alarm's typical short activations.

/** What is known of an alarm's tuning (from the tag's configuration); every field may be unknown. */
export interface AlarmTuning {
  deadband: number;
  unit: string;
  /** EU range high − low of the tag, when known. */
  span: number | null;
  limit: number | null;
}

export interface ChatterFacts {
  alarmId: string;
  episodes: number;
  activations: number;
  shortestGapMs: number;
  typicalActiveMs: number | null;
}

const DELAY_STEPS_S = [2, 5, 10, 15, 30, 60, 120, 300];

/** Smallest "nice" number (1, 2, 2.5, 5 × 10^k) that is ≥ x. */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 0;
  const exp = Math.floor(Math.log10(x));
  for (const k of [exp - 1, exp, exp + 1]) {
    for (const m of [1, 2, 2.5, 5]) {
      const v = Number((m * 10 ** k).toPrecision(12));
      if (v >= x * (1 - 1e-12)) return v;
    }
  }
  return 10 ** (exp + 1);
}

/** The deadband to suggest, or null when nothing about the alarm's scale is known. */
export function suggestedDeadband(t: AlarmTuning | undefined): number | null {
  if (!t) return null;
  const candidates = [t.deadband * 2];
  if (t.span !== null && t.span > 0) candidates.push(t.span * 0.01);
  if (t.limit !== null && t.limit !== 0) candidates.push(Math.abs(t.limit) * 0.005);
  const wanted = Math.max(...candidates);
  const nice = niceCeil(wanted);
  return nice > t.deadband ? nice : null;
}

/** On-delay in seconds: longer than the typical activation (× 1.5), or than half the shortest repeat if unknown. */
export function suggestedOnDelayS(f: ChatterFacts): number {
  const basisMs = f.typicalActiveMs !== null ? f.typicalActiveMs * 1.5 : f.shortestGapMs / 2;
  const step = DELAY_STEPS_S.find((s) => s * 1000 >= basisMs);
  return step ?? DELAY_STEPS_S[DELAY_STEPS_S.length - 1] ?? 300;
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return `${Number(s.toFixed(1))} s`;
  if (s < 120) return `${Math.round(s)} s`;
  return `${Math.round(s / 60)} min`;
}

function formatAmount(v: number, unit: string): string {
  const text = Number(v.toPrecision(6)).toString();
  return unit ? `${text} ${unit}` : text;
}

export function chatterSuggestion(f: ChatterFacts, tuning: AlarmTuning | undefined, system: boolean): string {
  const seen =
    `Chattered in ${f.episodes} ${f.episodes === 1 ? 'burst' : 'bursts'} (${f.activations} activations, ` +
    `as little as ${formatSeconds(f.shortestGapMs)} apart` +
    (f.typicalActiveMs !== null ? `, typically active ${formatSeconds(f.typicalActiveMs)}` : '') +
    ').';
  if (system) {
    return `${seen} This is a PlantBridge system alarm: find why the connection keeps dropping (network, peer ` +
      'restarts, credentials) rather than re-tuning it.';
  }
  const delay = suggestedOnDelayS(f);
  const deadband = suggestedDeadband(tuning);
  const retune =
    deadband !== null && tuning
      ? `raise the deadband from ${formatAmount(tuning.deadband, tuning.unit)} to ${formatAmount(deadband, tuning.unit)} ` +
        `and/or add an on-delay of ${delay} s`
      : `add an on-delay of ${delay} s`;
  return `${seen} Shelve it for now (for example for one shift, reason "chattering"), then ${retune}.`;
}
