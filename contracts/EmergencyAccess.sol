// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRecordRegistryView, ICredentialsView} from "./Interfaces.sol";

/// @title EmergencyAccess
/// @notice Break-the-glass: a certified emergency provider may read a patient's vital-info profile record without
///         the patient's approval. Every such access is an event, so the patient always sees it afterwards.
contract EmergencyAccess {
    /// @notice The emergency-provider role id in `Credentials`.
    uint8 public constant EMERGENCY_PROVIDER = 2;

    /// @notice The record registry.
    IRecordRegistryView public immutable registry;
    /// @notice The credential registry.
    ICredentialsView public immutable credentials;

    mapping(address owner => bytes32 commitment) private _vitalProfiles;

    /// @notice An address that must be set is zero.
    error ZeroAddress();
    /// @notice Only the record's owner may name it as their vital-info profile.
    error NotRecordOwner(bytes32 commitment, address owner, address caller);
    /// @notice The caller is not a certified emergency provider.
    error NotEmergencyProvider(address caller);
    /// @notice The patient has named no vital-info profile record.
    error NoVitalProfile(address owner);
    /// @notice A break-the-glass access must state a reason.
    error EmptyReason();

    /// @notice `owner` named `commitment` as their vital-info profile record (zero to clear it).
    event VitalProfileSet(address indexed owner, bytes32 commitment);
    /// @notice `provider` broke the glass on `owner`'s vital-info profile record for the reason whose hash is `reason`.
    event BreakTheGlass(
        address indexed owner, address indexed provider, bytes32 indexed commitment, bytes32 reason, uint64 accessedAt
    );

    /// @param registry_ The record registry.
    /// @param credentials_ The credential registry.
    constructor(IRecordRegistryView registry_, ICredentialsView credentials_) {
        if (address(registry_) == address(0) || address(credentials_) == address(0)) revert ZeroAddress();
        registry = registry_;
        credentials = credentials_;
    }

    /// @notice Names the sender's vital-info profile record (one the sender anchored), or clears it with zero.
    /// @param commitment The record's id (keccak256(abi.encode(owner, commitment))), or zero.
    function setVitalProfile(bytes32 commitment) external {
        if (commitment != bytes32(0)) {
            (address owner,,,) = registry.getRecord(commitment);
            if (owner != msg.sender) revert NotRecordOwner(commitment, owner, msg.sender);
        }
        _vitalProfiles[msg.sender] = commitment;
        emit VitalProfileSet(msg.sender, commitment);
    }

    /// @notice The vital-info profile record of a patient.
    /// @param owner The patient.
    /// @return The record's commitment, or zero.
    function vitalProfileOf(address owner) external view returns (bytes32) {
        return _vitalProfiles[owner];
    }

    /// @notice Breaks the glass: records that the sender, a certified emergency provider, accesses `owner`'s
    ///         vital-info profile record now, and returns that record's commitment.
    /// @param owner The patient.
    /// @param reason keccak256 of the stated reason (non-zero; the text stays off chain).
    /// @return commitment The vital-info profile record.
    function breakTheGlass(address owner, bytes32 reason) external returns (bytes32 commitment) {
        if (!credentials.hasRole(msg.sender, EMERGENCY_PROVIDER)) revert NotEmergencyProvider(msg.sender);
        if (reason == bytes32(0)) revert EmptyReason();
        commitment = _vitalProfiles[owner];
        if (commitment == bytes32(0)) revert NoVitalProfile(owner);
        emit BreakTheGlass(owner, msg.sender, commitment, reason, uint64(block.timestamp));
    }
}
