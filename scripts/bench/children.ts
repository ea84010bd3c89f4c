// Child processes of the bench: spawned, awaited until they print their ready line, stopped with SIGTERM (then
// SIGKILL). Every child is registered so an error, Ctrl+C or any exit kills whatever is still running.
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';

export interface Child {
  name: string;
  pid: number;
  /** The first match of the ready pattern. */
  ready: RegExpExecArray;
  output(): string;
  exited(): boolean;
  stop(timeoutMs?: number): Promise<void>;
}

const live = new Set<{ pid: number; proc: ChildProcess }>();

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
  opts: {
    cwd: string;
    timeoutMs?: number;
    nodeArgs?: string[];
    /** Another program than Node (args are then its own). */
    command?: string;
    /** Also wait until this loopback TCP port accepts connections. */
    readyPort?: number;
  },
): Promise<Child> {
  const command = opts.command ?? process.execPath;
  const proc = spawn(command, opts.command ? args : [...(opts.nodeArgs ?? []), ...args], {
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
    let portOpen = opts.readyPort === undefined;
    let probing = false;
    const timer = setInterval(() => {
      if (!portOpen && !probing && opts.readyPort !== undefined) {
        probing = true;
        void canConnect(opts.readyPort).then((ok) => {
          portOpen = ok;
          probing = false;
        });
      }
      const m = portOpen ? readyPattern.exec(out) : null;
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

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
