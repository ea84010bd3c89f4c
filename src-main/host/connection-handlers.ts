// Request handlers of the connection engineering API (issue 6 §1, §3 browse, §5): thin over ConnectionAdmin.
import type { Caller, ParsedArgs, RequestHandlers } from '../contract/index.js';
import type { ConnectionAdmin } from './connection-admin.js';
import { RequestError } from './request-error.js';

type ConnectionRequests = 'createConnection' | 'updateConnection' | 'deleteConnection' | 'testConnection' | 'listEndpoints' | 'browse' | 'browseAttributes';

const who = (caller: Caller) => ({ user: caller.user, via: caller.via });

/** Without an admin (a host without a project store) every connection request answers 404. */
export function createConnectionHandlers(admin: ConnectionAdmin | undefined): Pick<RequestHandlers, ConnectionRequests> {
  const need = (): ConnectionAdmin => {
    if (!admin) throw new RequestError(404, 'connection engineering is not available in this host');
    return admin;
  };
  return {
    createConnection: async (body, caller) => need().create(body, who(caller)),
    updateConnection: async (body, caller) => need().update(body, who(caller)),
    deleteConnection: async ({ id }, caller) => {
      await need().remove(id, who(caller));
      return { id, deleted: true as const };
    },
    testConnection: async (args: ParsedArgs<'testConnection'>) => need().test(args),
    listEndpoints: async ({ url }) => need().endpoints(url),
    browse: async (q) => need().browse(q),
    browseAttributes: async (q) => need().attributes(q),
  };
}
