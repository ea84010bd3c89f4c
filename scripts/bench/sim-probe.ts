// Reads one load counter straight from the simulator (SecurityMode None on loopback): every load tag goes up by one
// per simulator tick, so N × (counter at end − counter at start) is what the simulator offered in the window,
// measured independently of the bridge.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttributeIds, MessageSecurityMode, OPCUACertificateManager, OPCUAClient, SecurityPolicy, type ClientSession } from 'node-opcua';

export const LOAD_COUNTER_NODE = 'ns=1;s=demo-site.load.load-0.value-0';

/** Widest bracket (ms) around a counter change that still pins the emission time down well enough. */
const MAX_BRACKET_MS = 10;

export class SimProbe {
  private client: OPCUAClient | null = null;
  private session: ClientSession | null = null;
  private manager: OPCUACertificateManager | null = null;
  private readonly pkiDir = mkdtempSync(join(tmpdir(), 'pb-bench-probe-'));

  async open(endpointUrl: string): Promise<void> {
    // Its own throw-away PKI folder: never node-opcua's default one (which accepts unknown certificates).
    this.manager = new OPCUACertificateManager({ rootFolder: this.pkiDir, automaticallyAcceptUnknownCertificate: false });
    await this.manager.initialize();
    this.client = OPCUAClient.create({
      applicationName: 'PlantBridge bench probe',
      securityMode: MessageSecurityMode.None,
      securityPolicy: SecurityPolicy.None,
      endpointMustExist: false,
      clientCertificateManager: this.manager,
      connectionStrategy: { maxRetry: 3, initialDelay: 500 },
    });
    await this.client.connect(endpointUrl);
    this.session = await this.client.createSession();
  }

  /** The current value of load counter 0 (ticks the simulator has emitted). */
  async counter(): Promise<number> {
    if (!this.session) throw new Error('probe not open');
    const dv = await this.session.read({ nodeId: LOAD_COUNTER_NODE, attributeId: AttributeIds.Value });
    const v: unknown = dv.value.value;
    if (typeof v !== 'number') throw new Error(`probe: ${LOAD_COUNTER_NODE} has no numeric value (${dv.statusCode.name})`);
    return v;
  }

  /**
   * How far the simulator's source timestamps lag the moment it really emits a change (ms, median): it stamps
   * plant time, which advances in whole ticks, so a stamp can be up to one tick older than the emission. Reads
   * back to back bracket each counter change between two reads: emission ∈ [send of previous read, answer of this one].
   * Only tight brackets count (a busy simulator answers slowly and a wide bracket says little); NaN if none was tight.
   */
  async stampLagMs(durationMs = 2000): Promise<number> {
    if (!this.session) throw new Error('probe not open');
    const lags: number[] = [];
    let prev: { value: unknown; sentAt: number } | null = null;
    const until = Date.now() + durationMs;
    while (Date.now() < until) {
      const sentAt = Date.now();
      const dv = await this.session.read({ nodeId: LOAD_COUNTER_NODE, attributeId: AttributeIds.Value });
      const answeredAt = Date.now();
      const stamp = dv.sourceTimestamp?.getTime();
      const tight = prev !== null && answeredAt - prev.sentAt <= MAX_BRACKET_MS;
      if (prev && tight && prev.value !== dv.value.value && stamp !== undefined) lags.push((prev.sentAt + answeredAt) / 2 - stamp);
      prev = { value: dv.value.value, sentAt };
    }
    lags.sort((x, y) => x - y);
    return lags[Math.floor(lags.length / 2)] ?? Number.NaN;
  }

  async close(): Promise<void> {
    await this.session?.close().catch(() => undefined);
    await this.client?.disconnect().catch(() => undefined);
    await this.manager?.dispose().catch(() => undefined);
    this.session = null;
    this.client = null;
    rmSync(this.pkiDir, { recursive: true, force: true });
  }
}
