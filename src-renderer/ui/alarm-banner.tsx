// The alarm banner on every display: unacknowledged alarms by priority, the newest highest-priority alarm
// (click → Alarms), and an optional horn (off by default, remembered in this browser) with a Silence button.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useAlarms } from '../state/hooks.js';
import { summarizeAlarms } from '../lib/alarm-order.js';
import { AlarmHorn, HORN_REPEAT_MS, bannerAlarm } from '../lib/alarm-horn.js';
import { formatClock } from '../lib/format.js';
import { loadSoundSetting, playAlarmTone, saveSoundSetting } from './alarm-sound.js';
import { href } from './router.js';
import '../styles/alarm-reports.css';

function useHorn(alarms: ReturnType<typeof useAlarms>, soundOn: boolean) {
  const horn = useRef(new AlarmHorn());
  const [waiting, setWaiting] = useState<number | null>(null);
  useEffect(() => {
    const now = horn.current.update(alarms);
    if (now !== null && soundOn) playAlarmTone(now);
    setWaiting(horn.current.repeating());
  }, [alarms, soundOn]);
  useEffect(() => {
    if (!soundOn || waiting === null) return;
    const id = setInterval(() => {
      const p = horn.current.repeating();
      if (p !== null) playAlarmTone(p);
    }, HORN_REPEAT_MS);
    return () => clearInterval(id);
  }, [soundOn, waiting]);
  const silence = () => {
    horn.current.silence();
    setWaiting(null);
  };
  return { waiting, silence };
}

export function AlarmBanner() {
  const alarms = useAlarms();
  const s = useMemo(() => summarizeAlarms(alarms), [alarms]);
  const shown = useMemo(() => bannerAlarm(alarms), [alarms]);
  const [soundOn, setSoundOn] = useState(loadSoundSetting);
  const { waiting, silence } = useHorn(alarms, soundOn);

  const toggleSound = () => {
    const next = !soundOn;
    setSoundOn(next);
    saveSoundSetting(next);
    if (next) playAlarmTone(2); // a user gesture unlocks audio, and the operator hears what it sounds like
  };

  return (
    <div className="alarm-banner-row" style={{ display: 'flex', alignItems: 'stretch' }}>
      <a className="alarm-banner" style={{ flex: 1 }} href={href('alarms')} data-testid="alarm-banner" aria-label="Alarm summary, open the alarm list">
        <span className="banner-label">Alarms</span>
        <span className="banner-counts">
          {s.unackByPriority.map((n, i) => (
            <span key={i} className={`prio-count${n > 0 ? ` prio-${i + 1}` : ''}`} data-testid={`banner-count-p${i + 1}`} title={`Unacknowledged priority ${i + 1} alarms`}>
              P{i + 1}: {n}
            </span>
          ))}
        </span>
        <span className="banner-newest" data-testid="banner-newest">
          {shown ? (
            <>
              <span className="faint">{formatClock(shown.activeSince ?? shown.lastChange)}</span>
              {'  '}
              <span className={`prio-badge prio-${Math.min(4, Math.max(1, shown.priority))}${shown.acknowledged ? ' acked' : ''}`}>P{shown.priority}</span>{' '}
              {shown.message}
              {shown.acknowledged ? <span className="faint"> (acknowledged)</span> : null}
            </>
          ) : (
            <span className="banner-none">No standing alarms</span>
          )}
        </span>
        <span className="faint">{s.standing > 0 ? `${s.standing} standing` : ''}</span>
      </a>
      <div className="alarm-banner" style={{ gap: 6, cursor: 'default' }}>
        {soundOn && waiting !== null ? (
          <button className="btn" onClick={silence} data-testid="banner-silence" title="Stop the tone until the next new alarm">
            Silence
          </button>
        ) : null}
        <button className={`btn banner-sound${soundOn ? ' on' : ''}`} onClick={toggleSound} aria-pressed={soundOn} data-testid="banner-sound" title="Sound a short tone for new priority 1 and 2 alarms">
          {soundOn ? 'Sound on' : 'Sound off'}
        </button>
      </div>
    </div>
  );
}
