import type { WorkingSet } from "./workingSet";
// AccessControl and EIP-712 events of the deployed contract: kept so the audit trail covers who holds governance.
import { EIP712DomainChangedLog, RoleAdminChangedLog, RoleGrantedLog, RoleRevokedLog } from "../types/abi-interfaces/CareTrail";
import { Eip712DomainChangedEvent, RoleAdminChangedEvent, RoleGrantedEvent, RoleRevokedEvent } from "../types";
import { address, argsOf, logFields } from "./logFields";

export async function handleRoleGranted(log: RoleGrantedLog, ws: WorkingSet): Promise<void> {
  const args = argsOf(log);
  ws.save(RoleGrantedEvent.create({ ...logFields(log), role: args.role, account: address(args.account), sender: address(args.sender) }));
}

export async function handleRoleRevoked(log: RoleRevokedLog, ws: WorkingSet): Promise<void> {
  const args = argsOf(log);
  ws.save(RoleRevokedEvent.create({ ...logFields(log), role: args.role, account: address(args.account), sender: address(args.sender) }));
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
