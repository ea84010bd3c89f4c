// The self-check's report: one line per Sparkplug rule, with the specification's tck-ids and the evidence seen.

export type CheckOutcome = 'pass' | 'fail' | 'not-observed';

export interface SparkplugCheckResult {
  rule: string;
  tckIds: string[];
  statement: string;
  outcome: CheckOutcome;
  evidence: string;
}

export interface SparkplugCheckReport {
  mqttUrl: string;
  groupId: string | null;
  edgeNodeId: string | null;
  primaryHostId: string | null;
  seconds: number;
  messages: number;
  rebirthRequests: number;
  results: SparkplugCheckResult[];
  /** No rule failed (rules not observed do not count as failures). */
  passed: boolean;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** A plain-text table for the terminal. */
export function formatSparkplugReport(report: SparkplugCheckReport): string {
  const head = [
    `Sparkplug B self-check of ${report.groupId ?? '?'}/${report.edgeNodeId ?? '?'} on ${report.mqttUrl}`,
    `${report.messages} messages observed in ${report.seconds} s, ${report.rebirthRequests} rebirth request(s) sent` +
      (report.primaryHostId !== null ? `, primary host ${report.primaryHostId}` : ''),
    '',
  ];
  const ruleWidth = Math.max(4, ...report.results.map((r) => r.rule.length));
  const lines = [`${pad('RESULT', 13)}${pad('RULE', ruleWidth + 2)}EVIDENCE`];
  for (const r of report.results) {
    lines.push(`${pad(r.outcome.toUpperCase(), 13)}${pad(r.rule, ruleWidth + 2)}${r.evidence}`);
    lines.push(`${' '.repeat(13 + ruleWidth + 2)}${r.tckIds.join(', ')}`);
  }
  const counts = (o: CheckOutcome) => report.results.filter((r) => r.outcome === o).length;
  const tail = ['', `${counts('pass')} passed, ${counts('fail')} failed, ${counts('not-observed')} not observed: ${report.passed ? 'CONFORMANT as observed' : 'NOT CONFORMANT'}`];
  return [...head, ...lines, ...tail].join('\n');
}
