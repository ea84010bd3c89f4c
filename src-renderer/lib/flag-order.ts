// Maintenance flag ordering: active before cleared, critical first, then the soonest limit, then newest.
import type { FlagDto, FlagSeverity } from '../../src-main/contract/index.js';

const severityRank: Record<FlagSeverity, number> = { critical: 0, warning: 1, advisory: 2 };

export function compareFlags(a: FlagDto, b: FlagDto): number {
  if (a.state !== b.state) return a.state === 'active' ? -1 : 1;
  const bySeverity = severityRank[a.severity] - severityRank[b.severity];
  if (bySeverity !== 0) return bySeverity;
  const etaA = a.limitEta ?? Number.POSITIVE_INFINITY;
  const etaB = b.limitEta ?? Number.POSITIVE_INFINITY;
  if (etaA !== etaB) return etaA < etaB ? -1 : 1;
  return b.startedAt - a.startedAt || a.id.localeCompare(b.id);
}
