// CPU and memory of a process from /proc (Linux): utime+stime covers every thread of the process (sqlite3's pool,
// worker threads), which process.cpuUsage() of another process cannot give.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

let clockTicks: number | null = null;
function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** Fields after the `(comm)` part of /proc/<pid>/stat; comm may itself contain spaces or parentheses. */
function statFields(pid: number): string[] {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** CPU seconds (user + system, all threads) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const f = statFields(pid);
  // After "(comm) ": state=0 ppid=1 … utime=11 stime=12 (man 5 proc fields 14 and 15).
  return (Number(f[11]) + Number(f[12])) / ticksPerSecond();
}

/** Resident set size in MB (VmRSS), or NaN if the process is gone. */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Busy CPU seconds of the whole machine so far (all cores; /proc/stat user..softirq: idle, iowait and the
 * hypervisor's steal time excluded). */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 7).reduce((a, b) => a + (b || 0), 0);
  return (total - (f[3] ?? 0) - (f[4] ?? 0)) / ticksPerSecond();
}
