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

    /// @notice Thrown when `account` already holds `role` and cannot be registered again.
    error RegistryAlreadyRegistered(address account, Role role);
    /// @notice Thrown when an unregistered account tries to publish an encryption key.
    error RegistryNotRegistered(address account);
    /// @notice Thrown when the X25519 public key given for `account` is zero.
    error RegistryInvalidEncryptionKey(address account);
    /// @notice Thrown when registering a third party with a role other than insurer, auditor or researcher.
    error RegistryInvalidThirdPartyRole(Role role);
    /// @notice Thrown when removing an account that is not an insurer, auditor or researcher.
    error RegistryNotAThirdParty(address account, Role role);
    /// @notice Thrown when suspending or reinstating an account that is not a provider.
    error RegistryNotAProvider(address account, Role role);
    /// @notice Thrown when a provider is not in the status the change needs: active to suspend,
    /// suspended to reinstate.
    error RegistryProviderStatus(address provider, ProviderStatus status);
    /// @notice Thrown when a suspension carries reason code zero.
    error RegistryInvalidReasonCode(uint8 reasonCode);

    /// @notice Enrols the caller as a patient.
    /// @param encryptionKey The X25519 public key that record keys are wrapped to.
    ///
    /// Emits a {PatientEnrolled} event.
    ///
    /// Requirements:
    ///
    /// - the caller is not registered yet ({RegistryAlreadyRegistered}); `encryptionKey` is not zero
    ///   ({RegistryInvalidEncryptionKey}).
    function enrolPatient(bytes32 encryptionKey) external;
    /// @notice Publishes or rotates the caller's X25519 public key.
    ///
    /// Emits an {EncryptionKeySet} event.
    ///
    /// Requirements:
    ///
    /// - the caller is registered ({RegistryNotRegistered}).
    /// - `encryptionKey` is not zero ({RegistryInvalidEncryptionKey}).
    function setEncryptionKey(bytes32 encryptionKey) external;
    /// @notice Credentials `provider`, active at once.
    /// @param licenseHash A commitment to the licence document (the document stays off-chain).
    /// @param specialty The provider's specialty code.
    ///
    /// Emits a {ProviderCredentialed} event.
    ///
    /// Requirements:
    ///
    /// - the caller holds GOVERNANCE_ROLE; `provider` is not registered yet ({RegistryAlreadyRegistered}).
    function credentialProvider(address provider, bytes32 licenseHash, uint16 specialty) external;
    /// @notice Suspends an active provider: its tickets stop working and it can no longer append records,
    /// receive consent or be granted access.
    ///
    /// Emits a {ProviderSuspended} event.
    ///
    /// Requirements:
    ///
    /// - the caller holds GOVERNANCE_ROLE; `reasonCode` is not zero ({RegistryInvalidReasonCode}).
    /// - `provider` is a provider ({RegistryNotAProvider}) and active ({RegistryProviderStatus}).
    function suspendProvider(address provider, uint8 reasonCode) external;
    /// @notice Reinstates a suspended provider.
    ///
    /// Emits a {ProviderReinstated} event.
    ///
    /// Requirements:
    ///
    /// - the caller holds GOVERNANCE_ROLE; `provider` is a provider ({RegistryNotAProvider}) and suspended
    ///   ({RegistryProviderStatus}).
    function reinstateProvider(address provider) external;
    /// @notice Registers an insurer, auditor or researcher.
    ///
    /// Emits a {ThirdPartyRegistered} event.
    ///
    /// Requirements:
    ///
    /// - the caller holds GOVERNANCE_ROLE.
    /// - `role` is Insurer, Auditor or Researcher ({RegistryInvalidThirdPartyRole}).
    /// - `party` is not registered yet ({RegistryAlreadyRegistered}).
    function registerThirdParty(address party, Role role) external;
    /// @notice Removes a third party: its tickets stop working and its later requests are denied.
    ///
    /// Emits a {ThirdPartyRemoved} event.
    ///
    /// Requirements:
    ///
    /// - the caller holds GOVERNANCE_ROLE; `party` is an insurer, auditor or researcher ({RegistryNotAThirdParty}).
    function removeThirdParty(address party) external;

    /// @notice The role `account` holds; Role.None if unregistered or removed.
    function roleOf(address account) external view returns (Role);
    /// @notice The status of `provider`; ProviderStatus.None for an account that is not a provider.
    function providerStatusOf(address provider) external view returns (ProviderStatus);
    /// @notice A provider's status, licence commitment and specialty code.
    function providerOf(address provider)
        external
        view
        returns (ProviderStatus status, bytes32 licenseHash, uint16 specialty);
    /// @notice The X25519 public key `account` published; zero if none.
    function encryptionKeyOf(address account) external view returns (bytes32);
}
