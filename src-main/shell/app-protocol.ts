// Serves the bundled UI to Electron windows over `app://plantbridge/…`: a standard, secure origin (module scripts
// do not load from file://), only files inside dist/renderer, with the same content security policy as HTTP.
import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, contentTypeOf } from '../host/static-files.js';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://plantbridge`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** The file under `root` that an app:// URL names, or null when it points outside. */
export function appUrlToFile(url: string, root: string): string | null {
  const parsed = new URL(url);
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const relative = normalize(path === '/' ? '/index.html' : path).replace(/^([/\\])+/, '');
  const file = join(root, relative);
  return file.startsWith(root + sep) && !relative.includes('\0') ? file : null;
}

export function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`);
}

export function registerAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appUrlToFile(request.url, rendererDir);
    const body = file ? await readFile(file).catch(() => null) : null;
    if (!file || !body) return new Response('not found', { status: 404 });
    return new Response(body, {
      headers: { 'Content-Type': contentTypeOf(extname(file)), 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
    });
  });
}
