// The `coap` section of the project file: the CoAP uplink (coap:// or coaps:// with DTLS-PSK) and the optional
// local CoAP server exposing tags. Kept beside config-schema.ts, which includes it. Docs: docs/configuration.md.
import { z } from 'zod';
import { DEFAULT_COAP_PATH_TEMPLATE, pathTemplateProblem } from '../domain/coap/coap-uplink-rules.js';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name such as PLANT_COAP_PSK');

const psk = z
  .strictObject({
    identity: z.string().min(1).max(128),
    /** Environment variable holding the key as UTF-8 text (preferred: keys never live in the project file). */
    keyEnv: envName.optional(),
    keyHex: z
      .string()
      .regex(/^([0-9a-fA-F]{2}){1,64}$/, 'an even number of hex digits (1 to 64 bytes)')
      .optional(),
    keyUtf8: z.string().min(1).max(64).optional(),
  })
  .refine((p) => [p.keyEnv, p.keyHex, p.keyUtf8].filter((k) => k !== undefined).length === 1, {
    message: 'exactly one of keyEnv, keyHex or keyUtf8',
  });

const coapUrl = z
  .string()
  .regex(/^coaps?:\/\/(\[[0-9a-fA-F:.]+\]|[^\s/:[\]]+)(:\d{1,5})?(\/[^\s?#]*)?$/, 'a coap://host:port or coaps://host:port URL');

const uplink = z
  .strictObject({
    enabled: z.boolean().default(true),
    url: coapUrl,
    pathTemplate: z
      .string()
      .default(DEFAULT_COAP_PATH_TEMPLATE)
      .superRefine((t, ctx) => {
        const problem = pathTemplateProblem(t);
        if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
      }),
    /** Required for coaps:// (DTLS 1.2 PSK); refused for coap://. */
    psk: psk.optional(),
    /** RFC 7252 ACK_TIMEOUT, ACK_RANDOM_FACTOR and MAX_RETRANSMIT of the confirmable PUTs. */
    ackTimeoutMs: z.number().int().min(100).max(60_000).default(2000),
    ackRandomFactor: z.number().min(1).max(4).default(1.5),
    maxRetransmit: z.number().int().min(0).max(10).default(4),
    handshakeTimeoutMs: z.number().int().min(500).max(120_000).default(10_000),
    /** Simultaneous exchanges with the server (RFC 7252 NSTART; 1 is the RFC default). */
    concurrency: z.number().int().min(1).max(64).default(1),
    /** Longest wait between re-sends while the server is unreachable (the back-off doubles up to this). */
    retryMaxMs: z.number().int().min(1000).max(3_600_000).default(60_000),
  })
  .refine((u) => u.url.startsWith('coaps://') === (u.psk !== undefined), {
    message: 'coaps:// needs psk {identity, keyEnv|keyHex|keyUtf8}; coap:// takes no psk',
    path: ['psk'],
  });

const server = z.strictObject({
  enabled: z.boolean().default(false),
  /** Loopback by default: expose tags to the plant network only on purpose. */
  bind: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(5683),
  maxObservers: z.number().int().min(1).max(10_000).default(100),
  /** Requests with a larger body are answered 4.13. */
  maxBodyBytes: z.number().int().min(16).max(65_536).default(1024),
});

export const coapConfigSchema = z.strictObject({
  uplink: uplink.optional(),
  server: server.prefault({}),
});

export type CoapConfig = z.output<typeof coapConfigSchema>;
export type CoapUplinkConfig = NonNullable<CoapConfig['uplink']>;
export type CoapServerConfig = CoapConfig['server'];
