// One ISA-18.2 figure next to its target: the number, whether it meets the target, and the target in words.
import type { KpiFigure, KpiStatus } from '../../../src-main/contract/index.js';

const statusText: Record<KpiStatus, string> = { ok: '✓ meets target', warning: '▲ manageable', over: '✕ misses target' };

export function FigureCard({ title, figure, unit, detail, testId }: { title: string; figure: KpiFigure; unit?: string; detail?: string; testId: string }) {
  return (
    <div className={`kpi-card kpi-${figure.status}`} data-testid={testId} data-status={figure.status}>
      <div className="kpi-title">{title}</div>
      <div className="kpi-value">
        {figure.value.toLocaleString(undefined, { maximumFractionDigits: 2 })}
        {unit ? <span className="muted" style={{ fontSize: 16 }}> {unit}</span> : null}
      </div>
      <div className="kpi-status">{statusText[figure.status]}</div>
      <div className="kpi-target">Target: {figure.target}</div>
      {detail ? <div className="kpi-target">{detail}</div> : null}
    </div>
  );
}
