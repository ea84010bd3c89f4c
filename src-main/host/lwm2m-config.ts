// The `lwm2m` section of the project file: PlantBridge as an LwM2M 1.1 client (device management). Kept beside
// config-schema.ts, which includes it. Docs: docs/configuration.md#lwm2m.
import { z } from 'zod';

const port = z.number().int().min(0).max(65535);

const coapUri = z
  .string()
  .regex(/^coap:\/\/[^\s/?#]+\/?$/, 'a coap://host:port URI (coaps/DTLS is not supported yet)');

/** `tagId` is the project's tag-id schema (four levels), shared with config-schema.ts. */
export function lwm2mConfigSchema(tagId: z.ZodType<string>) {
  return z
    .strictObject({
      enabled: z.boolean().default(false),
      /** The LwM2M server to register with (unless a bootstrap server provides one). */
      serverUri: coapUri.optional(),
      /** Client-initiated bootstrap: the server account is fetched from here and kept encrypted in the data dir. */
      bootstrap: z.strictObject({ url: coapUri }).optional(),
      /** Endpoint client name; default `plantbridge-<serial>` (the serial is made once per data dir). */
      endpoint: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'an endpoint name of letters, digits, "_", ".", ":" or "-"').optional(),
      lifetime: z.number().int().min(10).max(604_800).default(300),
      shortServerId: z.number().int().min(1).max(65_534).default(1),
      /** Local address and UDP port of the client socket (0 = any free port). */
      bind: z.string().default('0.0.0.0'),
      port: port.default(0),
      model: z.string().max(64).default('PlantBridge Edge'),
      /** Execute on /3/0/4 (Reboot) restarts the bridge service only when true; otherwise the server gets 4.05. */
      allowRemoteReboot: z.boolean().default(false),
      /** Writes of IPSO 5700 go to the command gate only when true (and the tag is writable); otherwise 4.05. */
      allowTagWrites: z.boolean().default(false),
      /** Tags shown as IPSO objects; without it every numeric tag is mapped by unit (3303 °C, 3323 bar, else 3300). */
      objects: z.array(z.strictObject({ tag: tagId, object: z.number().int().min(3200).max(65_535) })).max(1000).optional(),
      maxObjects: z.number().int().min(1).max(1000).default(64),
      maxObservations: z.number().int().min(1).max(1000).default(64),
    })
    .refine((l) => !l.enabled || l.serverUri !== undefined || l.bootstrap !== undefined, {
      message: 'an enabled LwM2M client needs serverUri or bootstrap.url',
      path: ['serverUri'],
    });
}
