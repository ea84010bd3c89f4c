// Which bind addresses count as loopback: commissioning mode (None + anonymous) is only ever offered there.
import { isIP } from 'node:net';

/** True for 127.0.0.0/8, ::1, their IPv4-mapped forms and `localhost`. Never true for 0.0.0.0 / :: (all interfaces). */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** True for the "all interfaces" addresses, where the endpoint URL must name the machine instead. */
export function isUnspecified(host: string): boolean {
  const h = host.trim().replace(/^\[(.*)\]$/, '$1');
  return h === '0.0.0.0' || h === '::' || h === '';
}
