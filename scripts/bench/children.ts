// Child processes of the bench: spawned, awaited until they print their ready line, stopped with SIGTERM (then
// SIGKILL). Every child is registered so an error, Ctrl+C or any exit kills whatever is still running.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  name: string;
  pid: number;
  /** The first match of the ready pattern. */
  ready: RegExpExecArray;
  output(): string;
  exited(): boolean;
  stop(timeoutMs?: number): Promise<void>;
}

const live = new Set<{ pid: number; proc: ChildProcess | null }>();

/** Registers a process the bench did not spawn itself (mosquitto from the test fixture) for the exit handler. */
export function registerPid(pid: number): void {
  live.add({ pid, proc: null });
}

/** Last resort, synchronous: SIGKILL to every child still registered (an exit handler cannot wait). */
export function killAllChildrenNow(): void {
  for (const c of live) {
    try {
      process.kill(c.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

export async function startChild(
  name: string,
  args: string[],
  readyPattern: RegExp,
  opts: { cwd: string; timeoutMs?: number; nodeArgs?: string[] },
): Promise<Child> {
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...args], {
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env },
  });
  if (proc.pid === undefined) throw new Error(`${name}: could not be spawned`);
  const entry = { pid: proc.pid, proc };
  live.add(entry);
  let out = '';
  // Keep draining both pipes for the whole run so the child never blocks on a full pipe; keep only the tail.
  const collect = (chunk: Buffer) => (out = (out + chunk.toString('utf8')).slice(-200_000));
  proc.stdout?.on('data', collect);
  proc.stderr?.on('data', collect);
  const exitedP = new Promise<void>((resolve) => proc.once('exit', () => {
    live.delete(entry);
    resolve();
  }));
  const hasExited = () => proc.exitCode !== null || proc.signalCode !== null;

  const stop = async (timeoutMs = 20_000): Promise<void> => {
    if (hasExited()) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    await exitedP;
    clearTimeout(timer);
  };

  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const limit = opts.timeoutMs ?? 120_000;
    const timer = setInterval(() => {
      const m = readyPattern.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m);
      } else if (hasExited()) {
        clearInterval(timer);
        reject(new Error(`${name} exited (${proc.exitCode ?? proc.signalCode}) before it was ready:\n${out.slice(-3000)}`));
      } else if (Date.now() - started > limit) {
        clearInterval(timer);
        reject(new Error(`${name} was not ready within ${limit} ms:\n${out.slice(-3000)}`));
      }
    }, 50);
    const started = Date.now();
  }).catch(async (err: unknown) => {
    await stop(5000);
    throw err;
  });

  return { name, pid: proc.pid, ready, output: () => out, exited: hasExited, stop };
}
