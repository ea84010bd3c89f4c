// Runs one contract request for a caller, the same way for every transport (HTTP, WebSocket, Electron IPC):
// role check, argument validation with the contract's schema, then the handler.
import { routes, type Caller, type RequestHandlers, type RequestName } from '../contract/index.js';
import { parseArgs } from './http-routes.js';
import { RequestError } from './request-error.js';

export async function invokeRequest(
  handlers: RequestHandlers,
  name: RequestName,
  rawArgs: unknown,
  caller: Caller,
): Promise<unknown> {
  const role = routes[name].role;
  if (!caller.roles.includes(role)) {
    throw new RequestError(403, `${caller.user} may not do this (needs the ${role} right)`);
  }
  const args = parseArgs(name, rawArgs);
  const handler = handlers[name] as (a: unknown, c: Caller) => Promise<unknown>;
  return handler(args, caller);
}

