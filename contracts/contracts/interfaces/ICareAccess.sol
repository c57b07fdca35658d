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
    /// @param patient The patient asked about; for a record request, the record's patient (zero if the
    /// record does not exist).
    /// @param requester Who asked.
    /// @param recordId The record asked for, or zero.
    /// @param category The category asked for (the record's category for a record request, zero if the
    /// record does not exist).
    /// @param purpose What the requester means to use the data for.
    event AccessRequested(
        address indexed patient,
        address indexed requester,
        bytes32 indexed recordId,
        uint8 category,
        Purpose purpose
    );
    /// @notice The request was granted; `ticketId` names the {AccessTicket} built from these fields, which
    /// the vault presents to {logRead} until `expiresAt`.
    /// @param patient The patient whose data the ticket covers.
    /// @param requester Who may read under the ticket.
    /// @param ticketId The ticket's id.
    /// @param recordId The one record the ticket covers, or zero for every record of `category`.
    /// @param category The category the ticket covers.
    /// @param purpose The purpose it was granted for.
    /// @param expiresAt When it stops working, in unix seconds: TICKET_TTL after issue, or the consent's
    /// expiry if that comes first.
    /// @param nonce The requester's ticket nonce it used.
    /// @param consentVersion The consent version it was granted under; 0 for a patient's own ticket.
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
    /// @param patient The patient asked about (zero for a record that does not exist).
    /// @param requester Who asked.
    /// @param recordId The record asked for, or zero.
    /// @param category The category asked for.
    /// @param purpose The purpose asked for.
    /// @param reason Why it was denied.
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
    /// @param patient The patient whose records the window opens.
    /// @param provider The provider who opened it.
    /// @param ticketId The emergency ticket's id.
    /// @param reasonCode Why, as the non-zero code the provider gave.
    /// @param expiresAt When the window and the ticket close: EMERGENCY_TTL after opening, in unix seconds.
    /// @param nonce The provider's ticket nonce the ticket used.
    event EmergencyAccessGranted(
        address indexed patient,
        address indexed provider,
        bytes32 indexed ticketId,
        uint8 reasonCode,
        uint64 expiresAt,
        uint64 nonce
    );
    /// @notice The vault released `recordId` to `reader` under `ticketId`.
    /// @param patient The record's patient.
    /// @param reader The ticket's requester, who received the record.
    /// @param ticketId The ticket the read relied on.
    /// @param recordId The record released.
    event RecordRead(address indexed patient, address indexed reader, bytes32 indexed ticketId, bytes32 recordId);

    /// @notice Thrown when a request names a category that does not exist.
    /// @param category The category given.
    error AccessInvalidCategory(uint8 category);
    /// @notice Thrown when a request names Purpose.None.
    /// @param purpose The purpose given.
    error AccessInvalidPurpose(Purpose purpose);
    /// @notice Thrown when a break-glass request carries no reason code.
    error AccessEmergencyReasonRequired();
    /// @notice Thrown when a read names a ticket whose nonce its requester has not used yet (or zero).
    /// @param ticketId The id of the ticket named.
    error AccessTicketNotIssued(bytes32 ticketId);
    /// @notice Thrown when a read names a ticket that expired at `expiresAt`.
    /// @param ticketId The id of the ticket named.
    /// @param expiresAt Its expiry, in unix seconds.
    error AccessTicketExpired(bytes32 ticketId, uint64 expiresAt);
    /// @notice Thrown when `recordId` does not exist, belongs to another patient, or is outside the ticket.
    /// @param ticketId The id of the ticket named.
    /// @param recordId The record being released.
    error AccessRecordNotCovered(bytes32 ticketId, bytes32 recordId);
    /// @notice Thrown when the reader's standing or the patient's consent no longer allow the read, for `reason`.
    /// @param ticketId The id of the ticket named.
    /// @param reason What no longer allows it.
    error AccessReaderNotPermitted(bytes32 ticketId, DenialReason reason);

    /// @notice Asks for `patient`'s records of `category` for `purpose`. Returns the ticket id, or zero if denied.
    /// @dev A patient asking for their own records is granted without a consent. Anyone else is denied when
    /// unregistered, suspended, asking about an unenrolled patient, or without the patient's live consent
    /// for `purpose` covering `category` (the {DenialReason} says which).
    ///
    /// Emits an {AccessRequested} event, then an {AccessGranted} or an {AccessDenied} event.
    ///
    /// Requirements:
    ///
    /// - `category` exists ({AccessInvalidCategory}).
    /// - `purpose` is not Purpose.None ({AccessInvalidPurpose}).
    /// @param patient The patient whose records are asked for.
    /// @param category The record category asked for (see Categories).
    /// @param purpose What the caller means to use them for.
    /// @return ticketId The granted ticket's id, or zero if denied.
    function requestAccess(address patient, uint8 category, Purpose purpose) external returns (bytes32 ticketId);
    /// @notice Asks for one record for `purpose`. Returns the ticket id, or zero if denied.
    /// @dev Decided as {requestAccess} for the record's patient and category; a record that does not exist
    /// is denied with DenialReason.RecordNotFound.
    ///
    /// Emits an {AccessRequested} event, then an {AccessGranted} or an {AccessDenied} event.
    ///
    /// Requirements:
    ///
    /// - `purpose` is not Purpose.None ({AccessInvalidPurpose}).
    /// @param recordId The record asked for.
    /// @param purpose What the caller means to use it for.
    /// @return ticketId The granted ticket's id, or zero if denied.
    function requestRecordAccess(bytes32 recordId, Purpose purpose) external returns (bytes32 ticketId);
    /// @notice Break-glass access by an active provider; `reasonCode` (1..255) says why. Opens the emergency
    /// window of (`patient`, caller) for EMERGENCY_TTL.
    /// @dev Needs no consent. Denied (DenialReason.Unregistered, NotAProvider, ProviderSuspended or
    /// PatientNotEnrolled) unless the caller is an active provider and `patient` an enrolled patient. A later
    /// break-glass by the same provider moves the window's end; earlier tickets keep their own expiry.
    ///
    /// Emits an {AccessRequested} event, then an {EmergencyAccessGranted} or an {AccessDenied} event.
    ///
    /// Requirements:
    ///
    /// - `reasonCode` is not zero ({AccessEmergencyReasonRequired}).
    /// @param patient The patient whose records are opened.
    /// @param reasonCode Why, as a non-zero code.
    /// @return ticketId The emergency ticket's id, or zero if denied.
    function requestEmergencyAccess(address patient, uint8 reasonCode) external returns (bytes32 ticketId);
    /// @notice Logs that the vault is releasing `recordId` under `ticket`, after re-checking, from storage and
    /// at this block, that the ticket's nonce was used, that it is live and covers the record, and that its
    /// reader may still read. The patient is taken from the record, never from the caller. The vault releases
    /// nothing unless this succeeds.
    /// @dev The contract keeps no list of issued ticket ids: it checks that the ticket's nonce was used and
    /// re-checks what the terms allow against the state at this block, and trusts the vault (VAULT_ROLE) to
    /// present the terms as the ticket's AccessGranted or EmergencyAccessGranted event gave them.
    ///
    /// Emits a {RecordRead} event.
    ///
    /// Requirements:
    ///
    /// - the caller holds VAULT_ROLE ({IAccessControl-AccessControlUnauthorizedAccount}).
    /// - `ticket.nonce` is between 1 and the requester's last used ticket nonce ({AccessTicketNotIssued}).
    /// - `block.timestamp` is before `ticket.expiresAt` ({AccessTicketExpired}).
    /// - `recordId` exists, belongs to `ticket.patient` and is the ticket's record, or is of the ticket's
    ///   category for a category-wide ticket, or any record for an emergency ticket ({AccessRecordNotCovered}).
    /// - a patient's own ticket always passes; an emergency ticket needs an active provider whose emergency
    ///   window for the patient is open; any other needs a registered, unsuspended reader whose consent is
    ///   active, unexpired, for the same purpose, covers the record's category and still has the version the
    ///   ticket was granted under ({AccessReaderNotPermitted} with the reason).
    /// @param ticket The terms of the ticket, as its AccessGranted or EmergencyAccessGranted event gave them.
    /// @param recordId The record being released.
    function logRead(AccessTicket calldata ticket, bytes32 recordId) external;

    /// @notice The end of `provider`'s latest break-glass window on `patient`.
    /// @param patient The patient.
    /// @param provider The provider.
    /// @return The window's end in unix seconds (in the past once it closed); zero if it never opened one.
    function emergencyAccessUntil(address patient, address provider) external view returns (uint64);
    /// @notice The last ticket nonce `requester` used; its next ticket carries this plus one.
    /// @param requester Any address.
    /// @return The nonce; zero before its first ticket.
    function ticketNonceOf(address requester) external view returns (uint64);
}
