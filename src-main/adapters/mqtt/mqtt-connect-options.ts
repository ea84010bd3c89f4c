// Builds mqtt.js client options from the uplink settings. Everything a user can get wrong in the configuration
// (URL scheme, TLS files, credentials in two places) fails here, at start(), with a message that names the setting.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { IClientOptions } from 'mqtt';
import type { BrokerAddress } from './mqtt-error-text.js';

export interface MqttTlsFiles {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** Default true: an unknown broker certificate is refused. */
  rejectUnauthorized?: boolean;
}

export interface ConnectSettings {
  url: string;
  clientId?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  tls?: MqttTlsFiles | undefined;
  /** The retained `offline` will and its topic. */
  willTopic: string;
  reconnectPeriodMs: number;
  connectTimeoutMs: number;
}

const DEFAULT_PORTS: Record<string, number> = { 'mqtt:': 1883, 'mqtts:': 8883, 'ws:': 80, 'wss:': 443 };

/** Parses and checks the broker URL; throws a clear Error for anything the uplink cannot use. */
export function parseBrokerUrl(url: string): { parsed: URL; broker: BrokerAddress } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`MQTT broker URL is not a valid URL (expected e.g. mqtt://127.0.0.1:1883)`);
  }
  const defaultPort = DEFAULT_PORTS[parsed.protocol];
  if (defaultPort === undefined) {
    throw new Error(`MQTT broker URL must start with mqtt://, mqtts://, ws:// or wss:// (got ${parsed.protocol}//)`);
  }
  if (parsed.hostname === '') throw new Error('MQTT broker URL has no host name');
  const port = parsed.port === '' ? defaultPort : Number(parsed.port);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { parsed, broker: { host, port } };
}

function readTlsFile(path: string | undefined, what: string): Buffer | undefined {
  if (path === undefined || path === '') return undefined;
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new Error(`MQTT TLS ${what} file "${path}" cannot be read (${code})`);
  }
}

const noLog = (): void => undefined;

/** DEBUG=mqttjs* (or DEBUG=*) keeps mqtt.js' own debug output, as the `debug` package would show it. */
function mqttDebugWanted(): boolean {
  const pattern = process.env['DEBUG'] ?? '';
  return pattern.split(/[\s,]+/).some((p) => p === '*' || (p.startsWith('mqttjs') && !p.startsWith('-')));
}

export function buildClientOptions(settings: ConnectSettings): IClientOptions {
  const { parsed } = parseBrokerUrl(settings.url);
  const urlUser = decodeURIComponent(parsed.username);
  const urlPassword = decodeURIComponent(parsed.password);
  const username = settings.username ?? (urlUser === '' ? undefined : urlUser);
  const password = settings.password ?? (urlPassword === '' ? undefined : urlPassword);
  if (password !== undefined && username === undefined) {
    throw new Error('MQTT password is set but the user name is missing');
  }
  const secure = parsed.protocol === 'mqtts:' || parsed.protocol === 'wss:';
  if (settings.tls !== undefined && !secure) {
    throw new Error(`MQTT TLS files are configured but the broker URL uses ${parsed.protocol}// (use mqtts:// or wss://)`);
  }
  const options: IClientOptions = {
    clientId: settings.clientId ?? `plantbridge-${randomBytes(4).toString('hex')}`,
    protocolVersion: 4,
    clean: true,
    keepalive: 30,
    reconnectPeriod: settings.reconnectPeriodMs,
    // Retry refused CONNACKs too: a broker admin may fix the password file without restarting the bridge.
    reconnectOnConnackError: true,
    connectTimeout: settings.connectTimeoutMs,
    resubscribe: false,
    will: { topic: settings.willTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
  };
  // mqtt.js calls its `debug` logger several times per publish; even disabled, those calls cost ~5 % of the bridge's
  // main thread at 20k+ messages/s. A no-op logger removes them unless someone asked for mqtt.js' traces.
  if (!mqttDebugWanted()) options.log = noLog;
  if (username !== undefined) options.username = username;
  if (password !== undefined) options.password = password;
  if (secure) {
    const tls = settings.tls ?? {};
    const ca = readTlsFile(tls.caFile, 'CA');
    const cert = readTlsFile(tls.certFile, 'client certificate');
    const key = readTlsFile(tls.keyFile, 'client key');
    if ((cert === undefined) !== (key === undefined)) {
      throw new Error('MQTT TLS client certificate and key must be configured together');
    }
    if (ca !== undefined) options.ca = ca;
    if (cert !== undefined) options.cert = cert;
    if (key !== undefined) options.key = key;
    options.rejectUnauthorized = tls.rejectUnauthorized ?? true;
  }
  return options;
}
