// Summarises a V8 .cpuprofile (from `npm run bench -- --profile DIR`): self time by file/package and by function,
// and inclusive time of the functions on most stacks, over a chosen span of the run.
// Run: node --import tsx scripts/bench/cpu-profile-summary.ts FILE.cpuprofile [--from S] [--to S] [--top N]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<pkg> (scoped packages kept whole), a repo-relative source file, or a V8 pseudo-frame. */
function fileKey(url: string, fn: string): string {
  if (url === '') return `(${fn || 'native'})`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 13).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? url);
  }
  if (url.startsWith('node:')) return url;
  const dist = url.indexOf('/dist/main/');
  return dist >= 0 ? url.slice(dist + 1) : url.replace(/^file:\/\//, '');
}

function main(): void {
  const args = process.argv.slice(2);
  const file = args[0];
  if (!file) throw new Error('usage: cpu-profile-summary.ts FILE.cpuprofile [--from S] [--to S] [--top N]');
  const opt = (name: string, dflt: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const fromUs = opt('--from', 0) * 1e6;
  const toUs = opt('--to', Number.POSITIVE_INFINITY) * 1e6;
  const top = opt('--top', 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<string, number>();
  const selfFile = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let t = 0;
  let counted = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < fromUs || t > toUs) continue;
    const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    const leaf = byId.get(profile.samples[i] ?? -1);
    if (!leaf) continue;
    const fn = leaf.callFrame.functionName;
    if (fn === '(idle)') {
      idle += dt;
      continue;
    }
    counted += dt;
    const key = `${fn || '(anonymous)'} ${fileKey(leaf.callFrame.url, fn)}:${leaf.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const fk = fileKey(leaf.callFrame.url, fn);
    selfFile.set(fk, (selfFile.get(fk) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id);
      if (!n || n.callFrame.url === '' || n.callFrame.url.includes('node_modules')) continue;
      const k = `${n.callFrame.functionName || '(anonymous)'} ${fileKey(n.callFrame.url, '')}:${n.callFrame.lineNumber + 1}`;
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  }
  const pct = (us: number) => `${((100 * us) / counted).toFixed(1).padStart(5)} %`;
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${(us / 1e6).toFixed(2).padStart(7)} s  ${k}`);
  };
  console.log(`busy ${(counted / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s in the span (main thread only)`);
  print('self time by package / file', selfFile);
  print('self time by function', self);
  print('inclusive time, application and node: frames (not node_modules)', inclusive);
}

main();
