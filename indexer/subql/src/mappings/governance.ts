import type { WorkingSet } from "./workingSet";
// AccessControl and EIP-712 events of the deployed contract: kept so the audit trail covers who holds governance.
import { EIP712DomainChangedLog, RoleAdminChangedLog, RoleGrantedLog, RoleRevokedLog } from "../types/abi-interfaces/CareTrail";
import { Eip712DomainChangedEvent, RoleAdminChangedEvent, RoleGrantedEvent, RoleMember, RoleRevokedEvent } from "../types";
import { address, argsOf, logFields } from "./logFields";

export async function handleRoleGranted(log: RoleGrantedLog, ws: WorkingSet): Promise<void> {
  const args = argsOf(log);
  const account = address(args.account);
  ws.save(RoleGrantedEvent.create({ ...logFields(log), role: args.role, account, sender: address(args.sender) }));
  const block = BigInt(log.blockNumber);
  ws.save(RoleMember.create({ id: `${args.role}-${account}`, role: args.role, account, active: true, grantedAtBlock: block, updatedAtBlock: block }));
}

export async function handleRoleRevoked(log: RoleRevokedLog, ws: WorkingSet): Promise<void> {
  const args = argsOf(log);
  const account = address(args.account);
  ws.save(RoleRevokedEvent.create({ ...logFields(log), role: args.role, account, sender: address(args.sender) }));
  // AccessControl emits RoleRevoked only for a member, whose grant the indexer has seen since the deployment block.
  const member = await ws.get(RoleMember, `${args.role}-${account}`);
  if (member) {
    member.active = false;
    member.updatedAtBlock = BigInt(log.blockNumber);
    ws.save(member);
  }
}

export async function handleRoleAdminChanged(log: RoleAdminChangedLog, ws: WorkingSet): Promise<void> {
  const args = argsOf(log);
  ws.save(
    RoleAdminChangedEvent.create({
      ...logFields(log),
      role: args.role,
      previousAdminRole: args.previousAdminRole,
      newAdminRole: args.newAdminRole,
    }),
  );
}

export async function handleEIP712DomainChanged(log: EIP712DomainChangedLog, ws: WorkingSet): Promise<void> {
  ws.save(Eip712DomainChangedEvent.create(logFields(log)));
}
