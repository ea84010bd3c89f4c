// node-opcua writes its warnings and errors with console.log, i.e. onto our stdout, where they would mix with
// what the CLI prints (a password hash, the UI address). Route them into the PlantBridge log instead.
// Imported before node-opcua does any work: lines from before a log is attached are kept and passed on.
import { format } from 'node:util';
import { setErrorLogger, setWarningLogger } from 'node-opcua-debug';
import type { Log } from '../../services/ports.js';

// node-opcua's warnings are mostly diagnostics (the user-facing reasons come from our adapters): file only.
type Level = 'info' | 'warn';
const early: { level: Level; text: string }[] = [];
let target: Log | null = null;

function route(level: Level) {
  return (context?: unknown, ...args: unknown[]): void => {
    const where = context as { filename?: string } | undefined;
    const text = format(...args).trim();
    if (!target) {
      if (early.length < 100) early.push({ level, text });
      return;
    }
    target[level]({ source: 'node-opcua', file: where?.filename }, text);
  };
}

setWarningLogger(route('info'));
setErrorLogger(route('warn'));

/** Sends node-opcua's warnings and errors to `log` from now on (and those logged before). */
export function routeOpcuaLogsTo(log: Log): void {
  target = log;
  for (const { level, text } of early.splice(0)) log[level]({ source: 'node-opcua' }, text);
}
