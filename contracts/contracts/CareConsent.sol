// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {ICareConsent} from "./interfaces/ICareConsent.sol";
import {CareRegistry} from "./CareRegistry.sol";
import {Role, ProviderStatus, Purpose, DenialReason, Categories} from "./CareTypes.sol";

/// @title Consent module: patients decide who sees what, for what, until when
/// @notice Implements {ICareConsent}: one versioned consent per (patient, grantee), granted by the patient
/// or relayed with the patient's EIP-712 signature.
abstract contract CareConsent is ICareConsent, CareRegistry, EIP712, Nonces {
    /// @notice The EIP-712 type hash of the `ConsentGrant` a patient signs for {grantConsentBySig}.
    bytes32 public constant CONSENT_GRANT_TYPEHASH = keccak256(
        "ConsentGrant(address patient,address grantee,uint8 scope,uint8 purpose,uint64 expiresAt,uint256 nonce,uint256 deadline)"
    );

    mapping(address patient => mapping(address grantee => Consent)) private _consents;

    /// @inheritdoc ICareConsent
    function grantConsent(address grantee, uint8 scope, Purpose purpose, uint64 expiresAt) external {
        _grant(msg.sender, grantee, scope, purpose, expiresAt);
    }

    /// @inheritdoc ICareConsent
    function grantConsentBySig(
        address patient,
        address grantee,
        uint8 scope,
        Purpose purpose,
        uint64 expiresAt,
        uint256 deadline,
        bytes calldata signature
    ) external {
        if (block.timestamp > deadline) revert ConsentSignatureExpired(deadline, block.timestamp);
        bytes32 structHash = keccak256(
            abi.encode(
                CONSENT_GRANT_TYPEHASH, patient, grantee, scope, purpose, expiresAt, _useNonce(patient), deadline
            )
        );
        (address signer,,) = ECDSA.tryRecover(_hashTypedDataV4(structHash), signature);
        if (signer != patient) revert ConsentInvalidSignature(patient, signer);
        _grant(patient, grantee, scope, purpose, expiresAt);
    }

    /// @inheritdoc ICareConsent
    function revokeConsent(address grantee) external {
        Consent storage consent = _consents[msg.sender][grantee];
        if (!consent.active) revert ConsentNotActive(msg.sender, grantee);
        consent.active = false;
        uint32 version = ++consent.version;
        emit ConsentRevoked(msg.sender, grantee, version);
    }

    /// @inheritdoc ICareConsent
    function consentOf(address patient, address grantee) external view returns (Consent memory) {
        return _consents[patient][grantee];
    }

    /// @inheritdoc ICareConsent
    function hasLiveConsent(address patient, address grantee, uint8 category, Purpose purpose)
        external
        view
        returns (bool)
    {
        return _consentDenial(_consents[patient][grantee], category, purpose) == DenialReason.None;
    }

    /// @inheritdoc ICareConsent
    function consentNonce(address patient) external view returns (uint256) {
        return nonces(patient);
    }

    function _consent(address patient, address grantee) internal view returns (Consent storage) {
        return _consents[patient][grantee];
    }

    /// @dev Why `consent` does not cover `category` for `purpose` now, or DenialReason.None if it does.
    function _consentDenial(Consent storage consent, uint8 category, Purpose purpose)
        internal
        view
        returns (DenialReason)
    {
        if (consent.version == 0) return DenialReason.NoConsent;
        if (!consent.active) return DenialReason.ConsentRevoked;
        if (consent.expiresAt <= block.timestamp) return DenialReason.ConsentExpired;
        if (consent.purpose != purpose) return DenialReason.PurposeNotGranted;
        if (!Categories.inScope(consent.scope, category)) return DenialReason.CategoryNotInScope;
        return DenialReason.None;
    }

    function _grant(address patient, address grantee, uint8 scope, Purpose purpose, uint64 expiresAt) private {
        if (_account(patient).role != Role.Patient) revert ConsentPatientNotEnrolled(patient);
        if (grantee == patient) revert ConsentSelfGrant(patient);
        Account storage granteeAccount = _account(grantee);
        if (granteeAccount.role == Role.None || granteeAccount.role == Role.Patient) {
            revert ConsentGranteeNotRegistered(grantee);
        }
        if (granteeAccount.status == ProviderStatus.Suspended) revert ConsentGranteeSuspended(grantee);
        if (scope == 0 || scope > Categories.FULL_SCOPE) revert ConsentInvalidScope(scope);
        if (purpose == Purpose.None) revert ConsentInvalidPurpose(purpose);
        if (expiresAt <= block.timestamp) revert ConsentExpiryInPast(expiresAt, block.timestamp);

        Consent storage consent = _consents[patient][grantee];
        uint32 version = consent.version + 1;
        _consents[patient][grantee] =
            Consent({scope: scope, purpose: purpose, expiresAt: expiresAt, version: version, active: true});
        emit ConsentGranted(patient, grantee, scope, purpose, expiresAt, version);
    }
}
