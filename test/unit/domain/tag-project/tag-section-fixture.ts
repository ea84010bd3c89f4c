// A small tag section (two connections, groups, settings with alarms) shared by the tag import/export tests.
import type { TagSection } from '../../../../src-main/domain/tag-project/index.js';

export function sampleSection(): TagSection {
  return {
    sources: [
      {
        id: 'line1', endpointUrl: 'opc.tcp://plc-line1:4840', securityMode: 'SignAndEncrypt',
        groups: [
          { name: 'default', samplingIntervalMs: 250, publishingIntervalMs: 500, queueSize: 10, deadband: null },
          { name: 'slow', samplingIntervalMs: 5000, publishingIntervalMs: 10000, queueSize: 10, deadband: null },
        ],
        tags: [
          { id: 'plant/line1/pump1/speed', nodeId: 'ns=2;s=Line1.Pump1.Speed', group: 'default' },
          { id: 'plant/line1/pump1/temp', nodeId: 'ns=2;s=Line1.Pump1.Temp', group: 'slow' },
        ],
      },
      {
        id: 'kep', endpointUrl: 'opc.tcp://kepware:49320', securityMode: 'None',
        groups: [{ name: 'default', samplingIntervalMs: 100, publishingIntervalMs: 500, queueSize: 10, deadband: null }],
        tags: [{ id: 'plant/Channel1/PLC1/Tank.Level', nodeId: 'ns=2;s=Channel1.PLC1.Tank.Level', group: 'default' }],
      },
    ],
    tagSettings: {
      'plant/line1/pump1/speed': {
        unit: 'rpm', description: '=SUM(A1) is text, not a formula', writable: true,
        deadband: { kind: 'percent', value: 2 }, alarms: { HH: 1800, H: 1600, L: 200, deadband: 5, priority: 2 },
      },
      'plant/line1/pump1/temp': { unit: '°C', uplink: false, description: 'bearing, "outboard"\nside' },
      'plant/Channel1/PLC1/Tank.Level': { unit: 'm', description: 'tank level' },
    },
  };
}
