// The project file: one JSON document, validated with zod. Every field has a default, so `{}` is a valid project
// (the built-in simulator, the embedded broker, loopback only). Docs: docs/configuration.md.
import { z } from 'zod';
import { isValidTagLevel } from '../domain/tags.js';
import { coapConfigSchema } from './coap-config.js';

const port = z.number().int().min(0).max(65535);
const nonEmpty = z.string().min(1);

const tagId = z.string().refine((s) => {
  const levels = s.split('/');
  return levels.length === 4 && levels.every(isValidTagLevel);
}, 'a tag id of four levels site/area/asset/tag, each of letters, digits, "_", "-" or "."');

const role = z.enum(['viewer', 'operator', 'engineer']);
const user = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'a user name of letters, digits, "_", ".", "@" or "-"'),
  passwordHash: z
    .string()
    .regex(/^scrypt\$/, 'a password hash made by `plantbridge hash-password` (never a plain password)'),
  roles: z.array(role).min(1).default(['viewer']),
});

const deadband = z.strictObject({
  kind: z.enum(['absolute', 'percent']),
  value: z.number().nonnegative(),
});

const alarmLimits = z
  .strictObject({
    HH: z.number().optional(),
    H: z.number().optional(),
    L: z.number().optional(),
    LL: z.number().optional(),
    deadband: z.number().nonnegative().default(0),
    priority: z.number().int().min(1).max(4).default(3),
  })
  .refine((a) => a.HH === undefined || a.H === undefined || a.HH >= a.H, { message: 'HH must be ≥ H', path: ['HH'] })
  .refine((a) => a.LL === undefined || a.L === undefined || a.LL <= a.L, { message: 'LL must be ≤ L', path: ['LL'] })
  .refine((a) => a.H === undefined || a.L === undefined || a.H > a.L, { message: 'H must be > L', path: ['H'] });

const group = z.strictObject({
  name: nonEmpty,
  samplingIntervalMs: z.number().min(0).max(3_600_000).default(250),
  publishingIntervalMs: z.number().min(10).max(3_600_000).default(500),
  queueSize: z.number().int().min(1).max(10_000).default(10),
  deadband: deadband.nullable().default(null),
});

const sourceTag = z.strictObject({
  id: tagId,
  nodeId: nonEmpty,
  group: z.string().default('default'),
});

const opcuaUrl = z.string().regex(/^opc\.tcp:\/\/[^\s/]+(:\d+)?(\/.*)?$/, 'an opc.tcp://host:port URL');

const source = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a short id of letters, digits, "_" or "-"'),
  endpointUrl: opcuaUrl,
  securityMode: z.enum(['None', 'Sign', 'SignAndEncrypt']).default('SignAndEncrypt'),
  securityPolicy: z
    .enum(['None', 'Basic256Sha256', 'Aes128_Sha256_RsaOaep', 'Aes256_Sha256_RsaPss'])
    .default('Aes256_Sha256_RsaPss'),
  user: z
    .strictObject({
      username: nonEmpty,
      /** Name of the environment variable holding the password: passwords never live in the project file. */
      passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name such as PLANT_OPCUA_PASSWORD'),
    })
    .optional(),
  groups: z.array(group).default([]),
  tags: z.array(sourceTag).default([]),
  browse: z
    .strictObject({
      rootNodeId: nonEmpty,
      group: z.string().default('default'),
    })
    .optional(),
});

const tagSettings = z.strictObject({
  writable: z.boolean().optional(),
  /** On the allow-list for remote commands (JSON command topic, Sparkplug NCMD/DCMD); implies nothing without `writable`. */
  remoteWrite: z.boolean().optional(),
  alarms: alarmLimits.nullable().optional(),
  deadband: deadband.nullable().optional(),
  unit: z.string().max(32).optional(),
  description: z.string().max(500).optional(),
});

const mqttUrl = z.string().refine(
  (s) => s === 'embedded' || s === 'none' || /^(mqtt|mqtts|ws|wss):\/\/[^\s]+$/.test(s),
  '"embedded", "none" or a mqtt://, mqtts://, ws:// or wss:// URL',
);

