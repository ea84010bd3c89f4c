// Request handlers of the alarm engine's operator and engineer actions (confirm, reset, shelve, unshelve, out of
// service, limits): refusals become 400/404/409 answers with the sentence that says why.
import type { RequestHandlers } from '../contract/index.js';
import type { AlarmService } from '../services/alarm-service.js';
import { AlarmRefusal } from '../services/alarm-service.js';
import { RequestError } from './request-error.js';

/** What the handlers need of the alarm service (the OPC UA A&C server uses the same methods). */
export type AlarmHandlerDeps = Pick<
  AlarmService,
  'list' | 'acknowledge' | 'confirm' | 'reset' | 'shelve' | 'unshelve' | 'setOutOfService' | 'setLimits'
>;

/** Runs an alarm action, turning its typed refusal into the transport's error. */
export async function refusalsAsRequestErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AlarmRefusal) throw new RequestError(err.status, err.message);
    throw err;
  }
}

type AlarmActionHandlers = Pick<
  RequestHandlers,
  'confirmAlarm' | 'resetAlarm' | 'shelveAlarm' | 'unshelveAlarm' | 'setAlarmOutOfService' | 'setAlarmLimits'
>;

export function createAlarmActionHandlers(alarms: AlarmHandlerDeps): AlarmActionHandlers {
  return {
    confirmAlarm: ({ id, comment }, caller) => refusalsAsRequestErrors(() => alarms.confirm(id, comment, caller.user)),
    resetAlarm: ({ id, comment }, caller) => refusalsAsRequestErrors(() => alarms.reset(id, comment, caller.user)),
    shelveAlarm: ({ id, mode, minutes, reason }, caller) =>
      refusalsAsRequestErrors(() => alarms.shelve(id, { mode, minutes, reason }, caller.user)),
    unshelveAlarm: ({ id, comment }, caller) => refusalsAsRequestErrors(() => alarms.unshelve(id, comment, caller.user)),
    setAlarmOutOfService: ({ id, outOfService, reason }, caller) =>
      refusalsAsRequestErrors(() => alarms.setOutOfService(id, outOfService, reason, caller.user, caller.via)),
    setAlarmLimits: ({ id, comment, ...edit }, caller) =>
      refusalsAsRequestErrors(() => alarms.setLimits(id, edit, caller.user, caller.via, comment)),
  };
}
