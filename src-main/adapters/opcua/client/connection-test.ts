// "Test connection": one connect + session with exactly the settings a source would use, then the server's
// self-description; a failure is explained in plain words with the status code and the fix. Never retries.
import type { ConnectionTestDto } from '../../../contract/index.js';
import { acquireCertificateManager } from '../pki.js';
import { explainStatus, statusName } from '../status-text.js';
import { ensureClientCertificate } from './client-certificate.js';
import { createClient, effectivePolicy, identityOf, type ClientSettings } from './client-factory.js';
import { describeFailure, isUntrustedServerError, recentlyRejectedCertificate } from './connection-errors.js';
import type { UserIdentity } from './options.js';
import { readServerInfo } from './server-info.js';

export interface ConnectionTestSettings extends ClientSettings {
  endpointUrl: string;
  user?: UserIdentity | undefined;
}

const CLOSE_TIMEOUT_MS = 3000;

async function quietly(p: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise((r) => (timer = setTimeout(r, CLOSE_TIMEOUT_MS)))]);
  clearTimeout(timer);
}

export async function testConnection(s: ConnectionTestSettings): Promise<ConnectionTestDto> {
  const base = {
    endpointUrl: s.endpointUrl,
    securityMode: s.securityMode,
    securityPolicy: effectivePolicy(s.securityMode, s.securityPolicy),
  };
  const { manager, release } = await acquireCertificateManager(s.pkiDir);
  const started = Date.now();
  try {
    const cert = await ensureClientCertificate(manager, s.applicationName);
    const client = createClient(s, { manager, ...cert }, { maxRetry: 0, initialDelay: 100, maxDelay: 100 });
    try {
      await client.connect(s.endpointUrl);
      const session = await client.createSession(identityOf(s.user));
      try {
        return { ok: true, ...base, server: await readServerInfo(session), error: null };
      } finally {
        await quietly(session.close());
      }
    } catch (err) {
      let serverCertificate = client.serverCertificate;
      if (!serverCertificate && isUntrustedServerError(err)) serverCertificate = await recentlyRejectedCertificate(s.pkiDir, started);
      const failure = describeFailure(err, { endpointUrl: s.endpointUrl, pkiDir: s.pkiDir, serverCertificate });
      const text = err instanceof Error ? err.message : String(err);
      const code = statusName(failure.message) ?? statusName(text);
      return {
        ok: false,
        ...base,
        server: null,
        error: { kind: failure.kind, statusCode: code, message: failure.message, fix: explainStatus(code ?? text) },
      };
    } finally {
      await quietly(client.disconnect());
    }
  } finally {
    await release();
  }
}
