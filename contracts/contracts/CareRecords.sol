// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {ICareRecords} from "./interfaces/ICareRecords.sol";
import {CareConsent} from "./CareConsent.sol";
import {Role, ProviderStatus, Purpose, DenialReason, Categories} from "./CareTypes.sol";

/// @title Records module: append-only, author-signed pointers to encrypted documents
/// @notice Implements {ICareRecords}: stores one byte per record (exists, superseded, category) and puts
/// the rest of each record in its RecordAppended event.
abstract contract CareRecords is ICareRecords, CareConsent {
    /// @notice The EIP-712 type hash of the `Record` an author signs for {appendRecord}.
    bytes32 public constant RECORD_TYPEHASH = keccak256(
        "Record(bytes32 recordId,address patient,uint8 category,bytes32 contentHash,bytes contentId,bytes32 fieldsRoot,bytes32 supersedes)"
    );

    /// @dev A record id is the patient's address followed by a 96-bit sequence number chosen by the writer.
    /// Each record takes one byte (exists | superseded | category) in a per-patient bitmap, 32 records per
    /// slot, so a typical append updates a warm-able slot (~5k gas) instead of filling a new one (~22k).
    uint256 private constant RECORDS_PER_SLOT = 32;
    uint256 private constant EXISTS = 1;
    uint256 private constant SUPERSEDED = 2;
    uint256 private constant CATEGORY_SHIFT = 2;

    struct RecordEntry {
        address patient; // zero when the record does not exist
        uint8 category;
        bool superseded;
    }

    mapping(address patient => mapping(uint256 slot => uint256 flags)) private _recordFlags;

    /// @inheritdoc ICareRecords
    function appendRecord(RecordInput calldata record, address author, bytes calldata signature) external {
        bytes32 recordId = record.recordId;
        if (patientOfRecordId(recordId) != record.patient) revert RecordInvalidId(recordId, record.patient);
        if (!Categories.isValid(record.category)) revert RecordInvalidCategory(record.category);
        (uint256 slot, uint256 shift) = _flagPosition(recordId);
        uint256 flags = _recordFlags[record.patient][slot];
        if ((flags >> shift) & EXISTS != 0) revert RecordAlreadyExists(recordId);

        (address recovered,,) = ECDSA.tryRecover(_recordDigest(record), signature);
        if (recovered != author) revert RecordInvalidSignature(recordId, author, recovered);
        _requireWriter(record.patient, author, record.category);

        if (record.supersedes != bytes32(0)) _markSuperseded(record.supersedes, record.patient);
        // Re-read: the amended record may share this slot and was just flagged as superseded.
        _recordFlags[record.patient][slot] |= (EXISTS | (uint256(record.category) << CATEGORY_SHIFT)) << shift;

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

    /// @inheritdoc ICareRecords
    function recordOf(bytes32 recordId) external view returns (address patient, uint8 category, bool superseded) {
        RecordEntry memory entry = _record(recordId);
        return (entry.patient, entry.category, entry.superseded);
    }

    /// @inheritdoc ICareRecords
    function patientOfRecordId(bytes32 recordId) public pure returns (address) {
        return address(bytes20(recordId));
    }

    /// @inheritdoc ICareRecords
    function firstFreeRecordSequence(address patient, uint96 from) external view returns (uint96 sequence) {
        for (sequence = from;; ++sequence) {
            bytes32 recordId = bytes32(uint256(uint160(patient)) << 96 | sequence);
            (uint256 slot, uint256 shift) = _flagPosition(recordId);
            if ((_recordFlags[patient][slot] >> shift) & EXISTS == 0) return sequence;
        }
    }

    /// @inheritdoc ICareRecords
    function recordDigest(RecordInput calldata record) external view returns (bytes32) {
        return _recordDigest(record);
    }

    function _record(bytes32 recordId) internal view returns (RecordEntry memory entry) {
        address patient = patientOfRecordId(recordId);
        (uint256 slot, uint256 shift) = _flagPosition(recordId);
        uint256 flags = _recordFlags[patient][slot] >> shift;
        if (flags & EXISTS == 0) return entry;
        return RecordEntry({
            patient: patient,
            category: uint8((flags >> CATEGORY_SHIFT) & 0x3f),
            superseded: flags & SUPERSEDED != 0
        });
    }

    function _flagPosition(bytes32 recordId) private pure returns (uint256 slot, uint256 shift) {
        uint96 sequence = uint96(uint256(recordId));
        return (sequence / RECORDS_PER_SLOT, (sequence % RECORDS_PER_SLOT) * 8);
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

    /// @dev The patient writes to their own record; a provider only under a live treatment (or
    /// pre-authorised emergency) consent, which also proves the patient enrolled.
    function _requireWriter(address patient, address author, uint8 category) private view {
        Account storage account = _account(author);
        if (author == patient) {
            if (account.role != Role.Patient) revert RecordPatientNotEnrolled(patient);
            return;
        }
        if (account.role != Role.Provider) revert RecordAuthorNotProvider(author);
        if (account.status != ProviderStatus.Active) revert RecordProviderNotActive(author);
        Consent storage consent = _consent(patient, author);
        Purpose purpose = consent.purpose == Purpose.Emergency ? Purpose.Emergency : Purpose.Treatment;
        if (_consentDenial(consent, category, purpose) != DenialReason.None) {
            revert RecordConsentMissing(patient, author, category);
        }
    }

    function _markSuperseded(bytes32 supersedes, address patient) private {
        if (patientOfRecordId(supersedes) != patient) revert RecordSupersedesOtherPatient(supersedes, patient);
        (uint256 slot, uint256 shift) = _flagPosition(supersedes);
        uint256 flags = _recordFlags[patient][slot];
        if ((flags >> shift) & EXISTS == 0) revert RecordSupersedesUnknown(supersedes);
        if ((flags >> shift) & SUPERSEDED != 0) revert RecordAlreadySuperseded(supersedes);
        _recordFlags[patient][slot] = flags | (SUPERSEDED << shift);
    }
}
