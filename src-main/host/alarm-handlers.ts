// Request handlers of the alarm engine's operator and engineer actions (confirm, reset, shelve, unshelve, out of
// service, limits): refusals become 400/404/409 answers with the sentence that says why.
import type { AlarmDto, RequestHandlers } from '../contract/index.js';
import type { AlarmListFilter, AlarmLimitEdit, ShelveRequest } from '../services/alarm-service.js';
import { AlarmRefusal } from '../services/alarm-service.js';
import { RequestError } from './request-error.js';

/** What the handlers need of the alarm service (the OPC UA A&C server uses the same methods). */
export interface AlarmHandlerDeps {
  list(filter: AlarmListFilter): AlarmDto[];
  acknowledge(id: string, comment: string, user: string): Promise<AlarmDto>;
  confirm(id: string, comment: string, user: string): Promise<AlarmDto>;
  reset(id: string, comment: string, user: string): Promise<AlarmDto>;
  shelve(id: string, req: ShelveRequest, user: string): Promise<AlarmDto>;
  unshelve(id: string, comment: string, user: string): Promise<AlarmDto>;
  setOutOfService(id: string, outOfService: boolean, reason: string, user: string, via?: string): Promise<AlarmDto>;
  setLimits(id: string, edit: AlarmLimitEdit, user: string, via?: string, comment?: string): Promise<AlarmDto>;
}

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
