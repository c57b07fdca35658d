// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {CareAccess} from "./CareAccess.sol";

/// @title CareTrail: patient-centric health-record provenance and audit ledger
/// @notice The registry, consent, records and access modules deployed as one contract, so an access
/// decision reads warm internal storage instead of paying for calls between contracts.
/// @dev Deployed with no vault operator: the admin grants VAULT_ROLE before any read can be logged.
contract CareTrail is CareAccess {
    /// @notice Deploys CareTrail with EIP-712 domain ("CareTrail", "1").
    /// @param admin Receives DEFAULT_ADMIN_ROLE: grants and revokes GOVERNANCE_ROLE and VAULT_ROLE.
    /// @param governance Receives GOVERNANCE_ROLE: credentials and suspends providers, registers third parties.
    constructor(address admin, address governance) EIP712("CareTrail", "1") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, governance);
    }
}
