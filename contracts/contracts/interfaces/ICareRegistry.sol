// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Role, ProviderStatus} from "../CareTypes.sol";

/// @title CareTrail registry of patients, providers and third parties
/// @notice Patients enrol themselves; governance credentials providers and registers insurers,
/// auditors and researchers. Only addresses, hashes and codes are stored: nothing identifying.
interface ICareRegistry {
    /// @notice A patient enrolled with the X25519 public key that record keys are wrapped to.
    event PatientEnrolled(address indexed patient, bytes32 encryptionKey);
    /// @notice Governance credentialed a provider. `licenseHash` commits to the licence document.
    event ProviderCredentialed(address indexed provider, bytes32 licenseHash, uint16 specialty, address indexed by);
    /// @notice Governance suspended a provider; it can no longer append records or receive access.
    event ProviderSuspended(address indexed provider, uint8 reasonCode, address indexed by);
    /// @notice Governance lifted a provider's suspension.
    event ProviderReinstated(address indexed provider, address indexed by);
    /// @notice Governance registered an insurer, auditor or researcher.
    event ThirdPartyRegistered(address indexed party, Role role, address indexed by);
    /// @notice Governance removed a third party; its later requests are denied as unregistered.
    event ThirdPartyRemoved(address indexed party, Role role, address indexed by);
    /// @notice A registered account published (or rotated) its X25519 public key.
    event EncryptionKeySet(address indexed account, bytes32 encryptionKey);

    error RegistryAlreadyRegistered(address account, Role role);
    error RegistryNotRegistered(address account);
    error RegistryInvalidEncryptionKey(address account);
    error RegistryInvalidThirdPartyRole(Role role);
    error RegistryNotAThirdParty(address account, Role role);
    error RegistryNotAProvider(address account, Role role);
    error RegistryProviderStatus(address provider, ProviderStatus status);
    error RegistryInvalidReasonCode(uint8 reasonCode);

    /// @notice Enrols the caller as a patient.
    function enrolPatient(bytes32 encryptionKey) external;
    /// @notice Publishes or rotates the caller's X25519 public key. The caller must be registered.
    function setEncryptionKey(bytes32 encryptionKey) external;
    /// @notice Credentials `provider` (governance only).
    function credentialProvider(address provider, bytes32 licenseHash, uint16 specialty) external;
    /// @notice Suspends an active provider (governance only). `reasonCode` must be non-zero.
    function suspendProvider(address provider, uint8 reasonCode) external;
    /// @notice Reinstates a suspended provider (governance only).
    function reinstateProvider(address provider) external;
    /// @notice Registers an insurer, auditor or researcher (governance only).
    function registerThirdParty(address party, Role role) external;
    /// @notice Removes a third party (governance only).
    function removeThirdParty(address party) external;

    function roleOf(address account) external view returns (Role);
    function providerStatusOf(address provider) external view returns (ProviderStatus);
    function providerOf(address provider)
        external
        view
        returns (ProviderStatus status, bytes32 licenseHash, uint16 specialty);
    function encryptionKeyOf(address account) external view returns (bytes32);
}
