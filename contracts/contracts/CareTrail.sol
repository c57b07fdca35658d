// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {CareAccess} from "./CareAccess.sol";

/// @title CareTrail: patient-centric health-record provenance and audit ledger
/// @notice The registry, consent, records and access modules deployed as one contract, so an access
/// decision reads warm internal storage instead of paying for calls between contracts.
contract CareTrail is CareAccess {
    constructor(address admin, address governance) EIP712("CareTrail", "1") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, governance);
    }
}
