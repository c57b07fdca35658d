// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Purpose, DenialReason} from "../CareTypes.sol";

/// @title CareTrail access log: every request, grant, denial, emergency access and read is a transaction
/// @notice Requests never revert for well-formed input: each emits AccessRequested followed by exactly
/// one outcome (AccessGranted, AccessDenied or EmergencyAccessGranted), so attempts by unregistered
/// parties stay on the audit trail. The vault releases a blob only against a live granted ticket.
interface ICareAccess {
    /// @notice Someone asked for `patient`'s data. `recordId` is zero for a category-wide request;
    /// `category` is Categories.ALL for emergency access.
    event AccessRequested(
        address indexed patient,
        address indexed requester,
        bytes32 indexed recordId,
        uint8 category,
        Purpose purpose
    );
    /// @notice The request was granted; `ticketId` is what the vault checks until `expiresAt`.
    event AccessGranted(
        address indexed patient,
        address indexed requester,
        bytes32 indexed ticketId,
        bytes32 recordId,
        uint8 category,
        Purpose purpose,
        uint64 expiresAt
    );
    /// @notice The request was denied for `reason`.
    event AccessDenied(
        address indexed patient,
        address indexed requester,
        bytes32 indexed recordId,
        uint8 category,
        Purpose purpose,
        DenialReason reason
    );
    /// @notice Break-glass: a credentialed provider opened every category of `patient` until `expiresAt`.
    event EmergencyAccessGranted(
        address indexed patient,
        address indexed provider,
        bytes32 indexed ticketId,
        uint8 reasonCode,
        uint64 expiresAt
    );
    /// @notice The vault released `recordId` to `reader` under `ticketId`.
    event RecordRead(address indexed patient, address indexed reader, bytes32 indexed ticketId, bytes32 recordId);

    error AccessInvalidCategory(uint8 category);
    error AccessInvalidPurpose(Purpose purpose);
    error AccessEmergencyReasonRequired();
    error AccessInvalidTicket(bytes32 ticketId);

    /// @notice Asks for `patient`'s records of `category` for `purpose`. Returns the ticket, or zero if denied.
    function requestAccess(address patient, uint8 category, Purpose purpose) external returns (bytes32 ticketId);
    /// @notice Asks for one record for `purpose`. Returns the ticket, or zero if denied.
    function requestRecordAccess(bytes32 recordId, Purpose purpose) external returns (bytes32 ticketId);
    /// @notice Break-glass access by an active provider; `reasonCode` (1..255) says why.
    function requestEmergencyAccess(address patient, uint8 reasonCode) external returns (bytes32 ticketId);
    /// @notice Logs that the vault released a record (vault operators only).
    function logRead(bytes32 ticketId, address patient, address reader, bytes32 recordId) external;
}
