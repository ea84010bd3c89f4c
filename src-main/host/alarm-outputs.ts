// Where alarm transitions go besides the UI: the bridge server's Alarms & Conditions and the uplinks.
import type { AlarmDto } from '../contract/index.js';
import type { AlarmService } from '../services/alarm-service.js';
import type { AlarmActions, BridgeServer, Log, Uplink } from '../services/ports.js';

/** The AlarmService's operator actions for OPC UA clients; `confirm` only once the service has it. */
export function alarmActionsOf(alarms: AlarmService): AlarmActions {
  const withConfirm = alarms as AlarmService & Partial<Pick<AlarmActions, 'confirm'>>;
  const actions: AlarmActions = { acknowledge: (id, comment, user) => alarms.acknowledge(id, comment, user) };
  if (typeof withConfirm.confirm === 'function') {
    actions.confirm = (id, comment, user) => (withConfirm.confirm as NonNullable<AlarmActions['confirm']>).call(alarms, id, comment, user);
  }
  return actions;
}

/** Hands alarm transitions to the bridge server and every uplink that publishes alarms; one failing never stops the rest. */
export function publishAlarmChanges(changed: AlarmDto[], to: { bridgeServer: BridgeServer | null; uplinks: readonly Uplink[]; log: Log }): void {
  try {
    to.bridgeServer?.updateAlarms(changed);
  } catch (err) {
    to.log.error({ err: err instanceof Error ? err.message : String(err) }, 'bridge server: alarm update failed');
  }
  for (const uplink of to.uplinks) {
    try {
      uplink.publishAlarms?.(changed);
    } catch (err) {
      to.log.error({ uplink: uplink.id, err: err instanceof Error ? err.message : String(err) }, 'uplink: alarm publish failed');
    }
  }
}
