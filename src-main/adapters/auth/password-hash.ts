// Password hashes for configured users (API and bridge OPC UA server): scrypt, never plain text in a project file.
// Format: `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`; `plantbridge hash-password` prints one.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function isPasswordHash(encoded: string): boolean {
  return /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/.test(encoded);
}

/** Constant-time check of a password against a hash made by `hashPassword`. False for malformed hashes. */
export function verifyPassword(password: string, encoded: string): boolean {
  if (!isPasswordHash(encoded)) return false;
  const [, n, r, p, saltB64, hashB64] = encoded.split('$') as [string, string, string, string, string, string];
  const expected = Buffer.from(hashB64, 'base64');
  const actual = scryptSync(password, Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