const topicPrefix = z
  .string()
  .regex(/^[^#+$\u0000/][^#+\u0000]*$/, 'a topic prefix without MQTT wildcards (+ #), not starting with $ or /')
  .refine((s) => !s.endsWith('/') && !s.includes('//'), 'a topic prefix without empty levels');

export const configSchema = z
  .strictObject({
    version: z.literal(1).default(1),
    http: z
      .strictObject({
        bind: z.string().default('127.0.0.1'),
        port: port.default(8080),
      })
      .prefault({}),
    users: z.array(user).default([]),
    bridgeServer: z
      .strictObject({
        enabled: z.boolean().default(true),
        port: port.default(4840),
        /** Commissioning only: SecurityMode None and anonymous sessions, refused unless bound to loopback. */
        insecure: z.boolean().default(false),
      })
      .prefault({}),
    mqtt: z
      .strictObject({
        url: mqttUrl.default('embedded'),
        /** Publish the JSON unified namespace (the Sparkplug B edge node is `sparkplug.enabled`). */
        json: z.boolean().default(true),
        embeddedPort: port.default(1883),
        topicPrefix: topicPrefix.default('plantbridge'),
        qos: z.union([z.literal(0), z.literal(1)]).default(1),
        retain: z.boolean().default(true),
        clientId: z.string().max(128).optional(),
        username: z.string().optional(),
        passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name').optional(),
        tls: z
          .strictObject({
            caFile: z.string().optional(),
            certFile: z.string().optional(),
            keyFile: z.string().optional(),
            rejectUnauthorized: z.boolean().default(true),
          })
          .optional(),
      })
      .prefault({}),
    sparkplug: z
      .strictObject({
        enabled: z.boolean().default(false),
        /** `same` publishes to the broker of `mqtt.url` (the embedded one by default). */
        url: mqttUrl.or(z.literal('same')).default('same'),
        groupId: z.string().regex(/^[^#+/\u0000]{1,64}$/, 'a Sparkplug group id without / + #').default('plantbridge'),
        edgeNodeId: z.string().regex(/^[^#+/\u0000]{1,64}$/, 'an edge node id without / + #').default('edge-1'),
        /** Wait for `spBv1.0/STATE/<primaryHostId>` online before publishing; rebirth when it comes back. */
        primaryHostId: z.string().regex(/^[^#+/\u0000]{1,64}$/, 'a host id without / + #').optional(),
        /** DDATA batching: metrics changed within this period go in one message per device. */
        batchMs: z.number().int().min(0).max(60_000).default(100),
        username: z.string().optional(),
        passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name').optional(),
        clientId: z.string().max(128).optional(),
      })
      .prefault({}),
    outbox: z
      .strictObject({
        /** Per uplink. When full, the oldest messages are dropped, counted, alarmed and recorded as a gap. */
        maxMb: z.number().min(1).max(100_000).default(512),
        maxAgeHours: z.number().min(0.01).max(24 * 365).default(24 * 7),
        /** Backlog drain rate after an outage, so live data keeps flowing while the backlog goes out. */
        drainPerSecond: z.number().int().min(10).max(1_000_000).default(5000),
      })
      .prefault({}),
    remoteCommands: z
      .strictObject({
        /** Off by default: no remote system can write to the plant until an engineer enables it. */
        enabled: z.boolean().default(false),
        /** Commands older than this (by their own timestamp) or from the future beyond it are refused. */
        maxAgeMs: z.number().int().min(1000).max(600_000).default(30_000),
        /** Writes per tag per second accepted from remote systems. */
        maxPerTagPerSecond: z.number().min(0.1).max(100).default(2),
        /** JSON commands: each user signs with HMAC-SHA256 using a secret from the named environment variable. */
        users: z
          .array(
            z.strictObject({
              name: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'a user name of letters, digits, "_", ".", "@" or "-"'),
              secretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name'),
              role: z.enum(['operator', 'engineer']).default('operator'),
            }),
          )
          .default([]),
        /** Sparkplug NCMD/DCMD: the identity recorded in the audit for commands from the SCADA host. */
        sparkplugUser: z.string().default('sparkplug-host'),
      })
      .prefault({}),
    simulator: z
      .strictObject({
        enabled: z.boolean().default(true),
        port: port.default(4841),
        extraTags: z.number().int().min(0).max(100_000).default(0),
        seed: z.number().int().default(1),
        faultOnsetMinutes: z.number().min(0).default(10),
        faultRampMinutes: z.number().min(1).default(60),
        /** Plant seconds per wall-clock second, for demos and tests: an hour of plant time in a minute at 60. */
        timeScale: z.number().min(0.1).max(1000).default(1),
      })
      .prefault({}),
    sources: z.array(source).default([]),
    tagSettings: z.record(tagId, tagSettings).default({}),
    historian: z
      .strictObject({
        retentionDays: z.number().min(0.01).max(3650).default(30),
        flushIntervalMs: z.number().int().min(10).max(10_000).default(250),
      })
      .prefault({}),
    /** CoAP uplink and local CoAP server (host/coap-config.ts). */
    coap: coapConfigSchema.prefault({}),
  })
;

export type ProjectConfig = z.output<typeof configSchema>;
export type SourceConfig = ProjectConfig['sources'][number];
export type UserConfig = ProjectConfig['users'][number];
export type TagSettings = z.output<typeof tagSettings>;
