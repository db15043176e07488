// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title RecordRegistry
/// @notice Anchors health records by their salted commitment. The chain holds only who anchored a
///         record, when, and a short content-type id; the record itself stays encrypted off chain.
///         Records are append-only: nothing here edits or deletes an anchored record.
/// @dev One storage slot per record: owner (160 bits) | anchoredAt (64 bits) | content-type id (32 bits).
///      The CID and the content-type string travel in the event, where log data is cheap.
contract RecordRegistry {
    /// @notice The commitment was already anchored (by `owner`); anchoring is idempotent by commitment.
    /// @param commitment The salted commitment that is already on chain.
    /// @param owner The account that anchored it first.
    error AlreadyAnchored(bytes32 commitment, address owner);

    /// @notice The commitment is zero, which no real record can have.
    error EmptyCommitment();

    /// @notice The CID is empty.
    error EmptyCid();

    /// @notice The content type is empty.
    error EmptyContentType();

    /// @notice A record was anchored.
    /// @param commitment The record's salted commitment, SHA-256(salt || plaintext).
    /// @param owner The account that anchored the record (its owner).
    /// @param cid The content identifier of the sealed envelope (CIDv0 or CIDv1 text form).
    /// @param contentType The record's content type (for example a MIME type or FHIR resource type).
    /// @param contentTypeId The first four bytes of keccak256(contentType), as kept in storage.
    /// @param anchoredAt The block timestamp, in seconds since the Unix epoch.
    event RecordAnchored(
        bytes32 indexed commitment,
        address indexed owner,
        string cid,
        string contentType,
        bytes4 contentTypeId,
        uint64 anchoredAt
    );

    /// @dev commitment => owner | anchoredAt << 160 | contentTypeId << 224.
    mapping(bytes32 => uint256) private _records;

    /// @notice Anchors one record; the sender becomes its owner.
    /// @param commitment The record's salted commitment (non-zero, unique).
    /// @param cid The content identifier of the sealed envelope (non-empty).
    /// @param contentType The record's content type (non-empty).
    function anchor(bytes32 commitment, string calldata cid, string calldata contentType) external {
        if (commitment == bytes32(0)) revert EmptyCommitment();
        if (bytes(cid).length == 0) revert EmptyCid();
        if (bytes(contentType).length == 0) revert EmptyContentType();
        uint256 existing = _records[commitment];
        if (existing != 0) revert AlreadyAnchored(commitment, address(uint160(existing)));

        bytes4 typeId = bytes4(keccak256(bytes(contentType)));
        uint64 anchoredAt = uint64(block.timestamp);
        _records[commitment] =
            uint256(uint160(msg.sender)) | (uint256(anchoredAt) << 160) | (uint256(uint32(typeId)) << 224);
        emit RecordAnchored(commitment, msg.sender, cid, contentType, typeId, anchoredAt);
    }

    /// @notice Reads an anchored record.
    /// @param commitment The record's salted commitment.
    /// @return owner The account that anchored it, or the zero address when it is not anchored.
    /// @return anchoredAt The block timestamp of the anchor, or zero.
    /// @return contentTypeId The first four bytes of keccak256(contentType), or zero.
    function getRecord(bytes32 commitment)
        external
        view
        returns (address owner, uint64 anchoredAt, bytes4 contentTypeId)
    {
        uint256 packed = _records[commitment];
        owner = address(uint160(packed));
        anchoredAt = uint64(packed >> 160);
        contentTypeId = bytes4(uint32(packed >> 224));
    }

    /// @notice Whether a commitment is anchored.
    /// @param commitment The record's salted commitment.
    /// @return True when a record with this commitment is anchored.
    function isAnchored(bytes32 commitment) external view returns (bool) {
        return _records[commitment] != 0;
    }
}
