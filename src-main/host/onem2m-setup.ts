// Adds the oneM2M uplink when the project enables it: its durable outbox, its AE identity file in the data dir and,
// with commands on, the notification listener that hands command contentInstances to the remote-command service.
import { join } from 'node:path';
import { createOneM2mUplink, type OneM2mCommandOptions, type OneM2mUplink } from '../adapters/onem2m/onem2m-uplink.js';
import { startNotificationServer } from '../adapters/onem2m/notification-server.js';
import type { UplinkContext } from './uplink-setup.js';

export const ONEM2M_UPLINK_ID = 'onem2m';

export async function addOneM2mUplink(ctx: UplinkContext): Promise<void> {
  const cfg = ctx.project.onem2m;
  if (!cfg.enabled) return;
  let uplink: OneM2mUplink | null = null;
  let commands: OneM2mCommandOptions | null = null;
  if (cfg.commands.enabled) {
    const listener = await startNotificationServer({
      bind: cfg.commands.bind,
      port: cfg.commands.port,
      sink: ctx.remote,
      commandUser: cfg.commands.user,
      allowedOrigins: cfg.commands.allowedOrigins,
      subscription: () => uplink?.subscription() ?? { path: '', ri: null, verifying: false },
      log: ctx.log,
    });
    // Stopped after the uplink (stops run in reverse order).
    ctx.onStop(() => listener.stop());
    commands = { container: cfg.commands.container, subscriptionName: cfg.commands.subscriptionName, notifyUrl: cfg.commands.notifyUrl ?? listener.url };
  }
  uplink = createOneM2mUplink({
    id: ONEM2M_UPLINK_ID,
    cseUrl: cfg.cseUrl,
    cseBase: cfg.cseBase,
    aeName: cfg.aeName,
    appId: cfg.appId,
    originator: cfg.originator,
    rvi: cfg.rvi,
    labels: cfg.labels,
    identityPath: join(ctx.dataDir, `onem2m-ae-${ONEM2M_UPLINK_ID}.json`),
    mni: cfg.mni,
    mbs: cfg.mbs,
    requestTimeoutMs: cfg.requestTimeoutMs,
    retryMinMs: cfg.retryMinMs,
    retryMaxMs: Math.max(cfg.retryMinMs, cfg.retryMaxMs),
    outbox: await ctx.openOutbox(ONEM2M_UPLINK_ID),
    commands,
    log: ctx.log,
    clock: ctx.clock,
  });
  await ctx.add(uplink);
}
