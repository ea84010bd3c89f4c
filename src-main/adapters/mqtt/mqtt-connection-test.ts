// "Test connection" for the MQTT uplinks: a short, separate MQTT connection to the same broker with the same URL,
// credentials and TLS settings (but its own client id and no will, so the uplink's session and presence are not
// touched), with a bounded timeout and the outcome in plain words.
import { connect } from 'mqtt';
import type { UplinkTestResult } from '../../contract/index.js';
import { buildClientOptions, parseBrokerUrl, type MqttTlsFiles } from './mqtt-connect-options.js';
import { describeMqttError, redactUrl } from './mqtt-error-text.js';

export interface MqttTestSettings {
  id: string;
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  tls?: MqttTlsFiles | undefined;
  /** Default 5,000 ms. */
  timeoutMs?: number;
}

export async function testMqttConnection(s: MqttTestSettings): Promise<UplinkTestResult> {
  const started = Date.now();
  const timeoutMs = s.timeoutMs ?? 5000;
  const result = (ok: boolean, message: string): UplinkTestResult => ({ id: s.id, ok, message, durationMs: Date.now() - started });
  let options;
  let broker;
  try {
    broker = parseBrokerUrl(s.url).broker;
    options = buildClientOptions({
      url: s.url,
      clientId: undefined, // a fresh id: reusing the uplink's would disconnect it
      username: s.username,
      password: s.password,
      tls: s.tls,
      willTopic: 'unused',
      reconnectPeriodMs: 0,
      connectTimeoutMs: timeoutMs,
    });
  } catch (err) {
    return result(false, (err as Error).message);
  }
  delete options.will;
  options.reconnectPeriod = 0;
  const where = `${broker.host}:${broker.port}`;
  const client = connect(redactUrl(s.url), options);
  const outcome = await new Promise<UplinkTestResult>((resolve) => {
    const timer = setTimeout(() => resolve(result(false, `broker ${where} did not accept an MQTT connection within ${timeoutMs / 1000} s`)), timeoutMs);
    client.once('connect', () => {
      clearTimeout(timer);
      resolve(result(true, `connected to broker ${where} in ${Date.now() - started} ms`));
    });
    client.on('error', (err) => {
      clearTimeout(timer);
      resolve(result(false, describeMqttError(err, broker)));
    });
    client.once('close', () => {
      clearTimeout(timer);
      resolve(result(false, `broker ${where} closed the connection`));
    });
  });
  await client.endAsync(true).catch(() => undefined);
  return outcome;
}
