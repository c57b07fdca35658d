// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice The role an address holds in CareTrail. An address holds at most one.
enum Role {
    None,
    Patient,
    Provider,
    Insurer,
    Auditor,
    Researcher
}

/// @notice A provider's standing in the registry.
enum ProviderStatus {
    None,
    Active,
    Suspended
}

/// @notice Why a grantee may use a patient's data.
enum Purpose {
    None,
    Treatment,
    Payment,
    Research,
    Emergency
}

/// @notice Why an access request was denied. Kept stable: the indexer and API decode these codes.
enum DenialReason {
    None,
    Unregistered,
    PatientNotEnrolled,
    NoConsent,
    ConsentRevoked,
    ConsentExpired,
    PurposeNotGranted,
    CategoryNotInScope,
    ProviderSuspended,
    RecordNotFound,
    NotAProvider,
    ConsentReplaced
}

/// @title Record categories
/// @notice Record categories are bit positions in a consent scope.
/// @dev The SDK's RecordCategory is generated from these constants (contracts/scripts/exportArtifacts.ts).
library Categories {
    uint8 internal constant VITALS = 0;
    uint8 internal constant NOTES = 1;
    uint8 internal constant LABS = 2;
    uint8 internal constant IMAGING = 3;
    uint8 internal constant PRESCRIPTIONS = 4;
    uint8 internal constant SENSITIVE = 5;
    uint8 internal constant COUNT = 6;
    /// @dev Every category at once: the scope of an emergency access.
    uint8 internal constant ALL = type(uint8).max;
    uint8 internal constant FULL_SCOPE = uint8((1 << COUNT) - 1);

    /// @notice Whether `category` is one of the categories above.
    /// @param category A category number.
    /// @return True when it is below COUNT.
    function isValid(uint8 category) internal pure returns (bool) {
        return category < COUNT;
    }

    /// @notice Whether `scope` includes `category`.
    /// @param scope A bitmask of categories.
    /// @param category A category number.
    /// @return True when the category's bit is set (never for a category of 8 or more).
    function inScope(uint8 scope, uint8 category) internal pure returns (bool) {
        return scope & (uint8(1) << category) != 0;
    }
}
