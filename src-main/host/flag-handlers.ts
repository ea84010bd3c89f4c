// Maps the maintenance service's flag actions onto request errors: unknown flag 404, wrong state 409.
import { FlagActionError } from '../services/maintenance-service.js';
import type { FlagDto } from '../contract/index.js';
import { RequestError } from './request-error.js';

export async function flagAction<F>(fn: F | undefined, call: (fn: F) => Promise<FlagDto>): Promise<FlagDto> {
  if (!fn) throw new RequestError(404, 'maintenance flag actions are not available');
  try {
    return await call(fn);
  } catch (err) {
    if (err instanceof FlagActionError) throw new RequestError(err.status, err.message);
    throw err;
  }
}
