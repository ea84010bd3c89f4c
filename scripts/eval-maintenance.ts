// `npm run eval:maintenance`: scores the maintenance service's flags against simulator ground truth. Seeded replays
// of every fault kind and of a healthy plant run through the service as the bridge composes it; prints detection
// rate, lead time before the alarm limit, detection delay and false flags per asset, with the targets and PASS/MISS.
// Exit 0 (it is a report) unless --strict and something missed.
import { parseArgs } from 'node:util';
import { plantCatalog } from '../src-main/adapters/simulator/catalog.js';
import { FAULT_KINDS, type FaultKind } from '../src-main/adapters/simulator/model/faults.js';
import { DEFAULT_PLAN, faultCases, healthyCases, type PlanOptions } from './eval/fault-cases.js';
import { durationText, falseFlagTable, kindTable } from './eval/report.js';
import { runCases } from './eval/case-pool.js';
import { falseFlagRates, scoreFaultRun, summarizeKind, type FaultRunScore, type HealthyRun } from './eval/scoring.js';

const USAGE = `usage: npm run eval:maintenance -- [--runs N] [--healthy-days D] [--seed S] [--step-sec S] [--kinds a,b] [--workers N] [--verbose] [--strict]`;

function fail(message: string): never {
  console.error(`eval:maintenance: ${message}\n${USAGE}`);
  process.exit(2);
}

function positive(name: string, raw: string | undefined, fallback: number, integer: boolean): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) fail(`--${name} must be a ${integer ? 'whole ' : ''}number > 0 (got '${raw}')`);
  return v;
}

function parse(): { plan: PlanOptions; strict: boolean; verbose: boolean; workers: number } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        runs: { type: 'string' }, 'healthy-days': { type: 'string' }, seed: { type: 'string' }, 'step-sec': { type: 'string' },
        kinds: { type: 'string' }, workers: { type: 'string' }, strict: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const kinds = values.kinds === undefined ? FAULT_KINDS : values.kinds.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0) fail(`unknown fault kind ${unknown.join(', ')} (known: ${FAULT_KINDS.join(', ')})`);
  const stepSec = positive('step-sec', values['step-sec'], DEFAULT_PLAN.stepSec, false);
  if (stepSec > 60) fail('--step-sec must be <= 60');
  const plan: PlanOptions = {
    ...DEFAULT_PLAN,
    runs: positive('runs', values.runs, DEFAULT_PLAN.runs, true),
    healthyDays: positive('healthy-days', values['healthy-days'], DEFAULT_PLAN.healthyDays, false),
    seed: positive('seed', values.seed, DEFAULT_PLAN.seed, true),
    stepSec,
    kinds: kinds as FaultKind[],
  };
  const workers = positive('workers', values.workers, 2, true);
  return { plan, strict: values.strict, verbose: values.verbose, workers };
}

const HOUR_MS = 3_600_000;

async function main(): Promise<void> {
  const { plan, strict, verbose, workers } = parse();
  const wallStart = performance.now();
  let simulatedMs = 0;
  let serviceErrors = 0;
  console.log(
    `Maintenance eval: ${plan.runs} runs per fault kind, ${plan.healthyDays} healthy plant days, seed ${plan.seed}, step ${plan.stepSec} s, ${workers} worker thread(s)`,
  );
  const cpuStart = process.cpuUsage();
  const fault = faultCases(plan);
  const healthyPlan = healthyCases(plan);
  const all = await runCases([...fault, ...healthyPlan], workers);

  const byKind = new Map<FaultKind, FaultRunScore[]>();
  const hasLimit = new Map<FaultKind, boolean>();
  for (const [i, c] of fault.entries()) {
    const r = all[i] as (typeof all)[number];
    simulatedMs += r.simulatedMs;
    serviceErrors += r.errors.length;
    const truth = r.truth;
    if (!truth) throw new Error(`case ${c.kind}#${c.run} has no ground truth`);
    hasLimit.set(c.kind, truth.limit !== null);
    const score = scoreFaultRun(
      { asset: truth.asset, onsetMs: truth.onsetMs, expectedLimitMs: truth.expectedLimitMs, observedLimitMs: r.observedLimitMs, detectWithinMs: c.detectWithinSec * 1000 },
      r.flags,
    );
    byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), score]);
    if (verbose) {
      const span = truth.expectedLimitMs === null ? '-' : ((truth.expectedLimitMs - truth.onsetMs) / HOUR_MS).toFixed(1);
      const seen = r.observedLimitMs === null ? '-' : ((r.observedLimitMs - truth.onsetMs) / HOUR_MS).toFixed(1);
      const flagAt = score.flag ? ((score.flag.raisedAt - truth.onsetMs) / HOUR_MS).toFixed(2) : '-';
      console.log(
        `  ${c.kind}#${c.run} seed ${c.seed}: onset +${((c.faults[0]?.onsetAfterSec ?? 0) / 3600).toFixed(1)}h, limit expected +${span}h observed +${seen}h; ` +
          `flag +${flagAt}h (${score.flag?.rule ?? 'none'}); false ${score.falseFlags.length}, late ${score.lateFlags.length}`,
      );
    }
  }

  const healthy: HealthyRun[] = [];
  for (const [i, c] of healthyPlan.entries()) {
    const r = all[fault.length + i] as (typeof all)[number];
    simulatedMs += r.simulatedMs;
    serviceErrors += r.errors.length;
    healthy.push({ durationMs: r.simulatedMs, flags: r.flags });
    if (verbose) for (const f of r.flags) console.log(`  healthy seed ${c.seed}: false flag ${f.rule} on ${f.asset} at day ${((f.raisedAt - c.startMs) / 86_400_000).toFixed(2)}`);
  }

  const summaries = plan.kinds.map((kind) => ({ kind, summary: summarizeKind(byKind.get(kind) ?? [], hasLimit.get(kind) ?? false) }));
  const assets = [...new Set(plantCatalog().map((s) => s.asset))];
  const rates = falseFlagRates(healthy, assets);
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;

  console.log('\nPer fault kind (lead = limit crossing (observed, else expected) - flag raised; lead frac = lead / (limit - onset), a miss counts 0;');
  console.log('detected = flag naming the right asset after onset and before the limit was seen crossed (else expected)):\n');
  console.log(kindTable(summaries));
  console.log('\nFalse flags on fault-free runs (every flag there is false):\n');
  console.log(falseFlagTable(rates));
  const misses =
    summaries.filter((s) => !s.summary.detectionPass || s.summary.leadPass === false).length + rates.filter((r) => !r.pass).length;
  console.log(
    `\nSimulated ${(simulatedMs / 86_400_000).toFixed(1)} plant days in ${durationText(wallMs)} wall time, ${durationText(cpuMs)} CPU ` +
      `(${Math.round(simulatedMs / wallMs)}x real time)${serviceErrors > 0 ? `; the service logged ${serviceErrors} errors` : ''}.`,
  );
  console.log(misses === 0 ? 'All targets met.' : `${misses} target(s) missed.`);
  if (strict && misses > 0) process.exitCode = 1;
}

await main();
