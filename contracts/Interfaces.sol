// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

// The views one MediBloc contract reads from another (protocol v2). Every contract that calls another imports its
// interface from here, so a change to a view is made in one place.
//
// Record identity (v2): a record is named by its record id, keccak256(abi.encode(owner, commitment)), and a batch by
// keccak256(abi.encode(owner, root)). The owner is part of the name, so no other account can ever anchor, take or
// squat a patient's record, whatever the order of transactions. Content types are named by
// keccak256(bytes(contentType)) (32 bytes).

/// @notice The record registry, as other contracts read it.
interface IRecordRegistryView {
    /// @notice Reads an anchored record by its record id.
    /// @return owner The record's owner, or zero when no such record is anchored.
    /// @return anchoredAt The block timestamp of the anchor, or zero.
    /// @return contentTypeId keccak256 of the record's content type, or zero.
    /// @return supersededBy The record id of its newer version, or zero.
    function getRecord(bytes32 recordId)
        external
        view
        returns (address owner, uint64 anchoredAt, bytes32 contentTypeId, bytes32 supersededBy);

    /// @notice The owner and, for a record a certified provider wrote into the owner's record, its author.
    /// @return owner The record's owner, or zero.
    /// @return author The provider that wrote it, or zero when the owner anchored it.
    /// @return contentTypeId keccak256 of the record's content type, or zero.
    function getRecordParties(bytes32 recordId)
        external
        view
        returns (address owner, address author, bytes32 contentTypeId);
}

/// @notice The part of Credentials other contracts read.
interface ICredentialsView {
    /// @notice Whether `account` holds a live (certified or vouched, unexpired, unrevoked) credential for `role`.
    function hasRole(address account, uint8 role) external view returns (bool);
}

/// @notice The part of AccessGrants the registry reads to admit a provider-authored record.
interface IWriteConsents {
    /// @notice Whether `owner` has a live write grant letting `author` write `contentTypeId` for `purpose`.
    function canWrite(address owner, address author, bytes32 contentTypeId, bytes32 purpose) external view returns (bool);
}

/// @notice The deposits MediPoints holds for Credentials (vouching). A deposit locks specific points: points of lots
///         that are still live at `until`, so slashing a deposit always burns points that exist.
interface IMediPointsDeposits {
    /// @notice Locks `points` of `account`'s points that live past `until` into a new deposit. Lockers only.
    /// @return depositId The deposit's id.
    function lockDeposit(address account, uint256 points, uint64 until) external returns (uint256 depositId);

    /// @notice Returns a deposit's points to its account. Lockers only (the locker that made it).
    function releaseDeposit(uint256 depositId) external;

    /// @notice Burns a deposit's points; the MED behind them goes to the treasury. Lockers only (the locker that made it).
    function slashDeposit(uint256 depositId) external;
}

/// @notice The part of SearchIndex the data market reads: whether a handle names a listed entry.
interface ISearchIndexView {
    /// @notice Reads an entry's state.
    /// @return status 0 none, 1 listed, 2 hidden, 3 removed.
    /// @return nonce The nonce the next change must be signed with.
    function getEntry(bytes32 handle) external view returns (uint8 status, uint32 nonce);
}
