// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Purpose} from "../CareTypes.sol";

/// @title CareTrail consent: what a patient lets each grantee see, for what, until when
/// @notice One consent per (patient, grantee). Every grant and revocation bumps its version, so
/// the consent in force at any block can be rebuilt from ConsentGranted/ConsentRevoked alone.
interface ICareConsent {
    struct Consent {
        uint8 scope; // bitmask of record categories (see Categories)
        Purpose purpose;
        uint64 expiresAt; // unix seconds
        uint32 version; // bumped by each grant and revocation; 0 = never granted
        bool active; // false after revocation
    }

    /// @notice `patient` granted (or replaced) `grantee`'s consent. Also emitted for signed grants.
    event ConsentGranted(
        address indexed patient,
        address indexed grantee,
        uint8 scope,
        Purpose purpose,
        uint64 expiresAt,
        uint32 version
    );
    /// @notice `patient` revoked `grantee`'s consent.
    event ConsentRevoked(address indexed patient, address indexed grantee, uint32 version);

    /// @notice Thrown when the granting account is not an enrolled patient.
    error ConsentPatientNotEnrolled(address patient);
    /// @notice Thrown when the grantee is neither a provider nor a registered third party.
    error ConsentGranteeNotRegistered(address grantee);
    /// @notice Thrown when the grantee is a provider under suspension.
    error ConsentGranteeSuspended(address grantee);
    /// @notice Thrown when a patient names themselves as grantee (they always see their own records).
    error ConsentSelfGrant(address patient);
    /// @notice Thrown when `scope` is empty or sets a bit outside Categories.FULL_SCOPE.
    error ConsentInvalidScope(uint8 scope);
    /// @notice Thrown when the purpose is Purpose.None.
    error ConsentInvalidPurpose(Purpose purpose);
    /// @notice Thrown when `expiresAt` is not after the current block's `timestamp`.
    error ConsentExpiryInPast(uint64 expiresAt, uint256 timestamp);
    /// @notice Thrown when revoking a consent that was never granted or is already revoked.
    error ConsentNotActive(address patient, address grantee);
    /// @notice Thrown when a signed grant is submitted after its `deadline`.
    error ConsentSignatureExpired(uint256 deadline, uint256 timestamp);
    /// @notice Thrown when a signed grant was signed by `signer`, not by `patient` (or by nobody).
    error ConsentInvalidSignature(address patient, address signer);

    /// @notice Grants `grantee` access to the caller's records in `scope` for `purpose` until `expiresAt`,
    /// replacing any earlier consent to `grantee` (tickets issued under the earlier version stop working).
    /// @param grantee A credentialed provider or a registered insurer, auditor or researcher.
    /// @param scope A bitmask of record categories (see Categories).
    /// @param purpose What the grantee may use the records for.
    /// @param expiresAt When the consent lapses, in unix seconds.
    ///
    /// Emits a {ConsentGranted} event.
    ///
    /// Requirements:
    ///
    /// - the caller is an enrolled patient ({ConsentPatientNotEnrolled}) and is not `grantee` ({ConsentSelfGrant}).
    /// - `grantee` is registered ({ConsentGranteeNotRegistered}) and not suspended ({ConsentGranteeSuspended}).
    /// - `scope` is a non-empty subset of Categories.FULL_SCOPE ({ConsentInvalidScope}).
    /// - `purpose` is not Purpose.None ({ConsentInvalidPurpose}).
    /// - `expiresAt` is in the future ({ConsentExpiryInPast}).
    function grantConsent(address grantee, uint8 scope, Purpose purpose, uint64 expiresAt) external;
    /// @notice Same as {grantConsent}, authorised by the patient's EIP-712 `ConsentGrant` signature and
    /// relayed by anyone. The signature covers the patient's next {consentNonce}, so it works once.
    /// @param patient The patient who signed the grant.
    /// @param deadline The last second at which the signature may be submitted.
    /// @param signature The patient's 65-byte EIP-712 signature.
    ///
    /// Emits a {ConsentGranted} event.
    ///
    /// Requirements:
    ///
    /// - `block.timestamp` is not after `deadline` ({ConsentSignatureExpired}).
    /// - `signature` recovers to `patient` over the grant and the patient's next nonce ({ConsentInvalidSignature}).
    /// - the same requirements as {grantConsent}, with `patient` in place of the caller.
    function grantConsentBySig(
        address patient,
        address grantee,
        uint8 scope,
        Purpose purpose,
        uint64 expiresAt,
        uint256 deadline,
        bytes calldata signature
    ) external;
    /// @notice Revokes the caller's consent to `grantee` at once: tickets issued under it stop working.
    ///
    /// Emits a {ConsentRevoked} event.
    ///
    /// Requirements:
    ///
    /// - the caller's consent to `grantee` is active ({ConsentNotActive}).
    function revokeConsent(address grantee) external;

    /// @notice The consent `patient` gave `grantee`, live or not; version 0 means never granted.
    function consentOf(address patient, address grantee) external view returns (Consent memory);
    /// @notice True when `grantee` may use `patient`'s `category` records for `purpose` right now.
    function hasLiveConsent(address patient, address grantee, uint8 category, Purpose purpose)
        external
        view
        returns (bool);
    /// @notice The nonce the patient's next signed grant must carry.
    function consentNonce(address patient) external view returns (uint256);
}
