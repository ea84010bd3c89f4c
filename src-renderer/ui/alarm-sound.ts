// A short two-pulse tone with WebAudio (no sound files): higher pitch for priority 1. Browsers allow audio only
// after a user gesture; the sound toggle is one, and resume() is retried on every tone.
let context: AudioContext | null = null;

export function playAlarmTone(priority: number): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    void ctx.resume().catch(() => undefined);
    const freq = priority <= 1 ? 988 : 740;
    for (const offset of [0, 0.3]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = freq;
      const t = ctx.currentTime + offset;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.15, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.2);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + 0.22);
    }
  } catch {
    // No audio device or no WebAudio: the banner still shows the alarm.
  }
}

const KEY = 'plantbridge.alarmSound';

export function loadSoundSetting(): boolean {
  try {
    return window.localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

export function saveSoundSetting(on: boolean): void {
  try {
    window.localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // storage unavailable (private mode): the setting lasts for this window only
  }
}
