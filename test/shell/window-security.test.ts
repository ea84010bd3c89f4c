// The desktop shell's security settings, checked without Electron (the electron module is only imported for types).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { APP_INDEX_URL, appUrlToFile, isAppUrl } from '../../src-main/shell/app-protocol.js';
import { secureWindowOptions } from '../../src-main/shell/window-options.js';

describe('desktop window security', () => {
  it('runs the UI sandboxed, isolated, without Node, with only the preload', () => {
    const web = secureWindowOptions('/app/preload.cjs').webPreferences!;
    assert.equal(web.contextIsolation, true);
    assert.equal(web.sandbox, true);
    assert.equal(web.nodeIntegration, false);
    assert.equal(web.nodeIntegrationInWorker, false);
    assert.equal(web.webviewTag, false);
    assert.equal(web.webSecurity, true);
    assert.equal(web.allowRunningInsecureContent, false);
    assert.equal(web.preload, '/app/preload.cjs');
  });

  it('serves only files of the bundled UI over app:// (parent folders resolve inside it)', () => {
    const root = join('/opt', 'plantbridge', 'renderer');
    assert.equal(appUrlToFile(APP_INDEX_URL, root), join(root, 'index.html'));
    assert.equal(appUrlToFile('app://plantbridge/assets/main.js', root), join(root, 'assets', 'main.js'));
    assert.equal(appUrlToFile('app://plantbridge/../../etc/passwd', root), join(root, 'etc', 'passwd'));
    assert.equal(appUrlToFile('app://plantbridge/%2e%2e%2f%2e%2e%2fetc%2fpasswd', root), join(root, 'etc', 'passwd'));
    assert.equal(appUrlToFile('app://plantbridge/%E0%A4%A', root), null);
    assert.equal(appUrlToFile('app://elsewhere/index.html', root), null);
  });

  it('treats only its own origin as the app (navigation elsewhere is blocked)', () => {
    assert.equal(isAppUrl(APP_INDEX_URL), true);
    assert.equal(isAppUrl('https://example.com/'), false);
    assert.equal(isAppUrl('app://plantbridge.evil/index.html'), false);
    assert.equal(isAppUrl('file:///etc/passwd'), false);
  });
});
