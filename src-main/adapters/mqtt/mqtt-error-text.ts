// Turns what mqtt.js and Node report (socket codes, CONNACK return codes, TLS codes) into one line an engineer
// can act on, always naming the broker it is about.

/** Where the uplink connects, for messages: `127.0.0.1:1883`. */
export interface BrokerAddress {
  host: string;
  port: number;
}

const CONNACK_TEXT: Record<number, string> = {
  1: 'the broker refused the connection: unacceptable MQTT protocol version',
  2: 'the broker rejected the client id',
  3: 'the broker is unavailable (server unavailable)',
  4: 'not authorised: bad user name or password',
  5: 'not authorised: bad user name or password, or this client may not connect',
  134: 'not authorised: bad user name or password',
  135: 'not authorised: this client may not connect',
  136: 'the broker is unavailable (server unavailable)',
  137: 'the broker is busy',
  138: 'the broker has banned this client',
};

const TLS_TEXT: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the broker certificate is self-signed and not trusted (add its CA file)',
  SELF_SIGNED_CERT_IN_CHAIN: 'the broker certificate chain ends in an untrusted self-signed CA (add its CA file)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the broker certificate is not signed by a trusted CA (check the CA file)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer of the broker certificate is not trusted (check the CA file)',
  CERT_HAS_EXPIRED: 'the broker certificate has expired',
  CERT_NOT_YET_VALID: 'the broker certificate is not yet valid (check the clocks)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the broker certificate does not name this host (subjectAltName mismatch)',
};

function errorCode(err: Error): string | number | undefined {
  const code: unknown = (err as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? code : undefined;
}

export function describeMqttError(err: Error, broker: BrokerAddress): string {
  const where = `${broker.host}:${broker.port}`;
  const code = errorCode(err);
  if (typeof code === 'number') {
    // mqtt.js reports a refused CONNACK as an error whose code is the return (v3.1.1) or reason (v5) code.
    const text = CONNACK_TEXT[code];
    return text !== undefined ? `${text} (broker ${where})` : `broker ${where} refused the connection: ${err.message}`;
  }
  switch (code) {
    case 'ECONNREFUSED':
      return `broker ${where} refused the connection (ECONNREFUSED)`;
    case 'ECONNRESET':
      return `broker ${where} reset the connection (ECONNRESET)`;
    case 'EPIPE':
      return `broker ${where} closed the connection while writing (EPIPE)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `broker host "${broker.host}" could not be resolved (${code})`;
    case 'ETIMEDOUT':
      return `broker ${where} did not answer (ETIMEDOUT)`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `broker ${where} is unreachable (${code})`;
    case undefined:
      break;
    default: {
      const tls = TLS_TEXT[code];
      if (tls !== undefined) return `TLS: ${tls} (broker ${where}, ${code})`;
      return `broker ${where}: ${err.message} (${code})`;
    }
  }
  if (err.message === 'connack timeout') return `broker ${where} accepted TCP but sent no MQTT CONNACK in time`;
  return `broker ${where}: ${err.message}`;
}

/** The URL without user name and password, safe to show and log. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    // An unparsable URL is rejected at start(); never echo what might be a password.
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}
