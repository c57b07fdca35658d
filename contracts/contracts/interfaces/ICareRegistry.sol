// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Role, ProviderStatus} from "../CareTypes.sol";

/// @title CareTrail registry of patients, providers and third parties
/// @notice Patients enrol themselves; governance credentials providers and registers insurers,
/// auditors and researchers. Only addresses, hashes and codes are stored: nothing identifying.
/// @dev An address holds at most one {Role}. Removing a third party sets its role back to Role.None; a
/// credentialed provider is only ever suspended, never removed.
interface ICareRegistry {
    /// @notice A patient enrolled with the X25519 public key that record keys are wrapped to.
    /// @param patient The account that enrolled itself.
    /// @param encryptionKey Its X25519 public key.
    event PatientEnrolled(address indexed patient, bytes32 encryptionKey);
    /// @notice Governance credentialed a provider. `licenseHash` commits to the licence document.
    /// @param provider The credentialed account, active from this event on.
    /// @param licenseHash A commitment to the licence document (the document stays off-chain).
    /// @param specialty The provider's specialty code.
    /// @param by The governance account that credentialed it.
    event ProviderCredentialed(address indexed provider, bytes32 licenseHash, uint16 specialty, address indexed by);
    /// @notice Governance suspended a provider; it can no longer append records or receive access.
    /// @param provider The suspended provider.
    /// @param reasonCode Why, as a non-zero code chosen by governance.
    /// @param by The governance account that suspended it.
    event ProviderSuspended(address indexed provider, uint8 reasonCode, address indexed by);
    /// @notice Governance lifted a provider's suspension.
    /// @param provider The reinstated provider, active again.
    /// @param by The governance account that reinstated it.
    event ProviderReinstated(address indexed provider, address indexed by);
    /// @notice Governance registered an insurer, auditor or researcher.
    /// @param party The registered account.
    /// @param role Role.Insurer, Role.Auditor or Role.Researcher.
    /// @param by The governance account that registered it.
    event ThirdPartyRegistered(address indexed party, Role role, address indexed by);
    /// @notice Governance removed a third party; its later requests are denied as unregistered.
    /// @param party The removed account, unregistered from this event on.
    /// @param role The role it held until now.
    /// @param by The governance account that removed it.
    event ThirdPartyRemoved(address indexed party, Role role, address indexed by);
    /// @notice A registered account published (or rotated) its X25519 public key.
    /// @param account The account whose key changed.
    /// @param encryptionKey Its new X25519 public key.
    event EncryptionKeySet(address indexed account, bytes32 encryptionKey);

    /// @notice Thrown when `account` already holds `role` and cannot be registered again.
    /// @param account The account being enrolled, credentialed or registered.
    /// @param role The role it already holds.
    error RegistryAlreadyRegistered(address account, Role role);
    /// @notice Thrown when an unregistered account tries to publish an encryption key.
    /// @param account The caller, which holds Role.None.
    error RegistryNotRegistered(address account);
    /// @notice Thrown when the X25519 public key given for `account` is zero.
    /// @param account The caller whose key was zero.
    error RegistryInvalidEncryptionKey(address account);
    /// @notice Thrown when registering a third party with a role other than insurer, auditor or researcher.
    /// @param role The role asked for.
    error RegistryInvalidThirdPartyRole(Role role);
    /// @notice Thrown when removing an account that is not an insurer, auditor or researcher.
    /// @param account The account named for removal.
    /// @param role The role it holds.
    error RegistryNotAThirdParty(address account, Role role);
    /// @notice Thrown when suspending or reinstating an account that is not a provider.
    /// @param account The account named.
    /// @param role The role it holds.
    error RegistryNotAProvider(address account, Role role);
    /// @notice Thrown when a provider is not in the status the change needs: active to suspend,
    /// suspended to reinstate.
    /// @param provider The provider named.
    /// @param status The status it is in.
    error RegistryProviderStatus(address provider, ProviderStatus status);
    /// @notice Thrown when a suspension carries reason code zero.
    /// @param reasonCode The reason code given (zero).
    error RegistryInvalidReasonCode(uint8 reasonCode);

