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

    error ConsentPatientNotEnrolled(address patient);
    error ConsentGranteeNotRegistered(address grantee);
    error ConsentGranteeSuspended(address grantee);
    error ConsentSelfGrant(address patient);
    error ConsentInvalidScope(uint8 scope);
    error ConsentInvalidPurpose(Purpose purpose);
    error ConsentExpiryInPast(uint64 expiresAt, uint256 timestamp);
    error ConsentNotActive(address patient, address grantee);
    error ConsentSignatureExpired(uint256 deadline, uint256 timestamp);
    error ConsentInvalidSignature(address patient, address signer);

    /// @notice Grants `grantee` access to the caller's records in `scope` for `purpose` until `expiresAt`.
    function grantConsent(address grantee, uint8 scope, Purpose purpose, uint64 expiresAt) external;
    /// @notice Same as grantConsent, authorised by the patient's EIP-712 signature and relayed by anyone.
    function grantConsentBySig(
        address patient,
        address grantee,
        uint8 scope,
        Purpose purpose,
        uint64 expiresAt,
        uint256 deadline,
        bytes calldata signature
    ) external;
    /// @notice Revokes the caller's consent to `grantee`.
    function revokeConsent(address grantee) external;

    function consentOf(address patient, address grantee) external view returns (Consent memory);
    /// @notice True when `grantee` may use `patient`'s `category` records for `purpose` right now.
    function hasLiveConsent(address patient, address grantee, uint8 category, Purpose purpose)
        external
        view
        returns (bool);
    /// @notice The nonce the patient's next signed grant must carry.
    function consentNonce(address patient) external view returns (uint256);
}
