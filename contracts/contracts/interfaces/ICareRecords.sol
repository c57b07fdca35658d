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
    /// @param recordId The new record's id.
    /// @param patient The patient the record belongs to.
    /// @param author Who signed it: the patient or a provider.
    /// @param category Its record category (see Categories).
    /// @param contentHash The sha-256 of the ciphertext.
    /// @param contentId The CIDv1 of the ciphertext, as bytes.
    /// @param fieldsRoot The Merkle root over the record's salted fields.
    /// @param supersedes The record it amends, or zero.
    /// @param signature The author's EIP-712 signature over the record.
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
    /// @param previousId The amended record, superseded from this event on.
    /// @param recordId The amending record.
    /// @param author Who signed the amending record.
    event RecordAmended(bytes32 indexed previousId, bytes32 indexed recordId, address indexed author);

    /// @notice Thrown when the first 20 bytes of `recordId` are not `patient`.
    /// @param recordId The record id given.
    /// @param patient The patient the record names.
    error RecordInvalidId(bytes32 recordId, address patient);
    /// @notice Thrown when the category does not exist.
    /// @param category The category given.
    error RecordInvalidCategory(uint8 category);
    /// @notice Thrown when `recordId` is already taken (records are never overwritten).
    /// @param recordId The record id given.
    error RecordAlreadyExists(bytes32 recordId);
    /// @notice Thrown when a patient writes their own record before enrolling.
    /// @param patient The author, who is the record's patient.
    error RecordPatientNotEnrolled(address patient);
    /// @notice Thrown when the signature recovers to `recovered`, not to `author`.
    /// @param recordId The record being appended.
    /// @param author The author named.
    /// @param recovered The address the signature recovers to; zero for a signature that is not 65 bytes
    /// or does not recover.
    error RecordInvalidSignature(bytes32 recordId, address author, address recovered);
    /// @notice Thrown when someone other than the patient writes and is not a provider.
    /// @param author The author named.
    error RecordAuthorNotProvider(address author);
    /// @notice Thrown when the authoring provider is suspended.
    /// @param author The suspended provider.
    error RecordProviderNotActive(address author);
    /// @notice Thrown when the provider holds no live treatment or emergency consent covering `category`.
    /// @param patient The record's patient.
    /// @param author The provider.
    /// @param category The record's category.
    error RecordConsentMissing(address patient, address author, uint8 category);
    /// @notice Thrown when an amendment names a record that does not exist.
    /// @param supersedes The record id named as amended.
    error RecordSupersedesUnknown(bytes32 supersedes);
    /// @notice Thrown when an amendment names another patient's record.
    /// @param supersedes The record id named as amended.
    /// @param patient The amending record's patient.
    error RecordSupersedesOtherPatient(bytes32 supersedes, address patient);
    /// @notice Thrown when the amended record was already amended (amendments form a chain, not a tree).
    /// @param supersedes The record id named as amended.
    error RecordAlreadySuperseded(bytes32 supersedes);

    /// @notice Appends a record signed by `author` (the patient, or a provider holding a live
    /// treatment or emergency consent covering the category). Anyone may relay it.
    /// @dev A provider writes under a consent for Purpose.Treatment or Purpose.Emergency only; a break-glass
    /// window ({ICareAccess-requestEmergencyAccess}) lets a provider read, not write.
    ///
    /// Emits a {RecordAppended} event, then a {RecordAmended} event when `record.supersedes` is set.
    ///
    /// Requirements:
    ///
    /// - `record.recordId` starts with `record.patient` ({RecordInvalidId}).
    /// - `record.category` exists ({RecordInvalidCategory}).
    /// - `record.recordId` is unused ({RecordAlreadyExists}).
    /// - `signature` recovers to `author` over {recordDigest} ({RecordInvalidSignature}).
    /// - `author` is `record.patient`, enrolled ({RecordPatientNotEnrolled}), or an active provider
    ///   ({RecordAuthorNotProvider}, {RecordProviderNotActive}) whose consent from the patient is active,
    ///   unexpired, for treatment or emergency and covers the category ({RecordConsentMissing}).
    /// - `record.supersedes`, when set, is an unamended record of the same patient ({RecordSupersedesOtherPatient},
    ///   {RecordSupersedesUnknown}, {RecordAlreadySuperseded}).
    /// @param record The pointer, hashes and category the author signed (EIP-712 type `Record`).
    /// @param author Who signed `record`.
    /// @param signature The author's 65-byte EIP-712 signature over {recordDigest}.
    function appendRecord(RecordInput calldata record, address author, bytes calldata signature) external;

    /// @notice The record's patient, category and whether it was amended.
    /// @param recordId Any record id.
    /// @return patient The record's patient, or zero if it does not exist.
    /// @return category Its category (zero if it does not exist).
    /// @return superseded Whether a later record amends it.
    function recordOf(bytes32 recordId)
        external
        view
        returns (address patient, uint8 category, bool superseded);
    /// @notice The patient a record id belongs to.
    /// @param recordId Any record id.
    /// @return Its first 20 bytes, as an address (whether or not the record exists).
    function patientOfRecordId(bytes32 recordId) external pure returns (address);
    /// @notice The first unused sequence number at or after `from`, for building the next record id.
    /// @param patient The patient whose records are searched.
    /// @param from The sequence number to start at.
    /// @return The first sequence number at or after `from` with no record; the record id is the patient's
    /// address followed by it.
    function firstFreeRecordSequence(address patient, uint96 from) external view returns (uint96);
    /// @notice The EIP-712 digest an author signs for `record`.
    /// @dev The struct hash is over {CareRecords-RECORD_TYPEHASH} with `contentId` hashed with keccak256, in
    /// this contract's EIP-712 domain ("CareTrail", "1", chain id, address).
    /// @param record The record to sign.
    /// @return The digest.
    function recordDigest(RecordInput calldata record) external view returns (bytes32);
}
