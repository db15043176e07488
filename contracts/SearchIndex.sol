// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {eip712Digest, recoverSigner} from "./Common.sol";

/// @title SearchIndex (protocol v2)
/// @notice The opt-in research index: record owners list de-identified metadata (content type, codes, age bracket,
///         region) so researchers find candidate records without learning who holds them. An entry is known only by
///         an opaque handle, keccak256 of the address of a key the owner derives per record; the owner's own address,
///         the record's CID and its commitment never appear. Every change is signed (EIP-712) by that per-entry key,
///         so anyone may submit it: send through a relayer and not even the transaction's sender links the entry to
///         the owner. An owner hides an entry (restricts it) and lists it again, or removes it for good (opt-out).
/// @dev Status: 0 = none, 1 = listed, 2 = hidden, 3 = removed (final; a removed handle cannot be listed again).
contract SearchIndex {
    /// @dev status (8) | nonce (32) in one slot.
    struct Entry {
        uint8 status;
        uint32 nonce;
    }

    /// @notice An entry that is listed in search results.
    uint8 public constant LISTED = 1;
    /// @notice An entry its owner hid from search results (reversible).
    uint8 public constant HIDDEN = 2;
    /// @notice An entry its owner removed (final).
    uint8 public constant REMOVED = 3;

    /// @notice keccak256 of the EIP-712 type every change is signed under.
    bytes32 public constant UPDATE_TYPEHASH =
        keccak256("IndexUpdate(bytes32 handle,uint8 status,uint32 nonce,bytes32 metadataHash)");

    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("MediBloc SearchIndex");
    bytes32 private constant VERSION_HASH = keccak256("2");
    uint256 private constant MAX_METADATA = 2048;

    mapping(bytes32 handle => Entry) private _entries;

    /// @notice The handle is not keccak256 of the signer's address.
    error NotEntryKey(bytes32 handle, address signer);
    /// @notice The handle was used before (entries are published once; removed handles stay removed).
    error EntryExists(bytes32 handle);
    /// @notice No entry has this handle.
    error UnknownEntry(bytes32 handle);
    /// @notice The entry was removed: it cannot change any more.
    error EntryRemoved(bytes32 handle);
    /// @notice The status is not 1, 2 or 3.
    error InvalidStatus(uint8 status);
    /// @notice The metadata is empty or longer than 2048 bytes, or the content-type id is zero.
    error InvalidMetadata();

    /// @notice An entry was listed with `metadata` (UTF-8 JSON) for records of `contentTypeId`.
    event EntryPublished(bytes32 indexed handle, bytes32 indexed contentTypeId, string metadata);
    /// @notice An entry was hidden (2), listed again (1) or removed (3).
    event EntryStatusChanged(bytes32 indexed handle, uint8 status);

    /// @notice The EIP-712 domain separator (name "MediBloc SearchIndex", version "2", this chain, this contract).
    /// @return The separator.
    function domainSeparator() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    /// @notice The digest the entry key signs for a change.
    /// @param handle The entry.
    /// @param status The new status.
    /// @param nonce The entry's current nonce (0 to publish).
    /// @param metadataHash keccak256 of the metadata when publishing, zero otherwise.
    /// @return The EIP-712 digest.
    function hashUpdate(bytes32 handle, uint8 status, uint32 nonce, bytes32 metadataHash) public view returns (bytes32) {
        return eip712Digest(domainSeparator(), keccak256(abi.encode(UPDATE_TYPEHASH, handle, status, nonce, metadataHash)));
    }

    /// @notice Lists a new entry. Anyone may submit; the entry key's signature decides.
    /// @param handle keccak256 of the entry key's address.
    /// @param contentTypeId The record's content-type id, keccak256 of the content type (as the record registry names it).
    /// @param metadata The de-identified metadata, UTF-8 JSON of at most 2048 bytes.
    /// @param signature The entry key's 65-byte signature over `hashUpdate(handle, 1, 0, keccak256(metadata))`.
    function publish(bytes32 handle, bytes32 contentTypeId, string calldata metadata, bytes calldata signature) external {
        if (contentTypeId == bytes32(0) || bytes(metadata).length == 0 || bytes(metadata).length > MAX_METADATA) {
            revert InvalidMetadata();
        }
        Entry storage e = _entries[handle];
        if (e.status != 0) revert EntryExists(handle);
        _checkSigner(handle, hashUpdate(handle, LISTED, 0, keccak256(bytes(metadata))), signature);
        e.status = LISTED;
        e.nonce = 1;
        emit EntryPublished(handle, contentTypeId, metadata);
        emit EntryStatusChanged(handle, LISTED);
    }

    /// @notice Hides, lists again or removes an entry. Anyone may submit; the entry key's signature decides.
    /// @param handle The entry.
    /// @param status 1 listed, 2 hidden, 3 removed.
    /// @param signature The entry key's signature over `hashUpdate(handle, status, nonce, 0)` with the current nonce.
    function setStatus(bytes32 handle, uint8 status, bytes calldata signature) external {
        if (status == 0 || status > REMOVED) revert InvalidStatus(status);
        Entry storage e = _entries[handle];
        if (e.status == 0) revert UnknownEntry(handle);
        if (e.status == REMOVED) revert EntryRemoved(handle);
        uint32 nonce = e.nonce;
        _checkSigner(handle, hashUpdate(handle, status, nonce, bytes32(0)), signature);
        e.status = status;
        e.nonce = nonce + 1;
        emit EntryStatusChanged(handle, status);
    }

    /// @notice Reads an entry's state.
    /// @param handle The entry.
    /// @return status 0 none, 1 listed, 2 hidden, 3 removed.
    /// @return nonce The nonce the next change must be signed with.
    function getEntry(bytes32 handle) external view returns (uint8 status, uint32 nonce) {
        Entry storage e = _entries[handle];
        return (e.status, e.nonce);
    }

    function _checkSigner(bytes32 handle, bytes32 digest, bytes calldata signature) private pure {
        address signer = recoverSigner(digest, signature);
        if (keccak256(abi.encodePacked(signer)) != handle) revert NotEntryKey(handle, signer);
    }
}
