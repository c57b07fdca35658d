// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ICareRegistry} from "./interfaces/ICareRegistry.sol";
import {Role, ProviderStatus} from "./CareTypes.sol";

/// @title Registry module: who is who in CareTrail
/// @notice Implements {ICareRegistry}: each account's role, a provider's standing, licence commitment and
/// specialty, and each account's X25519 public key.
abstract contract CareRegistry is ICareRegistry, AccessControl {
    /// @notice Credentials and suspends providers, registers third parties.
    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    /// @dev One slot per account so an access check costs one cold read. The ticket nonce lives here
    /// because the requester's slot is already warm when a ticket is issued.
    struct Account {
        Role role;
        ProviderStatus status;
        uint16 specialty;
        uint64 ticketNonce;
    }

    mapping(address account => Account) private _accounts;
    mapping(address provider => bytes32) private _licenseHashes;
    mapping(address account => bytes32) private _encryptionKeys;

    /// @inheritdoc ICareRegistry
    function enrolPatient(bytes32 encryptionKey) external {
        Account storage account = _accounts[msg.sender];
        if (account.role != Role.None) revert RegistryAlreadyRegistered(msg.sender, account.role);
        if (encryptionKey == bytes32(0)) revert RegistryInvalidEncryptionKey(msg.sender);
        account.role = Role.Patient;
        _encryptionKeys[msg.sender] = encryptionKey;
        emit PatientEnrolled(msg.sender, encryptionKey);
    }

    /// @inheritdoc ICareRegistry
    function setEncryptionKey(bytes32 encryptionKey) external {
        if (_accounts[msg.sender].role == Role.None) revert RegistryNotRegistered(msg.sender);
        if (encryptionKey == bytes32(0)) revert RegistryInvalidEncryptionKey(msg.sender);
        _encryptionKeys[msg.sender] = encryptionKey;
        emit EncryptionKeySet(msg.sender, encryptionKey);
    }

    /// @inheritdoc ICareRegistry
    function credentialProvider(address provider, bytes32 licenseHash, uint16 specialty)
        external
        onlyRole(GOVERNANCE_ROLE)
    {
        Account storage account = _accounts[provider];
        if (account.role != Role.None) revert RegistryAlreadyRegistered(provider, account.role);
        account.role = Role.Provider;
        account.status = ProviderStatus.Active;
        account.specialty = specialty;
        _licenseHashes[provider] = licenseHash;
        emit ProviderCredentialed(provider, licenseHash, specialty, msg.sender);
    }

    /// @inheritdoc ICareRegistry
    function suspendProvider(address provider, uint8 reasonCode) external onlyRole(GOVERNANCE_ROLE) {
        if (reasonCode == 0) revert RegistryInvalidReasonCode(reasonCode);
        Account storage account = _providerAccount(provider);
        if (account.status != ProviderStatus.Active) revert RegistryProviderStatus(provider, account.status);
        account.status = ProviderStatus.Suspended;
        emit ProviderSuspended(provider, reasonCode, msg.sender);
    }

    /// @inheritdoc ICareRegistry
    function reinstateProvider(address provider) external onlyRole(GOVERNANCE_ROLE) {
        Account storage account = _providerAccount(provider);
        if (account.status != ProviderStatus.Suspended) revert RegistryProviderStatus(provider, account.status);
        account.status = ProviderStatus.Active;
        emit ProviderReinstated(provider, msg.sender);
    }

    /// @inheritdoc ICareRegistry
    function registerThirdParty(address party, Role role) external onlyRole(GOVERNANCE_ROLE) {
        if (!_isThirdPartyRole(role)) revert RegistryInvalidThirdPartyRole(role);
        Account storage account = _accounts[party];
        if (account.role != Role.None) revert RegistryAlreadyRegistered(party, account.role);
        account.role = role;
        emit ThirdPartyRegistered(party, role, msg.sender);
    }

    /// @inheritdoc ICareRegistry
    function removeThirdParty(address party) external onlyRole(GOVERNANCE_ROLE) {
        Account storage account = _accounts[party];
        Role role = account.role;
        if (!_isThirdPartyRole(role)) revert RegistryNotAThirdParty(party, role);
        account.role = Role.None;
        emit ThirdPartyRemoved(party, role, msg.sender);
    }

    /// @inheritdoc ICareRegistry
    function roleOf(address account) external view returns (Role) {
        return _accounts[account].role;
    }

    /// @inheritdoc ICareRegistry
    function providerStatusOf(address provider) external view returns (ProviderStatus) {
        return _accounts[provider].status;
    }

    /// @inheritdoc ICareRegistry
    function providerOf(address provider)
        external
        view
        returns (ProviderStatus status, bytes32 licenseHash, uint16 specialty)
    {
        Account storage account = _accounts[provider];
        return (account.status, _licenseHashes[provider], account.specialty);
    }

    /// @inheritdoc ICareRegistry
    function encryptionKeyOf(address account) external view returns (bytes32) {
        return _encryptionKeys[account];
    }

    function _account(address account) internal view returns (Account storage) {
        return _accounts[account];
    }

    /// @dev Issues the next ticket number of `account`; unique per account, so (account, nonce) is unique.
    function _useTicketNonce(Account storage account) internal returns (uint64) {
        return ++account.ticketNonce;
    }

    function _providerAccount(address provider) private view returns (Account storage account) {
        account = _accounts[provider];
        if (account.role != Role.Provider) revert RegistryNotAProvider(provider, account.role);
    }

    function _isThirdPartyRole(Role role) private pure returns (bool) {
        return role == Role.Insurer || role == Role.Auditor || role == Role.Researcher;
    }
}
