// Connection settings of an OPC UA source (`sources[]` in the project file) beyond the endpoint: deprecated
// policies, user identity, timeouts and keep-alive. Passwords never live in the project file: they come from an
// environment variable or from the encrypted secret store in the data dir (host/connection-secrets.ts).
import { z } from 'zod';

export const SECURITY_POLICIES = ['None', 'Basic256Sha256', 'Aes128_Sha256_RsaOaep', 'Aes256_Sha256_RsaPss'] as const;
/** Broken by today's standards (SHA-1, RSA-PKCS#1 v1.5 padding): refused unless the connection says `allowDeprecated`. */
export const DEPRECATED_POLICIES = ['Basic128Rsa15', 'Basic256'] as const;
export const ALL_POLICIES = [...SECURITY_POLICIES, ...DEPRECATED_POLICIES] as const;
export type PolicyName = (typeof ALL_POLICIES)[number];

export function isDeprecatedPolicy(policy: string): boolean {
  return (DEPRECATED_POLICIES as readonly string[]).includes(policy);
}

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name such as PLANT_OPCUA_PASSWORD');

export const identitySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('anonymous') }),
  z.strictObject({
    type: z.literal('username'),
    username: z.string().min(1).max(256),
    /** Without it, the password is the one saved (encrypted) in the data dir through the API. */
    passwordEnv: envName.optional(),
  }),
  z.strictObject({
    type: z.literal('certificate'),
    /** X.509 user certificate (PEM or DER) and its private key (PEM), as file paths. */
    certificateFile: z.string().min(1).max(4096),
    privateKeyFile: z.string().min(1).max(4096),
  }),
]);
export type IdentityConfig = z.output<typeof identitySchema>;

export const connectionTimeoutsSchema = z.strictObject({
  /** Opening the TCP connection and the secure channel. */
  connectMs: z.number().int().min(500).max(300_000).default(10_000),
  /** Each service request (Read, Browse, CreateMonitoredItems …). */
  requestMs: z.number().int().min(500).max(600_000).default(15_000),
  /** Session timeout requested from the server. */
  sessionMs: z.number().int().min(10_000).max(3_600_000).default(60_000),
  /** A keep-alive read of the server state this often keeps the session (and the detection of a dead link) alive. */
  keepAliveMs: z.number().int().min(1000).max(600_000).default(10_000),
});

/** The fields added to each `sources[]` entry (spread into the source schema). */
export const connectionFields = {
  /** A display name for the UI; the id stays the stable key. */
  name: z.string().max(120).optional(),
  /** Connect at start-up (and on a hot apply); false keeps the settings without connecting. */
  enabled: z.boolean().default(true),
  allowDeprecated: z.boolean().default(false),
  identity: identitySchema.optional(),
  timeouts: connectionTimeoutsSchema.prefault({}),
};

/** The connection fields' defaults, for source entries built in code (the simulator's). */
export const DEFAULT_CONNECTION = {
  enabled: true,
  allowDeprecated: false,
  timeouts: connectionTimeoutsSchema.parse({}),
};

interface ConnectionLike {
  securityMode: string;
  securityPolicy: string;
  allowDeprecated: boolean;
  user?: unknown;
  identity?: unknown;
}

/** Rules across fields of one connection; paths are relative to the source entry. */
export function checkConnection(c: ConnectionLike, ctx: z.RefinementCtx): void {
  if (isDeprecatedPolicy(c.securityPolicy) && !c.allowDeprecated) {
    ctx.addIssue({
      code: 'custom',
      path: ['securityPolicy'],
      message:
        `${c.securityPolicy} is deprecated (SHA-1 / weak padding): choose Aes256_Sha256_RsaPss, Aes128_Sha256_RsaOaep ` +
        'or Basic256Sha256, or set allowDeprecated: true for an old server that offers nothing else',
    });
  }
  if (c.securityMode !== 'None' && c.securityPolicy === 'None') {
    ctx.addIssue({ code: 'custom', path: ['securityPolicy'], message: `a security policy for securityMode ${c.securityMode} (None only goes with securityMode None)` });
  }
  if (c.user !== undefined && c.identity !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['identity'], message: 'either identity or the older user field, not both' });
  }
}
