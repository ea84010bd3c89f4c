// Endpoint discovery: the standard GetEndpoints service over an unsecured channel (no session, no certificate
// trust needed), every endpoint with its security mode, policy (deprecated ones flagged) and user token types.
import { MessageSecurityMode, OPCUAClient, UserTokenType, type EndpointDescription } from 'node-opcua';
import { makeSHA1Thumbprint } from 'node-opcua-crypto';
import type { EndpointDto, EndpointsDto } from '../../../contract/index.js';
import { describeCertificate } from '../pki.js';

const DEPRECATED = new Set(['Basic128Rsa15', 'Basic256']);

/** `http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256` → `Basic256Sha256`. */
export function policyName(uri: string | null | undefined): string {
  if (!uri) return 'None';
  const hash = uri.lastIndexOf('#');
  return hash >= 0 ? uri.slice(hash + 1) : uri;
}

const TOKEN_TYPES: Record<number, EndpointDto['userTokens'][number]['tokenType']> = {
  [UserTokenType.Anonymous]: 'anonymous',
  [UserTokenType.UserName]: 'username',
  [UserTokenType.Certificate]: 'certificate',
  [UserTokenType.IssuedToken]: 'issued',
};

function certificateOf(der: Buffer | null | undefined): EndpointDto['serverCertificate'] {
  if (!der || der.length === 0) return null;
  try {
    const info = describeCertificate(der, '');
    return { subject: info.subject, thumbprint: makeSHA1Thumbprint(der).toString('hex'), validTo: info.notAfter };
  } catch {
    return null;
  }
}

export function endpointDto(e: EndpointDescription): EndpointDto {
  const policy = policyName(e.securityPolicyUri);
  return {
    endpointUrl: e.endpointUrl ?? '',
    securityMode: MessageSecurityMode[e.securityMode] ?? String(e.securityMode),
    securityPolicy: policy,
    securityPolicyUri: e.securityPolicyUri ?? '',
    deprecated: DEPRECATED.has(policy),
    securityLevel: e.securityLevel,
    transportProfileUri: e.transportProfileUri ?? '',
    userTokens: (e.userIdentityTokens ?? []).map((t) => ({
      policyId: t.policyId ?? '',
      tokenType: TOKEN_TYPES[t.tokenType] ?? 'issued',
      securityPolicy: t.securityPolicyUri ? policyName(t.securityPolicyUri) : null,
    })),
    serverCertificate: certificateOf(e.serverCertificate as Buffer | null | undefined),
  };
}

export async function listEndpoints(url: string, timeoutMs = 10_000): Promise<EndpointsDto> {
  const client = OPCUAClient.create({
    applicationName: 'PlantBridge discovery',
    endpointMustExist: false,
    transportTimeout: timeoutMs,
    connectionStrategy: { maxRetry: 0, initialDelay: 100, maxDelay: 100 },
  });
  try {
    await client.connect(url);
    const endpoints = await client.getEndpoints({ endpointUrl: url });
    const first = endpoints[0];
    return {
      url,
      server: {
        applicationUri: first?.server.applicationUri ?? '',
        productUri: first?.server.productUri ?? '',
        applicationName: first?.server.applicationName.text ?? '',
      },
      endpoints: endpoints.map(endpointDto),
    };
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}
