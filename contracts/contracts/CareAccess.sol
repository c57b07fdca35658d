// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ICareAccess} from "./interfaces/ICareAccess.sol";
import {CareRecords} from "./CareRecords.sol";
import {Role, ProviderStatus, Purpose, DenialReason, Categories} from "./CareTypes.sol";

/// @title Access module: the audit log of every request, grant, denial, emergency access and read
abstract contract CareAccess is ICareAccess, CareRecords {
    /// @notice Logs reads released by the off-chain vault.
    bytes32 public constant VAULT_ROLE = keccak256("VAULT_ROLE");
    /// @notice How long a granted ticket lets the vault release data.
    uint64 public constant TICKET_TTL = 1 hours;
    /// @notice How long a break-glass access lasts.
    uint64 public constant EMERGENCY_TTL = 4 hours;

    function requestAccess(address patient, uint8 category, Purpose purpose) external returns (bytes32) {
        if (!Categories.isValid(category)) revert AccessInvalidCategory(category);
        if (purpose == Purpose.None) revert AccessInvalidPurpose(purpose);
        emit AccessRequested(patient, msg.sender, bytes32(0), category, purpose);
        return _decide(patient, bytes32(0), category, purpose);
    }

    function requestRecordAccess(bytes32 recordId, Purpose purpose) external returns (bytes32) {
        if (purpose == Purpose.None) revert AccessInvalidPurpose(purpose);
        RecordEntry memory record = _record(recordId);
        address patient = record.patient;
        uint8 category = record.category;
        emit AccessRequested(patient, msg.sender, recordId, category, purpose);
        if (patient == address(0)) return _deny(patient, recordId, category, purpose, DenialReason.RecordNotFound);
        return _decide(patient, recordId, category, purpose);
    }

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

        ticketId = _issueTicket(requester);
        uint64 expiresAt = uint64(block.timestamp) + EMERGENCY_TTL;
        emit EmergencyAccessGranted(patient, msg.sender, ticketId, reasonCode, expiresAt);
    }

    function logRead(bytes32 ticketId, address patient, address reader, bytes32 recordId)
        external
        onlyRole(VAULT_ROLE)
    {
        if (ticketId == bytes32(0)) revert AccessInvalidTicket(ticketId);
        emit RecordRead(patient, reader, ticketId, recordId);
    }

    function _decide(address patient, bytes32 recordId, uint8 category, Purpose purpose)
        private
        returns (bytes32 ticketId)
    {
        Account storage requester = _account(msg.sender);
        uint64 expiresAt;
        if (msg.sender == patient && requester.role == Role.Patient) {
            expiresAt = uint64(block.timestamp) + TICKET_TTL;
        } else {
            DenialReason reason = _requesterDenial(requester, patient);
            Consent storage consent = _consent(patient, msg.sender);
            if (reason == DenialReason.None) reason = _consentDenial(consent, category, purpose);
            if (reason != DenialReason.None) return _deny(patient, recordId, category, purpose, reason);
            expiresAt = _minExpiry(consent.expiresAt, uint64(block.timestamp) + TICKET_TTL);
        }
        ticketId = _issueTicket(requester);
        emit AccessGranted(patient, msg.sender, ticketId, recordId, category, purpose, expiresAt);
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

    /// @dev Ticket ids are unique per (contract, requester, nonce), so one ticket never names two grants.
    function _issueTicket(Account storage requester) private returns (bytes32) {
        return keccak256(abi.encode(address(this), msg.sender, _useTicketNonce(requester)));
    }

    function _minExpiry(uint64 a, uint64 b) private pure returns (uint64) {
        return a < b ? a : b;
    }
}
