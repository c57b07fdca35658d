// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ICareAccess} from "./interfaces/ICareAccess.sol";
import {CareRecords} from "./CareRecords.sol";
import {Role, ProviderStatus, Purpose, DenialReason, Categories} from "./CareTypes.sol";

/// @title Access module: the audit log of every request, grant, denial, emergency access and read
/// @notice Implements {ICareAccess}: decides each request against the registry and the consents, issues
/// tickets, opens break-glass windows and logs the vault's reads.
abstract contract CareAccess is ICareAccess, CareRecords {
    /// @notice Logs reads released by the off-chain vault.
    bytes32 public constant VAULT_ROLE = keccak256("VAULT_ROLE");
    /// @notice How long a granted ticket lets the vault release data.
    uint64 public constant TICKET_TTL = 1 hours;
    /// @notice How long a break-glass access lasts.
    uint64 public constant EMERGENCY_TTL = 4 hours;

    /// @dev The end of each provider's latest break-glass window per patient, checked by every emergency read.
    mapping(address patient => mapping(address provider => uint64 until)) private _emergencyUntil;

    /// @inheritdoc ICareAccess
    function requestAccess(address patient, uint8 category, Purpose purpose) external returns (bytes32) {
        if (!Categories.isValid(category)) revert AccessInvalidCategory(category);
        if (purpose == Purpose.None) revert AccessInvalidPurpose(purpose);
        emit AccessRequested(patient, msg.sender, bytes32(0), category, purpose);
        return _decide(patient, bytes32(0), category, purpose);
    }

    /// @inheritdoc ICareAccess
    function requestRecordAccess(bytes32 recordId, Purpose purpose) external returns (bytes32) {
        if (purpose == Purpose.None) revert AccessInvalidPurpose(purpose);
        RecordEntry memory record = _record(recordId);
        address patient = record.patient;
        uint8 category = record.category;
        emit AccessRequested(patient, msg.sender, recordId, category, purpose);
        if (patient == address(0)) return _deny(patient, recordId, category, purpose, DenialReason.RecordNotFound);
        return _decide(patient, recordId, category, purpose);
    }

    /// @inheritdoc ICareAccess
    function requestEmergencyAccess(address patient, uint8 reasonCode) external returns (bytes32 ticketId) {
        if (reasonCode == 0) revert AccessEmergencyReasonRequired();
        emit AccessRequested(patient, msg.sender, bytes32(0), Categories.ALL, Purpose.Emergency);

        Account storage requester = _account(msg.sender);
        DenialReason reason = DenialReason.None;
        if (requester.role == Role.None) reason = DenialReason.Unregistered;
        else if (requester.role != Role.Provider) reason = DenialReason.NotAProvider;
        else if (requester.status != ProviderStatus.Active) reason = DenialReason.ProviderSuspended;
        else if (_account(patient).role != Role.Patient) reason = DenialReason.PatientNotEnrolled;
        if (reason != DenialReason.None) {
            return _deny(patient, bytes32(0), Categories.ALL, Purpose.Emergency, reason);
        }

        uint64 expiresAt = uint64(block.timestamp) + EMERGENCY_TTL;
        _emergencyUntil[patient][msg.sender] = expiresAt;
        uint64 nonce = _useTicketNonce(requester);
        ticketId = _ticketId(
            AccessTicket({
                requester: msg.sender,
                patient: patient,
                recordId: bytes32(0),
                category: Categories.ALL,
                purpose: Purpose.Emergency,
                expiresAt: expiresAt,
                nonce: nonce,
                consentVersion: 0
            })
        );
        emit EmergencyAccessGranted(patient, msg.sender, ticketId, reasonCode, expiresAt, nonce);
    }

    /// @inheritdoc ICareAccess
    function logRead(AccessTicket calldata ticket, bytes32 recordId) external onlyRole(VAULT_ROLE) {
        AccessTicket memory terms = ticket;
        bytes32 ticketId = _ticketId(terms);
        Account storage reader = _account(terms.requester);
        if (terms.nonce == 0 || terms.nonce > reader.ticketNonce) revert AccessTicketNotIssued(ticketId);
        if (block.timestamp >= terms.expiresAt) revert AccessTicketExpired(ticketId, terms.expiresAt);

        RecordEntry memory record = _record(recordId);
        bool emergency = terms.purpose == Purpose.Emergency && terms.category == Categories.ALL;
        if (
            record.patient == address(0) || record.patient != terms.patient
                || !_covers(terms, recordId, record.category, emergency)
        ) {
            revert AccessRecordNotCovered(ticketId, recordId);
        }
        DenialReason reason = _readerDenial(terms, reader, record.category, emergency);
        if (reason != DenialReason.None) revert AccessReaderNotPermitted(ticketId, reason);
        emit RecordRead(record.patient, terms.requester, ticketId, recordId);
    }

    /// @inheritdoc ICareAccess
    function emergencyAccessUntil(address patient, address provider) external view returns (uint64) {
        return _emergencyUntil[patient][provider];
    }

    /// @inheritdoc ICareAccess
    function ticketNonceOf(address requester) external view returns (uint64) {
        return _account(requester).ticketNonce;
    }

    function _decide(address patient, bytes32 recordId, uint8 category, Purpose purpose)
        private
        returns (bytes32 ticketId)
    {
        Account storage requester = _account(msg.sender);
        uint64 expiresAt;
        uint32 consentVersion;
        if (msg.sender == patient && requester.role == Role.Patient) {
            expiresAt = uint64(block.timestamp) + TICKET_TTL;
        } else {
            DenialReason reason = _requesterDenial(requester, patient);
            Consent storage consent = _consent(patient, msg.sender);
            if (reason == DenialReason.None) reason = _consentDenial(consent, category, purpose);
            if (reason != DenialReason.None) return _deny(patient, recordId, category, purpose, reason);
            expiresAt = _minExpiry(consent.expiresAt, uint64(block.timestamp) + TICKET_TTL);
            consentVersion = consent.version;
        }
        AccessTicket memory ticket = AccessTicket({
            requester: msg.sender,
            patient: patient,
            recordId: recordId,
            category: category,
            purpose: purpose,
            expiresAt: expiresAt,
            nonce: _useTicketNonce(requester),
            consentVersion: consentVersion
        });
        ticketId = _ticketId(ticket);
        emit AccessGranted(
            patient, msg.sender, ticketId, recordId, category, purpose, expiresAt, ticket.nonce, consentVersion
        );
    }

    /// @dev Whether the ticket reaches `recordId` (of `category`): its own record, its category, or any (emergency).
    function _covers(AccessTicket memory ticket, bytes32 recordId, uint8 category, bool emergency)
        private
        pure
        returns (bool)
    {
        if (ticket.recordId == recordId) return true;
        return ticket.recordId == bytes32(0) && (emergency || ticket.category == category);
    }

    /// @dev Why `reader` may not read under `ticket` now, or DenialReason.None. A revoke or a re-grant bumps
    /// the consent's version, so either voids every ticket granted under the older one.
    function _readerDenial(AccessTicket memory ticket, Account storage reader, uint8 category, bool emergency)
        private
        view
        returns (DenialReason)
    {
        if (ticket.requester == ticket.patient && reader.role == Role.Patient) return DenialReason.None;
        if (reader.role == Role.None) return DenialReason.Unregistered;
        if (emergency) {
            if (reader.role != Role.Provider) return DenialReason.NotAProvider;
            if (reader.status != ProviderStatus.Active) return DenialReason.ProviderSuspended;
            uint64 until = _emergencyUntil[ticket.patient][ticket.requester];
            if (until == 0) return DenialReason.NoConsent;
            if (until <= block.timestamp) return DenialReason.ConsentExpired;
            return DenialReason.None;
        }
        if (reader.status == ProviderStatus.Suspended) return DenialReason.ProviderSuspended;
        Consent storage consent = _consent(ticket.patient, ticket.requester);
        DenialReason reason = _consentDenial(consent, category, ticket.purpose);
        if (reason != DenialReason.None) return reason;
        if (consent.version != ticket.consentVersion) return DenialReason.ConsentReplaced;
        return DenialReason.None;
    }

    /// @dev Registration and standing of the requester; the consent checks come after.
    function _requesterDenial(Account storage requester, address patient) private view returns (DenialReason) {
        if (requester.role == Role.None) return DenialReason.Unregistered;
        if (requester.status == ProviderStatus.Suspended) return DenialReason.ProviderSuspended;
        if (_account(patient).role != Role.Patient) return DenialReason.PatientNotEnrolled;
        return DenialReason.None;
    }

    function _deny(address patient, bytes32 recordId, uint8 category, Purpose purpose, DenialReason reason)
        private
        returns (bytes32)
    {
        emit AccessDenied(patient, msg.sender, recordId, category, purpose, reason);
        return bytes32(0);
    }

    /// @dev A ticket's id commits to all its terms and to this contract; the nonce makes each one unique.
    /// Equal to keccak256(abi.encode(address(this), ticket)): a memory struct of static fields is laid out as
    /// its ABI encoding, so the word before it is borrowed for the address and restored, saving a copy.
    function _ticketId(AccessTicket memory ticket) private view returns (bytes32 id) {
        address self = address(this);
        assembly ("memory-safe") {
            let start := sub(ticket, 0x20)
            let saved := mload(start)
            mstore(start, self)
            id := keccak256(start, 0x120)
            mstore(start, saved)
        }
    }

    function _minExpiry(uint64 a, uint64 b) private pure returns (uint64) {
        return a < b ? a : b;
    }
}
