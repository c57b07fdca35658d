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

    /// @notice `author` appended `recordId` for `patient`: the pointer to the ciphertext, its hashes and
    /// the author's EIP-712 signature over them (the record's e-Stamp).
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

    /// @notice Thrown when the first 20 bytes of `recordId` are not `patient`.
    error RecordInvalidId(bytes32 recordId, address patient);
    /// @notice Thrown when the category does not exist.
    error RecordInvalidCategory(uint8 category);
    /// @notice Thrown when `recordId` is already taken (records are never overwritten).
    error RecordAlreadyExists(bytes32 recordId);
    /// @notice Thrown when a patient writes their own record before enrolling.
    error RecordPatientNotEnrolled(address patient);
    /// @notice Thrown when the signature recovers to `recovered`, not to `author`.
    error RecordInvalidSignature(bytes32 recordId, address author, address recovered);
    /// @notice Thrown when someone other than the patient writes and is not a provider.
    error RecordAuthorNotProvider(address author);
    /// @notice Thrown when the authoring provider is suspended.
    error RecordProviderNotActive(address author);
    /// @notice Thrown when the provider holds no live treatment or emergency consent covering `category`.
    error RecordConsentMissing(address patient, address author, uint8 category);
    /// @notice Thrown when an amendment names a record that does not exist.
    error RecordSupersedesUnknown(bytes32 supersedes);
    /// @notice Thrown when an amendment names another patient's record.
    error RecordSupersedesOtherPatient(bytes32 supersedes, address patient);
    /// @notice Thrown when the amended record was already amended (amendments form a chain, not a tree).
    error RecordAlreadySuperseded(bytes32 supersedes);

    /// @notice Appends a record signed by `author` (the patient, or a provider holding a live
    /// treatment or emergency consent covering the category). Anyone may relay it.
    /// @param record The pointer, hashes and category the author signed (EIP-712 type `Record`).
    /// @param author Who signed `record`.
    /// @param signature The author's 65-byte EIP-712 signature over {recordDigest}.
    ///
    /// Emits a {RecordAppended} event, then a {RecordAmended} event when `record.supersedes` is set.
    ///
    /// Requirements:
    ///
    /// - `record.recordId` starts with `record.patient` ({RecordInvalidId}) and is unused ({RecordAlreadyExists}).
    /// - `record.category` exists ({RecordInvalidCategory}).
    /// - `signature` recovers to `author` ({RecordInvalidSignature}).
    /// - `author` is the enrolled patient ({RecordPatientNotEnrolled}), or an active provider
    ///   ({RecordAuthorNotProvider}, {RecordProviderNotActive}) with live consent for the category
    ///   ({RecordConsentMissing}).
    /// - `record.supersedes`, when set, is an unamended record of the same patient ({RecordSupersedesUnknown},
    ///   {RecordSupersedesOtherPatient}, {RecordAlreadySuperseded}).
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
