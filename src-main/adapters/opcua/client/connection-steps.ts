// The bounded steps of a source's connection life cycle: retry delays, tearing a client down without hanging, and
// checking the subscriptions on the server after node-opcua repaired a session.
import type { ClientSession, OPCUAClient } from 'node-opcua';
import type { Log } from '../../../services/ports.js';
import type { FailureKind } from './connection-errors.js';
import type { GroupSubscription } from './group-subscription.js';
import type { RetryTimings } from './options.js';

const STOP_STEP_TIMEOUT_MS = 3000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([p.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/** How long to wait before the next attempt: exponential backoff while unreachable, the slow retry otherwise. */
export function retryDelay(kind: FailureKind, failedAttempts: number, retry: RetryTimings): number {
  return kind === 'unreachable'
    ? Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** Math.min(10, failedAttempts - 1))
    : retry.slowRetryMs;
}

/** Terminates every subscription, each step bounded so a dead server cannot hang a stop. */
export async function terminateAll(subs: readonly GroupSubscription[]): Promise<void> {
  await Promise.all(subs.map((s) => withTimeout(s.terminate(), STOP_STEP_TIMEOUT_MS)));
}

/** Closes the session and disconnects the client (listeners removed first), each step bounded. */
export async function closeConnection(client: OPCUAClient | null, session: ClientSession | null): Promise<void> {
  if (session) await withTimeout(session.close(true), STOP_STEP_TIMEOUT_MS);
  if (client) {
    client.removeAllListeners();
    await withTimeout(client.disconnect(), STOP_STEP_TIMEOUT_MS);
  }
}

/** Checks on the server that every subscription and item exists; recreates the ones that do not. Throws when one
 * cannot be recreated. */
export async function restoreSubscriptions(session: ClientSession, subs: readonly GroupSubscription[], log: Log, sourceId: string): Promise<void> {
  for (const s of subs) {
    if (await s.verify(session)) continue;
    log.warn({ source: sourceId }, 'subscription missing after reconnection: recreating it');
    await s.terminate();
    await s.create(session);
  }
}
