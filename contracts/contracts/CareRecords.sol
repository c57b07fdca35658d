// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {ICareRecords} from "./interfaces/ICareRecords.sol";
import {CareConsent} from "./CareConsent.sol";
import {Role, ProviderStatus, Purpose, DenialReason, Categories} from "./CareTypes.sol";

/// @title Records module: append-only, author-signed pointers to encrypted documents
abstract contract CareRecords is ICareRecords, CareConsent {
    bytes32 public constant RECORD_TYPEHASH = keccak256(
        "Record(bytes32 recordId,address patient,uint8 category,bytes32 contentHash,bytes contentId,bytes32 fieldsRoot,bytes32 supersedes)"
    );

    /// @dev One slot per record: enough to route access requests and to keep amendment chains linear.
    struct RecordEntry {
        address patient;
        uint8 category;
        bool superseded;
    }

    mapping(bytes32 recordId => RecordEntry) private _records;

    function appendRecord(RecordInput calldata record, address author, bytes calldata signature) external {
        bytes32 recordId = record.recordId;
        if (recordId == bytes32(0)) revert RecordInvalidId();
        if (!Categories.isValid(record.category)) revert RecordInvalidCategory(record.category);
        if (_records[recordId].patient != address(0)) revert RecordAlreadyExists(recordId);
        if (_account(record.patient).role != Role.Patient) revert RecordPatientNotEnrolled(record.patient);

        (address recovered,,) = ECDSA.tryRecover(_recordDigest(record), signature);
        if (recovered != author) revert RecordInvalidSignature(recordId, author, recovered);
        if (author != record.patient) _requireWriteConsent(record.patient, author, record.category);

        if (record.supersedes != bytes32(0)) _markSuperseded(record.supersedes, record.patient);
        _records[recordId] = RecordEntry({patient: record.patient, category: record.category, superseded: false});

        emit RecordAppended(
            recordId,
            record.patient,
            author,
            record.category,
            record.contentHash,
            record.contentId,
            record.fieldsRoot,
            record.supersedes,
            signature
        );
        if (record.supersedes != bytes32(0)) emit RecordAmended(record.supersedes, recordId, author);
    }

    function recordOf(bytes32 recordId) external view returns (address patient, uint8 category, bool superseded) {
        RecordEntry storage entry = _records[recordId];
        return (entry.patient, entry.category, entry.superseded);
    }

    function recordDigest(RecordInput calldata record) external view returns (bytes32) {
        return _recordDigest(record);
    }

    function _record(bytes32 recordId) internal view returns (RecordEntry storage) {
        return _records[recordId];
    }

    function _recordDigest(RecordInput calldata record) private view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    RECORD_TYPEHASH,
                    record.recordId,
                    record.patient,
                    record.category,
                    record.contentHash,
                    keccak256(record.contentId),
                    record.fieldsRoot,
                    record.supersedes
                )
            )
        );
    }

    /// @dev Providers write only under a live treatment (or pre-authorised emergency) consent.
    function _requireWriteConsent(address patient, address author, uint8 category) private view {
        Account storage account = _account(author);
        if (account.role != Role.Provider) revert RecordAuthorNotProvider(author);
        if (account.status != ProviderStatus.Active) revert RecordProviderNotActive(author);
        Consent storage consent = _consent(patient, author);
        Purpose purpose = consent.purpose == Purpose.Emergency ? Purpose.Emergency : Purpose.Treatment;
        if (_consentDenial(consent, category, purpose) != DenialReason.None) {
            revert RecordConsentMissing(patient, author, category);
        }
    }

    function _markSuperseded(bytes32 supersedes, address patient) private {
        RecordEntry storage previous = _records[supersedes];
        if (previous.patient == address(0)) revert RecordSupersedesUnknown(supersedes);
        if (previous.patient != patient) revert RecordSupersedesOtherPatient(supersedes, patient);
        if (previous.superseded) revert RecordAlreadySuperseded(supersedes);
        previous.superseded = true;
    }
}
