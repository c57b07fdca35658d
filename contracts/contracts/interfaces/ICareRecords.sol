// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title CareTrail records: append-only pointers to encrypted, signed, off-chain documents
/// @notice Only hashes, a content id and the author's signature go on-chain. Amendments append a new
/// record that supersedes the old one; nothing is overwritten.
interface ICareRecords {
    /// @notice What the author signs (EIP-712 type `Record`) and the chain stores a pointer to.
    struct RecordInput {
        bytes32 recordId; // the patient's address (20 bytes) followed by a 96-bit sequence number
        address patient;
        uint8 category;
        bytes32 contentHash; // sha-256 of the ciphertext
        bytes contentId; // CIDv1 (raw, sha2-256) of the ciphertext, as bytes
        bytes32 fieldsRoot; // Merkle root over the record's salted fields
        bytes32 supersedes; // the record this one amends, or zero
    }

    event RecordAppended(
        bytes32 indexed recordId,
        address indexed patient,
        address indexed author,
        uint8 category,
        bytes32 contentHash,
        bytes contentId,
        bytes32 fieldsRoot,
        bytes32 supersedes,
        bytes signature
    );
    /// @notice `recordId` amends `previousId`; emitted after the RecordAppended of `recordId`.
    event RecordAmended(bytes32 indexed previousId, bytes32 indexed recordId, address indexed author);

    error RecordInvalidId(bytes32 recordId, address patient);
    error RecordInvalidCategory(uint8 category);
    error RecordAlreadyExists(bytes32 recordId);
    error RecordPatientNotEnrolled(address patient);
    error RecordInvalidSignature(bytes32 recordId, address author, address recovered);
    error RecordAuthorNotProvider(address author);
    error RecordProviderNotActive(address author);
    error RecordConsentMissing(address patient, address author, uint8 category);
    error RecordSupersedesUnknown(bytes32 supersedes);
    error RecordSupersedesOtherPatient(bytes32 supersedes, address patient);
    error RecordAlreadySuperseded(bytes32 supersedes);

    /// @notice Appends a record signed by `author` (the patient, or a provider holding a live
    /// treatment or emergency consent covering the category). Anyone may relay it.
    function appendRecord(RecordInput calldata record, address author, bytes calldata signature) external;

    /// @notice The record's patient (zero if it does not exist), category and whether it was amended.
    function recordOf(bytes32 recordId)
        external
        view
        returns (address patient, uint8 category, bool superseded);
    /// @notice The patient a record id belongs to: its first 20 bytes.
    function patientOfRecordId(bytes32 recordId) external pure returns (address);
    /// @notice The first unused sequence number at or after `from`, for building the next record id.
    function firstFreeRecordSequence(address patient, uint96 from) external view returns (uint96);
    /// @notice The EIP-712 digest an author signs for `record`.
    function recordDigest(RecordInput calldata record) external view returns (bytes32);
}
