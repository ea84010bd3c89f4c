// The client side of LwM2M registration as a pure state machine: Register, Update before the lifetime runs out,
// register again after a 4.04 (or any failed Update), exponential back-off after failures, De-register on stop.
// The adapter performs the returned action and feeds the outcome back; time comes in as `now`.

export type RegistrationState = 'idle' | 'registering' | 'registered' | 'updating' | 'waiting' | 'deregistering' | 'stopped';

export type RegistrationAction =
  | { kind: 'register' }
  | { kind: 'update' }
  | { kind: 'deregister'; location: string }
  | { kind: 'none' };

export interface RegistrationOptions {
  /** Registration lifetime (s). */
  lifetimeSec: number;
  /** Share of the lifetime after which the Update goes out (0.5 … 0.95). */
  updateAt?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

const NONE: RegistrationAction = { kind: 'none' };

export class RegistrationMachine {
  private st: RegistrationState = 'idle';
  private loc: string | null = null;
  private dueAt: number | null = null;
  private failures = 0;
  private lifetimeSec: number;
  private pendingUpdate = false;
  private readonly share: number;
  private readonly baseMs: number;
  private readonly maxMs: number;

  constructor(opts: RegistrationOptions) {
    this.lifetimeSec = opts.lifetimeSec;
    this.share = Math.min(0.95, Math.max(0.5, opts.updateAt ?? 0.8));
    this.baseMs = opts.backoffBaseMs ?? 1000;
    this.maxMs = opts.backoffMaxMs ?? 60_000;
  }

  get state(): RegistrationState {
    return this.st;
  }
  get registered(): boolean {
    return this.st === 'registered' || this.st === 'updating';
  }
  get location(): string | null {
    return this.loc;
  }
  /** When `tick()` has something to do, or null. */
  get nextDueAt(): number | null {
    return this.dueAt;
  }
  get consecutiveFailures(): number {
    return this.failures;
  }
  get lifetime(): number {
    return this.lifetimeSec;
  }

  start(): RegistrationAction {
    if (this.st !== 'idle' && this.st !== 'stopped') return NONE;
    this.st = 'registering';
    this.dueAt = null;
    return { kind: 'register' };
  }

  registerSucceeded(now: number, location: string): RegistrationAction {
    if (this.st !== 'registering') return NONE;
    this.loc = location;
    this.failures = 0;
    return this.settle(now);
  }

  registerFailed(now: number): RegistrationAction {
    if (this.st !== 'registering') return NONE;
    return this.backoff(now);
  }

  updateSucceeded(now: number): RegistrationAction {
    if (this.st !== 'updating') return NONE;
    this.failures = 0;
    return this.settle(now);
  }

  /** 4.04 means the server forgot us (restart, expired): register again now. Anything else: register after back-off
   * (a server that answers Update with 5.00 is not given up on). */
  updateFailed(now: number, code: string | null): RegistrationAction {
    if (this.st !== 'updating') return NONE;
    this.loc = null;
    if (code === '4.04') {
      this.st = 'registering';
      this.dueAt = null;
      return { kind: 'register' };
    }
    return this.backoff(now);
  }

  /** An Update is wanted now (lifetime or object list changed); deferred while a request is in flight. */
  requestUpdate(): RegistrationAction {
    if (this.st === 'registered') {
      this.st = 'updating';
      this.dueAt = null;
      return { kind: 'update' };
    }
    if (this.st === 'updating' || this.st === 'registering') this.pendingUpdate = true;
    return NONE;
  }

  setLifetime(sec: number): RegistrationAction {
    if (sec === this.lifetimeSec) return NONE;
    this.lifetimeSec = sec;
    return this.requestUpdate();
  }

  tick(now: number): RegistrationAction {
    if (this.dueAt === null || now < this.dueAt) return NONE;
    this.dueAt = null;
    if (this.st === 'registered') {
      this.st = 'updating';
      return { kind: 'update' };
    }
    if (this.st === 'waiting') {
      this.st = 'registering';
      return { kind: 'register' };
    }
    return NONE;
  }

  /** Stop: De-register if registered; afterwards nothing is scheduled. */
  stop(): RegistrationAction {
    const loc = this.registered ? this.loc : null;
    this.st = 'stopped';
    this.dueAt = null;
    this.loc = null;
    this.pendingUpdate = false;
    return loc ? { kind: 'deregister', location: loc } : NONE;
  }

  /** The link was cut on purpose (drill): forget the registration without telling the server. */
  suspend(): void {
    this.st = 'stopped';
    this.dueAt = null;
    this.loc = null;
    this.pendingUpdate = false;
  }

  private settle(now: number): RegistrationAction {
    this.st = 'registered';
    this.dueAt = now + Math.max(1000, this.lifetimeSec * 1000 * this.share);
    if (this.pendingUpdate) {
      this.pendingUpdate = false;
      return this.requestUpdate();
    }
    return NONE;
  }

  private backoff(now: number): RegistrationAction {
    this.failures += 1;
    this.st = 'waiting';
    this.dueAt = now + Math.min(this.maxMs, this.baseMs * 2 ** Math.min(20, this.failures - 1));
    return NONE;
  }
}
