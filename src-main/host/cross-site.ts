// Refuses requests a web page on another site makes through the operator's browser (cross-site request forgery,
// cross-site WebSocket hijacking). On loopback without users the desktop user is trusted, so without this check any
// web page open in the same browser could write tags through http://127.0.0.1:8080. Browsers always say where a
// request comes from (`Origin`, `Sec-Fetch-Site`); tools such as curl send neither and are not affected.
import type { IncomingHttpHeaders } from 'node:http';

/** Why the request is refused, or null when it comes from PlantBridge's own pages or from a non-browser client. */
export function crossSiteRefusal(headers: IncomingHttpHeaders): string | null {
  const fetchSite = headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
    return `cross-site request refused (Sec-Fetch-Site: ${fetchSite}): use the PlantBridge UI or a non-browser client`;
  }
  const origin = headers.origin;
  if (origin === undefined) return null;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `cross-site request refused (Origin: ${origin})`;
  }
  if (origin === 'null' || originHost !== headers.host) {
    return `cross-site request refused (Origin: ${origin}): use the PlantBridge UI or a non-browser client`;
  }
  return null;
}
