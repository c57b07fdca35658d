// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Purpose, DenialReason} from "../CareTypes.sol";

/// @title CareTrail access log: every request, grant, denial, emergency access and read is a transaction
/// @notice Requests never revert for well-formed input: each emits AccessRequested followed by exactly
/// one outcome (AccessGranted, AccessDenied or EmergencyAccessGranted), so attempts by unregistered
/// parties stay on the audit trail. The vault releases a blob only after {logRead} accepted the read, and
/// {logRead} decides it against the registry and the consent as they are at that moment.
interface ICareAccess {
    /// @notice The terms a ticket was issued on. Its id is `keccak256(abi.encode(address(this), ticket))`,
    /// re-derived by {logRead}, so a read names the terms it relies on and the contract re-checks each.
    struct AccessTicket {
        address requester; // who was granted (the reader)
        address patient;
        bytes32 recordId; // zero for a category-wide or emergency ticket
        uint8 category; // Categories.ALL for an emergency ticket
        Purpose purpose; // Purpose.Emergency for an emergency ticket
        uint64 expiresAt;
        uint64 nonce; // the requester's ticket nonce used at issue (1, 2, ...)
        uint32 consentVersion; // consent version granted under; 0 for a patient's own and an emergency ticket
    }

    /// @notice Someone asked for `patient`'s data. `recordId` is zero for a category-wide request;
    /// `category` is Categories.ALL for emergency access.
    event AccessRequested(
        address indexed patient,
        address indexed requester,
        bytes32 indexed recordId,
        uint8 category,
        Purpose purpose
    );
    /// @notice The request was granted; `ticketId` names the {AccessTicket} built from these fields, which
    /// the vault presents to {logRead} until `expiresAt`.
    event AccessGranted(
        address indexed patient,
        address indexed requester,
        bytes32 indexed ticketId,
        bytes32 recordId,
        uint8 category,
        Purpose purpose,
        uint64 expiresAt,
        uint64 nonce,
        uint32 consentVersion
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
    /// The ticket is the {AccessTicket} (provider, patient, 0, Categories.ALL, Emergency, expiresAt, nonce, 0).
    event EmergencyAccessGranted(
        address indexed patient,
        address indexed provider,
        bytes32 indexed ticketId,
        uint8 reasonCode,
        uint64 expiresAt,
        uint64 nonce
    );
    /// @notice The vault released `recordId` to `reader` under `ticketId`.
    event RecordRead(address indexed patient, address indexed reader, bytes32 indexed ticketId, bytes32 recordId);

    /// @notice Thrown when a request names a category that does not exist.
    error AccessInvalidCategory(uint8 category);
    /// @notice Thrown when a request names Purpose.None.
    error AccessInvalidPurpose(Purpose purpose);
    /// @notice Thrown when a break-glass request carries no reason code.
    error AccessEmergencyReasonRequired();
    /// @notice Thrown when a read names a ticket whose nonce its requester has not used yet (or zero).
    error AccessTicketNotIssued(bytes32 ticketId);
    /// @notice Thrown when a read names a ticket that expired at `expiresAt`.
    error AccessTicketExpired(bytes32 ticketId, uint64 expiresAt);
    /// @notice Thrown when `recordId` does not exist, belongs to another patient, or is outside the ticket.
    error AccessRecordNotCovered(bytes32 ticketId, bytes32 recordId);
    /// @notice Thrown when the reader's standing or the patient's consent no longer allow the read, for `reason`.
    error AccessReaderNotPermitted(bytes32 ticketId, DenialReason reason);

    /// @notice Asks for `patient`'s records of `category` for `purpose`. Returns the ticket id, or zero if denied.
    ///
    /// Emits an {AccessRequested} event, then an {AccessGranted} or an {AccessDenied} event.
    ///
    /// Requirements:
    ///
    /// - `category` is a valid category and `purpose` is not Purpose.None.
    function requestAccess(address patient, uint8 category, Purpose purpose) external returns (bytes32 ticketId);
    /// @notice Asks for one record for `purpose`. Returns the ticket id, or zero if denied.
    ///
    /// Emits an {AccessRequested} event, then an {AccessGranted} or an {AccessDenied} event.
    ///
    /// Requirements:
    ///
    /// - `purpose` is not Purpose.None.
    function requestRecordAccess(bytes32 recordId, Purpose purpose) external returns (bytes32 ticketId);
    /// @notice Break-glass access by an active provider; `reasonCode` (1..255) says why. Opens the emergency
    /// window of (`patient`, caller) for EMERGENCY_TTL.
    ///
    /// Emits an {AccessRequested} event, then an {EmergencyAccessGranted} or an {AccessDenied} event.
    ///
    /// Requirements:
    ///
    /// - `reasonCode` is not zero.
    function requestEmergencyAccess(address patient, uint8 reasonCode) external returns (bytes32 ticketId);
    /// @notice Logs that the vault is releasing `recordId` under `ticket`, after re-checking, from storage and
    /// at this block, that the ticket was issued, is live, covers the record, and that its reader may still read.
    /// The patient is taken from the record, never from the caller. The vault releases nothing unless this succeeds.
    /// @param ticket The terms of the ticket, as its AccessGranted or EmergencyAccessGranted event gave them.
    /// @param recordId The record being released.
    ///
    /// Emits a {RecordRead} event.
    ///
    /// Requirements:
    ///
    /// - the caller holds VAULT_ROLE.
    /// - `ticket.nonce` is between 1 and the requester's last used ticket nonce ({AccessTicketNotIssued}).
    /// - `block.timestamp` is before `ticket.expiresAt` ({AccessTicketExpired}).
    /// - `recordId` exists, belongs to `ticket.patient` and is the ticket's record, in its category, or the
    ///   ticket is an emergency ticket ({AccessRecordNotCovered}).
    /// - a patient's own ticket always passes; an emergency ticket needs an active provider whose emergency
    ///   window for the patient is open; any other needs a registered, unsuspended reader whose consent is
    ///   active, unexpired, for the same purpose, covers the record's category and still has the version the
    ///   ticket was granted under ({AccessReaderNotPermitted} with the reason).
    function logRead(AccessTicket calldata ticket, bytes32 recordId) external;

    /// @notice The end (unix seconds) of `provider`'s latest break-glass window on `patient`; zero if none.
    function emergencyAccessUntil(address patient, address provider) external view returns (uint64);
    /// @notice The last ticket nonce `requester` used; its next ticket carries this plus one.
    function ticketNonceOf(address requester) external view returns (uint64);
}
