// Reads one load counter straight from the simulator (SecurityMode None on loopback): every load tag goes up by one
// per simulator tick, so N × (counter at end − counter at start) is what the simulator offered in the window,
// measured independently of the bridge.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttributeIds, MessageSecurityMode, OPCUACertificateManager, OPCUAClient, SecurityPolicy, type ClientSession } from 'node-opcua';

export const LOAD_COUNTER_NODE = 'ns=1;s=demo-site.load.load-0.value-0';

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

  async close(): Promise<void> {
    await this.session?.close().catch(() => undefined);
    await this.client?.disconnect().catch(() => undefined);
    await this.manager?.dispose().catch(() => undefined);
    this.session = null;
    this.client = null;
    rmSync(this.pkiDir, { recursive: true, force: true });
  }
}