    /// @notice Enrols the caller as a patient.
    /// @dev Emits a {PatientEnrolled} event.
    ///
    /// Requirements:
    ///
    /// - the caller holds no role yet ({RegistryAlreadyRegistered}).
    /// - `encryptionKey` is not zero ({RegistryInvalidEncryptionKey}).
    /// @param encryptionKey The X25519 public key that record keys are wrapped to.
    function enrolPatient(bytes32 encryptionKey) external;
    /// @notice Publishes or rotates the caller's X25519 public key.
    /// @dev Emits an {EncryptionKeySet} event.
    ///
    /// Requirements:
    ///
    /// - the caller holds a role ({RegistryNotRegistered}).
    /// - `encryptionKey` is not zero ({RegistryInvalidEncryptionKey}).
    /// @param encryptionKey The caller's new X25519 public key.
    function setEncryptionKey(bytes32 encryptionKey) external;
    /// @notice Credentials `provider`, active at once.
    /// @dev Emits a {ProviderCredentialed} event.
    ///
    /// Requirements:
    ///
    /// - the caller holds GOVERNANCE_ROLE ({IAccessControl-AccessControlUnauthorizedAccount}).
    /// - `provider` holds no role yet ({RegistryAlreadyRegistered}).
    /// @param provider The account to credential.
    /// @param licenseHash A commitment to the licence document (the document stays off-chain).
    /// @param specialty The provider's specialty code.
    function credentialProvider(address provider, bytes32 licenseHash, uint16 specialty) external;
    /// @notice Suspends an active provider: its tickets stop working and it can no longer append records,
    /// receive consent or be granted access.
    /// @dev Emits a {ProviderSuspended} event.
    ///
    /// Requirements:
    ///
    /// - the caller holds GOVERNANCE_ROLE ({IAccessControl-AccessControlUnauthorizedAccount}).
    /// - `reasonCode` is not zero ({RegistryInvalidReasonCode}).
    /// - `provider` is a provider ({RegistryNotAProvider}) and active ({RegistryProviderStatus}).
    /// @param provider The provider to suspend.
    /// @param reasonCode Why, as a non-zero code.
    function suspendProvider(address provider, uint8 reasonCode) external;
    /// @notice Reinstates a suspended provider.
    /// @dev Emits a {ProviderReinstated} event.
    ///
    /// Requirements:
    ///
    /// - the caller holds GOVERNANCE_ROLE ({IAccessControl-AccessControlUnauthorizedAccount}).
    /// - `provider` is a provider ({RegistryNotAProvider}) and suspended ({RegistryProviderStatus}).
    /// @param provider The provider to reinstate.
    function reinstateProvider(address provider) external;
    /// @notice Registers an insurer, auditor or researcher.
    /// @dev Emits a {ThirdPartyRegistered} event.
    ///
    /// Requirements:
    ///
    /// - the caller holds GOVERNANCE_ROLE ({IAccessControl-AccessControlUnauthorizedAccount}).
    /// - `role` is Role.Insurer, Role.Auditor or Role.Researcher ({RegistryInvalidThirdPartyRole}).
    /// - `party` holds no role yet ({RegistryAlreadyRegistered}).
    /// @param party The account to register.
    /// @param role The role it is registered with.
    function registerThirdParty(address party, Role role) external;
    /// @notice Removes a third party: its tickets stop working and its later requests are denied as unregistered.
    /// @dev Its role becomes Role.None; its published encryption key stays.
    ///
    /// Emits a {ThirdPartyRemoved} event.
    ///
    /// Requirements:
    ///
    /// - the caller holds GOVERNANCE_ROLE ({IAccessControl-AccessControlUnauthorizedAccount}).
    /// - `party` is an insurer, auditor or researcher ({RegistryNotAThirdParty}).
    /// @param party The third party to remove.
    function removeThirdParty(address party) external;

    /// @notice The role `account` holds.
    /// @param account Any address.
    /// @return The role, or Role.None if unregistered or removed.
    function roleOf(address account) external view returns (Role);
    /// @notice The standing of `provider`.
    /// @param provider Any address.
    /// @return Its status, or ProviderStatus.None for an account that is not a provider.
    function providerStatusOf(address provider) external view returns (ProviderStatus);
    /// @notice A provider's status, licence commitment and specialty code.
    /// @param provider Any address; for one that is not a provider every value is zero.
    /// @return status Its status (ProviderStatus.None if not a provider).
    /// @return licenseHash The licence commitment it was credentialed with.
    /// @return specialty The specialty code it was credentialed with.
    function providerOf(address provider)
        external
        view
        returns (ProviderStatus status, bytes32 licenseHash, uint16 specialty);
    /// @notice The X25519 public key `account` published.
    /// @param account Any address.
    /// @return The key, or zero if it published none.
    function encryptionKeyOf(address account) external view returns (bytes32);
}
