// Plain-words explanations of the OPC UA status codes and socket errors an engineer meets while connecting:
// what happened and what to do about it. Shown as `lastError` on the Connections page.

/** Anything carrying a status code name: a node-opcua StatusCode (`name`), a code name, or an error message. */
export type StatusLike = string | { name: string } | { message: string };

const EXPLANATIONS: ReadonlyArray<{ match: RegExp; text: string }> = [
  {
    match: /BadCertificateUntrusted|BadSecurityChecksFailed/,
    text:
      'The certificate is not trusted. If it is the server certificate, PlantBridge saved it in the client PKI ' +
      'rejected/ folder: check its thumbprint with the server administrator, then trust it on the Connections page ' +
      '(or move the file to trusted/certs). If the server rejected PlantBridge, trust the PlantBridge client ' +
      'certificate (own/certs of the client PKI) in the server trust list.',
  },
  {
    match: /BadCertificateTimeInvalid|BadCertificateIssuerTimeInvalid/,
    text:
      'A certificate is expired or not yet valid. Check the clock of both computers, and renew the certificate ' +
      'if it has expired.',
  },
  {
    match: /BadCertificateHostNameInvalid/,
    text:
      'The host name in the endpoint URL is not among the names in the server certificate. Use the host name the ' +
      'certificate was issued for, or have the server certificate reissued with this name.',
  },
  {
    match: /BadCertificateUriInvalid/,
    text:
      'The application URI in the certificate does not match the one the application announces. Regenerate the ' +
      'certificate with the right application URI.',
  },
  {
    match: /BadCertificateIssuerRevoked|BadCertificateRevoked/,
    text:
      'The certificate has been revoked by its certificate authority. Ask for a new certificate; do not trust the ' +
      'revoked one.',
  },
  {
    match: /BadCertificateIssuerRevocationUnknown|BadCertificateRevocationUnknown/,
    text:
      'The revocation list (CRL) of the certificate authority is missing. Copy the CA CRL into issuers/crl (or ' +
      'trusted/crl) of the PKI folder.',
  },
  {
    match: /BadCertificateChainIncomplete/,
    text: 'The certificate authority of this certificate is unknown. Copy the CA certificate into issuers/certs.',
  },
  {
    match: /BadIdentityTokenRejected|BadIdentityTokenInvalid|BadUserAccessDenied/,
    text:
      'The server refused the user name or password (or this user may not connect). Check the credentials ' +
      'configured for this connection and the user rights on the server.',
  },
  {
    match: /BadTcpEndpointUrlInvalid|Invalid endpoint|invalid endpointUrl/i,
    text: 'The endpoint URL is not valid. It must look like opc.tcp://host:4840/path.',
  },
  {
    match: /BadSecurityPolicyRejected|BadSecurityModeRejected|cannot find endpoint|no matching endpoint|Cannot find an Endpoint/i,
    text:
      'The server does not offer the configured security mode and policy. Choose a mode and policy the server ' +
      'offers (its endpoints are listed by any OPC UA browser), or enable them on the server.',
  },
  {
    match: /BadTimeout|ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|BadNotConnected|BadConnectionClosed|BadServerNotConnected|cannot be established|not reachable/i,
    text:
      'The server is not reachable. Check that it is running, that the host name and port are right, and that no ' +
      'firewall blocks the port.',
  },
  {
    match: /BadTooManySessions|BadTooManySubscriptions|BadTooManyMonitoredItems/,
    text: 'The server has reached one of its limits. Raise the limit on the server or bridge fewer tags from it.',
  },
];

function textOf(code: StatusLike): string {
  if (typeof code === 'string') return code;
  // Errors have a `name` too ("Error"): the message is what carries the status code there.
  if (code instanceof Error) return code.message;
  return 'name' in code ? code.name : code.message;
}

/** The status code name found in `code`, e.g. `BadCertificateUntrusted`, or null. */
export function statusName(code: StatusLike): string | null {
  const text = textOf(code);
  const match = /\b(Good|Uncertain|Bad)[A-Za-z]*\b/.exec(text);
  return match ? match[0] : null;
}

/** Plain-words explanation of `code`, with what to do. Unknown codes get a generic but honest sentence. */
export function explainStatus(code: StatusLike): string {
  const text = textOf(code);
  for (const entry of EXPLANATIONS) {
    if (entry.match.test(text)) return entry.text;
  }
  const name = statusName(code);
  if (name === 'Good') return 'The operation succeeded.';
  return name
    ? `The server answered ${name}. See the server log for details.`
    : `Unexpected error: ${text}. See the PlantBridge log for details.`;
}
