// Public shapes of the simulator API.
import type { Log } from '../../services/ports.js';
import type { FaultSchedule } from './model/faults.js';

export interface SimulatorOptions {
  /** TCP port; 0 picks a free one (see `RunningSimulator.port`). */
  port: number;
  /** Bind address, default 127.0.0.1. */
  host?: string;
  /** Extra load-test counter tags (area `load`), default 0. */
  extraTags?: number;
  /** Default 42. */
  seed?: number;
  /** Update period in wall-clock ms, default 100 (10 changes/s per load tag). */
  tickMs?: number;
  /** Plant seconds per wall-clock second, default 1. */
  timeScale?: number;
  /** Default: `defaultFaultSchedule(seed)`; pass [] for a healthy plant. */
  faults?: FaultSchedule[];
  /** The simulator's own PKI folder (own certificate, trusted/rejected client certificates). */
  pkiDir: string;
  /** Offer the None/anonymous endpoint; default true on loopback, false otherwise. */
  allowInsecure?: boolean;
  log?: Log;
}

export interface RunningSimulator {
  endpointUrl: string;
  port: number;
  /** The simulator's own certificate (PEM), for the bridge to pre-trust. */
  certificateFile: string;
  /** Copies a client certificate (DER or PEM file) into the simulator's trusted store. */
  trustClientCertificate(derOrPemFile: string): Promise<void>;
  /** Stops the timer and the server; resolves when every socket is closed. */
  stop(): Promise<void>;
}
