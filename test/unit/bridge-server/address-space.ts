// A standard address space with namespace 1, without a server or sockets: enough to exercise the tag mirror.
import { AddressSpace, generateAddressSpace, nodesets } from 'node-opcua';

export async function standardAddressSpace(): Promise<AddressSpace> {
  const addressSpace = AddressSpace.create();
  await generateAddressSpace(addressSpace, [nodesets.standard]);
  addressSpace.registerNamespace('urn:plantbridge:test');
  return addressSpace;
}
