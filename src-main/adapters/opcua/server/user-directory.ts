// Who may log on to the bridge server, and what each role may do with a mirrored tag.
import { PermissionType, WellKnownRoles, resolveNodeId } from 'node-opcua';
import type { NodeId, RolePermissionTypeOptions } from 'node-opcua';
import { hashPassword, verifyPassword } from '../../auth/password-hash.js';

export type BridgeRole = 'viewer' | 'operator' | 'engineer';

export interface BridgeUser {
  username: string;
  passwordHash: string;
  roles: BridgeRole[];
}

const ROLE_NODE: Record<BridgeRole, WellKnownRoles> = {
  viewer: WellKnownRoles.Observer,
  operator: WellKnownRoles.Operator,
  engineer: WellKnownRoles.Engineer,
};

const READ = PermissionType.Browse | PermissionType.Read | PermissionType.ReadRolePermissions;

/**
 * RolePermissions of every mirrored variable. node-opcua evaluates every Session with the Anonymous role added
 * (the floor everyone stands on), so Anonymous gets reading only; writing needs Operator or Engineer. A viewer
 * (Observer) therefore gets BadUserAccessDenied on write, and its UserAccessLevel reads without CurrentWrite.
 */
export const TAG_ROLE_PERMISSIONS: RolePermissionTypeOptions[] = [
  { roleId: resolveNodeId(WellKnownRoles.Anonymous), permissions: READ },
  { roleId: resolveNodeId(WellKnownRoles.AuthenticatedUser), permissions: READ },
  { roleId: resolveNodeId(WellKnownRoles.Observer), permissions: READ },
  { roleId: resolveNodeId(WellKnownRoles.Operator), permissions: READ | PermissionType.Write },
  { roleId: resolveNodeId(WellKnownRoles.Engineer), permissions: READ | PermissionType.Write },
];

/** The userManager handed to node-opcua: passwords checked against scrypt hashes, roles as well-known role ids. */
export interface UserDirectory {
  isValidUser(username: string, password: string): boolean;
  getUserRoles(username: string): NodeId[];
}

export function createUserDirectory(users: readonly BridgeUser[]): UserDirectory {
  const byName = new Map(users.map((u) => [u.username, u]));
  // Checking unknown names against a real hash keeps the answer time the same: no probing for valid user names.
  let decoy: string | null = null;
  return {
    isValidUser(username, password) {
      const user = byName.get(username);
      if (!user) {
        decoy ??= hashPassword('plantbridge-decoy');
        verifyPassword(password, decoy);
        return false;
      }
      return verifyPassword(password, user.passwordHash);
    },
    getUserRoles(username) {
      // A fresh array each call: node-opcua appends AuthenticatedUser to what it is given.
      return (byName.get(username)?.roles ?? []).map((r) => resolveNodeId(ROLE_NODE[r]));
    },
  };
}
