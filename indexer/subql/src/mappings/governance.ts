// AccessControl and EIP-712 events of the deployed contract: kept so the audit trail covers who holds governance.
import {
  EIP712DomainChangedLog,
  RoleAdminChangedLog,
  RoleGrantedLog,
  RoleRevokedLog,
} from "../types/abi-interfaces/CareTrail";
import { Eip712DomainChangedEvent, RoleAdminChangedEvent, RoleGrantedEvent, RoleRevokedEvent } from "../types";
import { address, argsOf, logFields } from "./logFields";

export async function handleRoleGranted(log: RoleGrantedLog): Promise<void> {
  const args = argsOf(log);
  await RoleGrantedEvent.create({ ...logFields(log), role: args.role, account: address(args.account), sender: address(args.sender) }).save();
}

export async function handleRoleRevoked(log: RoleRevokedLog): Promise<void> {
  const args = argsOf(log);
  await RoleRevokedEvent.create({ ...logFields(log), role: args.role, account: address(args.account), sender: address(args.sender) }).save();
}

export async function handleRoleAdminChanged(log: RoleAdminChangedLog): Promise<void> {
  const args = argsOf(log);
  await RoleAdminChangedEvent.create({
    ...logFields(log),
    role: args.role,
    previousAdminRole: args.previousAdminRole,
    newAdminRole: args.newAdminRole,
  }).save();
}

export async function handleEIP712DomainChanged(log: EIP712DomainChangedLog): Promise<void> {
  await Eip712DomainChangedEvent.create(logFields(log)).save();
}
