// The project file: one JSON document, validated with zod. Every field has a default, so `{}` is a valid project
// (the built-in simulator, the embedded broker, loopback only). Docs: docs/configuration.md.
import { z } from 'zod';
import { isValidTagLevel } from '../domain/tags.js';
import { alarmSettingsSchema, systemAlarmsSchema } from './alarm-config-schema.js';
import { simulatorFaultsSchema } from './simulator-faults-config.js';
import { maintenanceSchema } from './maintenance-config.js';
import { coapConfigSchema } from './coap-config.js';
import { lwm2mConfigSchema } from './lwm2m-config.js';
import { ALL_POLICIES, checkConnection, connectionFields } from './connection-config.js';

const port = z.number().int().min(0).max(65535);
const nonEmpty = z.string().min(1);

const tagId = z.string().refine((s) => {
  const levels = s.split('/');
  return levels.length === 4 && levels.every(isValidTagLevel);
}, 'a tag id of four levels site/area/asset/tag, each of letters, digits, "_", "-" or "."');

export const userRole = z.enum(['viewer', 'operator', 'engineer']);
const role = userRole;
export const userSchema = z.strictObject({
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

// The numeric form {HH, H, L, LL, deadband, priority} plus per-level objects and the richer alarm kinds.
const alarmLimits = alarmSettingsSchema(tagId);

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
  /** Basic128Rsa15 and Basic256 are deprecated: refused unless `allowDeprecated` (host/connection-config.ts). */
  securityPolicy: z.enum(ALL_POLICIES).default('Aes256_Sha256_RsaPss'),
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
  ...connectionFields,
}).superRefine(checkConnection);

const tagSettings = z.strictObject({
  writable: z.boolean().optional(),
  /** On the allow-list for remote commands (JSON command topic, Sparkplug NCMD/DCMD); implies nothing without `writable`. */
  remoteWrite: z.boolean().optional(),
  alarms: alarmLimits.nullable().optional(),
  deadband: deadband.nullable().optional(),
  unit: z.string().max(32).optional(),
  description: z.string().max(500).optional(),
  /** Published on the uplinks (MQTT JSON, Sparkplug B, CoAP, oneM2M); off keeps the tag local (historian, UI). */
  uplink: z.boolean().optional(),
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
    users: z.array(userSchema).default([]),
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
        /** Scheduled faults; when present it replaces the faultOnset/RampMinutes demo (see docs/configuration.md). */
        faults: simulatorFaultsSchema.optional(),
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
    alarmKpis: z
      .strictObject({
        /** Operators sharing the alarm load: the KPI rates are per operator per 10 minutes (ISA-18.2). */
        operators: z.number().int().min(1).max(100).default(1),
      })
      .prefault({}),
    /** PlantBridge's own alarms: disk nearly full (source/uplink alarms need no settings). */
    systemAlarms: systemAlarmsSchema,
    /** PlantBridge as an LwM2M 1.1 client (device management): docs/configuration.md#lwm2m. */
    lwm2m: lwm2mConfigSchema(tagId).prefault({}),
    maintenance: maintenanceSchema,
    /** oneM2M interworking (TS-0009 HTTP binding): PlantBridge as an AE with one container per tag. Off by default. */
    onem2m: z
      .strictObject({
        enabled: z.boolean().default(false),
        /** The CSE's HTTP address, e.g. `http://127.0.0.1:8080` (ACME) or `http://host:7579` (Mobius). */
        cseUrl: z.string().regex(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL').default('http://127.0.0.1:8080'),
        /** The CSEBase resource name: `cse-in` (ACME), `Mobius` … */
        cseBase: z.string().regex(/^[A-Za-z0-9_.~-]{1,64}$/, 'a resource name').default('cse-in'),
        aeName: z.string().regex(/^[A-Za-z0-9_.~-]{1,64}$/, 'a resource name').default('plantbridge'),
        /** App-ID (`api`): starts with N (non-registered) or R (registered). */
        appId: z.string().regex(/^[NR][A-Za-z0-9_.-]{0,63}$/, 'an App-ID starting with N or R').default('Nplantbridge'),
        /** X-M2M-Origin of the first registration: `C…`/`S…`; the AE-ID the CSE assigns is kept in the data dir. */
        originator: z.string().regex(/^[CS][A-Za-z0-9_.-]{0,63}$/, 'an originator starting with C or S').default('Cplantbridge'),
        /** X-M2M-RVI: the oneM2M release the requests follow. */
        rvi: z.enum(['2a', '3', '4', '5']).default('3'),
        labels: z.array(z.string().min(1).max(128)).max(32).default([]),
        /** Per tag container: at most this many contentInstances / bytes are kept by the CSE. */
        mni: z.number().int().min(1).max(1_000_000).default(1000),
        mbs: z.number().int().min(1024).max(1_000_000_000).default(1_000_000),
        requestTimeoutMs: z.number().int().min(100).max(60_000).default(5000),
        retryMinMs: z.number().int().min(50).max(60_000).default(1000),
        retryMaxMs: z.number().int().min(100).max(600_000).default(30_000),
        commands: z
          .strictObject({
            /** Subscribe to the command container; commands then pass the remote-command allow-list and gate. */
            enabled: z.boolean().default(false),
            container: z.string().regex(/^[A-Za-z0-9_.~-]{1,64}$/, 'a resource name').default('commands'),
            subscriptionName: z.string().regex(/^[A-Za-z0-9_.~-]{1,64}$/, 'a resource name').default('plantbridge-commands'),
            /** The notification listener (an HTTP server of its own). */
            bind: z.string().default('127.0.0.1'),
            port: port.default(0),
            /** The URI the CSE must call, when it differs from `http://<bind>:<port>/notify` (NAT, proxy). */
            notifyUrl: z.string().regex(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL').optional(),
            /** X-M2M-Origin values accepted on command notifications; empty accepts any (keep the bind on loopback). */
            allowedOrigins: z.array(z.string().min(1)).default([]),
            /** Recorded as the user of oneM2M commands in the audit (role of the remoteCommands user of that name, else operator). */
            user: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'a user name').default('onem2m-cse'),
          })
          .prefault({}),
      })
      .prefault({}),
    /** The HyperCat 3.0 catalogue of the tags at `GET /cat` on the API listener (same authentication as the API). */
    hypercat: z
      .strictObject({
        enabled: z.boolean().default(true),
        description: z.string().min(1).max(500).default('PlantBridge tag catalogue'),
        /** The API's address as consumers reach it (e.g. behind a proxy or on 0.0.0.0); default: the listener's URL. */
        publicUrl: z.string().regex(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL').optional(),
        /** Where the local CoAP server is reached (`coap://host:port`): items then link `coap://…/tags/<tag>`. */
        coapBaseUrl: z.string().regex(/^coaps?:\/\/[^\s/]+$/, 'a coap:// or coaps:// URL without a path').optional(),
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
/** One `tagSettings` entry and one `sources[]` entry, for the tag import (host/tag-project-section.ts). */
export const tagSettingsSchema = tagSettings;
export const sourceSchema = source;
