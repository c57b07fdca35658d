// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Purpose} from "../CareTypes.sol";

/// @title CareTrail consent: what a patient lets each grantee see, for what, until when
/// @notice One consent per (patient, grantee). Every grant and revocation bumps its version, so
/// the consent in force at any block can be rebuilt from ConsentGranted/ConsentRevoked alone.
interface ICareConsent {
    /// @notice A patient's consent to one grantee, live or not.
    struct Consent {
        uint8 scope; // bitmask of record categories (see Categories)
        Purpose purpose;
        uint64 expiresAt; // unix seconds
        uint32 version; // bumped by each grant and revocation; 0 = never granted
        bool active; // false after revocation
    }

    /// @notice `patient` granted (or replaced) `grantee`'s consent. Also emitted for signed grants.
    /// @param patient The patient whose records the consent covers.
    /// @param grantee The provider or third party it lets in.
    /// @param scope The bitmask of record categories it covers (see Categories).
    /// @param purpose What the grantee may use the records for.
    /// @param expiresAt When it lapses, in unix seconds.
    /// @param version The consent's version from this grant on.
    event ConsentGranted(
        address indexed patient,
        address indexed grantee,
        uint8 scope,
        Purpose purpose,
        uint64 expiresAt,
        uint32 version
    );
    /// @notice `patient` revoked `grantee`'s consent.
    /// @param patient The patient who revoked it.
    /// @param grantee The grantee it was given to.
    /// @param version The consent's version from this revocation on.
    event ConsentRevoked(address indexed patient, address indexed grantee, uint32 version);

    /// @notice Thrown when the granting account is not an enrolled patient.
    /// @param patient The granting account.
    error ConsentPatientNotEnrolled(address patient);
    /// @notice Thrown when the grantee is neither a provider nor a registered third party.
    /// @param grantee The account named as grantee (unregistered or a patient).
    error ConsentGranteeNotRegistered(address grantee);
    /// @notice Thrown when the grantee is a provider under suspension.
    /// @param grantee The suspended provider.
    error ConsentGranteeSuspended(address grantee);
    /// @notice Thrown when a patient names themselves as grantee (they always see their own records).
    /// @param patient The patient.
    error ConsentSelfGrant(address patient);
    /// @notice Thrown when `scope` is empty or sets a bit outside Categories.FULL_SCOPE.
    /// @param scope The scope given.
    error ConsentInvalidScope(uint8 scope);
    /// @notice Thrown when the purpose is Purpose.None.
    /// @param purpose The purpose given.
    error ConsentInvalidPurpose(Purpose purpose);
    /// @notice Thrown when `expiresAt` is not after the current block's `timestamp`.
    /// @param expiresAt The expiry given, in unix seconds.
    /// @param timestamp The current block's timestamp.
    error ConsentExpiryInPast(uint64 expiresAt, uint256 timestamp);
    /// @notice Thrown when revoking a consent that was never granted or is already revoked.
    /// @param patient The revoking patient.
    /// @param grantee The grantee named.
    error ConsentNotActive(address patient, address grantee);
    /// @notice Thrown when a signed grant is submitted after its `deadline`.
    /// @param deadline The signature's deadline, in unix seconds.
    /// @param timestamp The current block's timestamp.
    error ConsentSignatureExpired(uint256 deadline, uint256 timestamp);
    /// @notice Thrown when a signed grant was signed by `signer`, not by `patient` (or by nobody).
    /// @param patient The patient the grant names.
    /// @param signer The address the signature recovers to over the patient's next nonce; zero for a
    /// signature that is not 65 bytes or does not recover.
    error ConsentInvalidSignature(address patient, address signer);

    /// @notice Grants `grantee` access to the caller's records in `scope` for `purpose` until `expiresAt`,
    /// replacing any earlier consent to `grantee` (tickets issued under the earlier version stop working).
    /// @dev A consent for Purpose.Treatment or Purpose.Emergency also lets a provider append records in
    /// its scope ({ICareRecords-appendRecord}).
    ///
    /// Emits a {ConsentGranted} event.
    ///
    /// Requirements:
    ///
    /// - the caller is an enrolled patient ({ConsentPatientNotEnrolled}) and is not `grantee` ({ConsentSelfGrant}).
    /// - `grantee` is a provider or a registered third party ({ConsentGranteeNotRegistered}) and is not
    ///   suspended ({ConsentGranteeSuspended}).
    /// - `scope` is a non-empty subset of Categories.FULL_SCOPE ({ConsentInvalidScope}).
    /// - `purpose` is not Purpose.None ({ConsentInvalidPurpose}).
    /// - `expiresAt` is after the current block's timestamp ({ConsentExpiryInPast}).
    /// @param grantee A credentialed provider or a registered insurer, auditor or researcher.
    /// @param scope A bitmask of record categories (see Categories).
    /// @param purpose What the grantee may use the records for.
    /// @param expiresAt When the consent lapses, in unix seconds.
    function grantConsent(address grantee, uint8 scope, Purpose purpose, uint64 expiresAt) external;
    /// @notice Same as {grantConsent}, authorised by the patient's EIP-712 `ConsentGrant` signature and
    /// relayed by anyone. The signature covers the patient's next {consentNonce}, so it works once.
    /// @dev The signed struct is {CareConsent-CONSENT_GRANT_TYPEHASH} over this contract's EIP-712 domain ("CareTrail", "1").
    ///
    /// Emits a {ConsentGranted} event.
    ///
    /// Requirements:
    ///
    /// - `block.timestamp` is not after `deadline` ({ConsentSignatureExpired}).
    /// - `signature` recovers to `patient` over the grant and the patient's next nonce ({ConsentInvalidSignature}).
    /// - the same requirements as {grantConsent}, with `patient` in place of the caller.
    /// @param patient The patient who signed the grant.
    /// @param grantee A credentialed provider or a registered insurer, auditor or researcher.
    /// @param scope A bitmask of record categories (see Categories).
    /// @param purpose What the grantee may use the records for.
    /// @param expiresAt When the consent lapses, in unix seconds.
    /// @param deadline The last second at which the signature may be submitted.
    /// @param signature The patient's 65-byte EIP-712 signature (r, s, v; s in the lower half).
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
    /// @dev An active consent can be revoked after it expired too.
    ///
    /// Emits a {ConsentRevoked} event.
    ///
    /// Requirements:
    ///
    /// - the caller's consent to `grantee` is active ({ConsentNotActive}).
    /// @param grantee The grantee whose consent ends.
    function revokeConsent(address grantee) external;

    /// @notice The consent `patient` gave `grantee`, live or not.
    /// @param patient The patient.
    /// @param grantee The grantee.
    /// @return The consent as last granted or revoked; version 0 means never granted.
    function consentOf(address patient, address grantee) external view returns (Consent memory);
    /// @notice Whether `patient`'s consent to `grantee` covers `category` for `purpose` right now.
    /// @dev Only the consent is checked: whether `grantee` is still registered and unsuspended is left to
    /// the access requests, which check both.
    /// @param patient The patient.
    /// @param grantee The grantee.
    /// @param category A record category (see Categories).
    /// @param purpose The purpose asked about.
    /// @return True when the consent is active, unexpired, for `purpose` exactly and has `category` in scope.
    function hasLiveConsent(address patient, address grantee, uint8 category, Purpose purpose)
        external
        view
        returns (bool);
    /// @notice The nonce the patient's next signed grant must carry.
    /// @param patient The patient.
    /// @return The nonce; each accepted signed grant uses one.
    function consentNonce(address patient) external view returns (uint256);
}
