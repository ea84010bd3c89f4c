// API authentication. On loopback with no users configured the desktop user is trusted (like any local app);
// as soon as users exist, or the API listens beyond loopback, every request needs HTTP Basic credentials.
import { createHash } from 'node:crypto';
import type { Caller, RequestRole } from '../contract/index.js';
import { verifyPassword } from '../adapters/auth/password-hash.js';
import { isLoopback } from '../adapters/opcua/server/loopback.js';
import type { UserConfig } from './config-schema.js';

const ROLE_RIGHTS: Record<UserConfig['roles'][number], RequestRole[]> = {
  viewer: ['read'],
  operator: ['read', 'operate'],
  engineer: ['read', 'operate', 'engineer'],
};

export interface Authenticator {
  readonly required: boolean;
  /** The caller for an Authorization header, or null when credentials are missing or wrong. */
  authenticate(authorization: string | undefined): Caller | null;
}

/** Whether the API needs credentials; listening beyond loopback without any user configured is refused. */
export function apiAuthRequired(users: readonly UserConfig[], bind: string): boolean {
  const required = users.length > 0 || !isLoopback(bind);
  if (required && users.length === 0) {
    throw new Error(
      `the UI/API would listen on ${bind} without authentication: add users (with a passwordHash from ` +
        '`plantbridge hash-password`) to the config, or bind to 127.0.0.1',
    );
  }
  return required;
}

export function rightsOf(roles: readonly UserConfig['roles'][number][]): RequestRole[] {
  return [...new Set(roles.flatMap((r) => ROLE_RIGHTS[r]))];
}

export function createAuthenticator(users: readonly UserConfig[], required: boolean): Authenticator {
  // scrypt is deliberately slow: remember credentials that were verified (by digest, never in clear).
  const verified = new Map<string, Caller>();
  const local: Caller = { user: 'local', roles: ['read', 'operate', 'engineer'], via: 'http' };
  return {
    required,
    authenticate(authorization) {
      if (!required) return local;
      const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(authorization ?? '');
      if (!m?.[1]) return null;
      const digest = createHash('sha256').update(m[1]).digest('hex');
      const known = verified.get(digest);
      if (known) return known;
      const decoded = Buffer.from(m[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return null;
      const username = decoded.slice(0, colon);
      const user = users.find((u) => u.username === username);
      if (!user || !verifyPassword(decoded.slice(colon + 1), user.passwordHash)) return null;
      const caller: Caller = { user: username, roles: rightsOf(user.roles), via: 'http' };
      if (verified.size > 256) verified.clear();
      verified.set(digest, caller);
      return caller;
    },
  };
}
