// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Admin2Step} from "./Common.sol";
import {IRecordRegistryView, ICredentialsView, IWriteConsents} from "./Interfaces.sol";

/// @title RecordRegistry
/// @notice Anchors health records by their salted commitment. The chain holds only who anchored a record, when, and
///         its content type; the record itself stays encrypted off chain. Records are append-only: nothing here edits,
///         deletes or moves an anchored record.
/// @dev Identity (protocol v2): a record is named by its record id, keccak256(abi.encode(owner, commitment)), and a
///      batch by its batch id, keccak256(abi.encode(owner, root)). The owner is part of the name and every function
///      derives it from the sender (or, for `anchorFor` and `anchorBatchFor`, from the owner whose write grant the sender holds), so no
///      account can create, take or squat another account's record or batch, however transactions are ordered: a copy
///      of a pending anchor is a record of the copier's own id.
///      One storage slot per record: owner (160 bits) | anchoredAt (64 bits) | content-type index (32 bits). A content
///      type's 32-byte id, keccak256(contentType), gets a 32-bit index the first time any record uses it (two more
///      slots written once per content type, about 50 000 gas paid by that first anchor, 70 000 for the very first type); later anchors of the type
///      read the index (one cold slot). Indexes never collide and never change.
///      The CID and the content-type string travel in the event, where log data is cheap.
contract RecordRegistry is IRecordRegistryView, Admin2Step {
    /// @dev The Credentials role id an author must hold (a certified provider).
    uint8 private constant AUTHOR_ROLE = 1;

    /// @dev The contract holding patients' write grants (AccessGrants); zero until authoring is configured.
    IWriteConsents private _writeConsents;

    /// @dev How many content types have an index (indexes run from 1; 0 means none).
    uint32 private _contentTypeCount;

    /// @dev The contract holding providers' credentials; zero until authoring is configured.
    ICredentialsView private _credentials;

    /// @notice The record id is anchored already; anchoring is idempotent by record id.
    /// @param recordId keccak256(abi.encode(owner, commitment)).
    error AlreadyAnchored(bytes32 recordId);

    /// @notice The commitment (or batch root) is zero, which no real record can have.
    error EmptyCommitment();

    /// @notice The CID is empty.
    error EmptyCid();

    /// @notice The content type is empty.
    error EmptyContentType();

    /// @notice The sender has no record with this commitment (the record id it names is not anchored).
    /// @param recordId keccak256(abi.encode(sender, commitment)).
    error NotAnchored(bytes32 recordId);

    /// @notice The record already has a newer version; supersede that one instead.
    /// @param recordId The record that was to be superseded.
    /// @param supersededBy The record id of its newer version.
    error AlreadySuperseded(bytes32 recordId, bytes32 supersededBy);

    /// @notice The sender anchored this batch root already.
    /// @param batchId keccak256(abi.encode(sender, root)).
    error BatchAlreadyAnchored(bytes32 batchId);

    /// @notice A batch must hold at least one record.
    error EmptyBatch();

    /// @notice The sender anchored no batch with this root (the batch id it names is not anchored).
    /// @param batchId keccak256(abi.encode(sender, root)).
    error BatchNotAnchored(bytes32 batchId);

    /// @notice The proof does not lead from the record's leaf to the batch's root.
    /// @param batchId The batch.
    /// @param commitment The record's commitment.
    error NotInBatch(bytes32 batchId, bytes32 commitment);

    /// @notice Authoring is wired once; it is already configured.
    error AuthoringAlreadyConfigured();

    /// @notice Provider authoring is not configured on this registry (`configureAuthoring` was never called).
    error AuthoringNotConfigured();

    /// @notice An address that must be set is zero.
    error ZeroAddress();

    /// @notice The author holds no live provider credential.
    /// @param author The account that tried to author a record.
    error AuthorNotCertified(address author);

    /// @notice The owner has no live write grant letting the author write this content type for this purpose
    ///         (never granted, expired, revoked, or granted for other content types).
    /// @param owner The record's owner-to-be.
    /// @param author The sender.
    /// @param contentTypeId keccak256 of the record's content type.
    /// @param purpose keccak256 of the purpose-of-use code.
    error NoWriteConsent(address owner, address author, bytes32 contentTypeId, bytes32 purpose);

    /// @notice A record was anchored.
    /// @param recordId keccak256(abi.encode(owner, commitment)), the record's name on chain.
    /// @param owner The record's owner (the sender, or the patient of a provider-authored record).
    /// @param commitment The record's salted commitment, SHA-256(salt || plaintext). Indexed so a reader holding an
    ///        envelope finds its anchors; several owners may have anchored the same commitment (copies), and only
    ///        the anchor of the expected owner vouches for the record.
    /// @param cid The content identifier of the sealed envelope (CIDv0 or CIDv1 text form).
    /// @param contentType The record's content type (its id is keccak256 of it).
    /// @param anchoredAt The block timestamp, in seconds since the Unix epoch.
    event RecordAnchored(
        bytes32 indexed recordId,
        address indexed owner,
        bytes32 indexed commitment,
        string cid,
        string contentType,
        uint64 anchoredAt
    );

    /// @notice A certified provider wrote a record into `owner`'s record under the owner's write grant; emitted right
    ///         after the record's `RecordAnchored` (whose `owner` is the patient).
    /// @param recordId The record's id (of the owner).
    /// @param owner The record's owner (the patient).
    /// @param author The provider that wrote and anchored it.
    /// @param purpose keccak256 of the purpose-of-use code the write grant is for.
    event RecordAuthored(bytes32 indexed recordId, address indexed owner, address indexed author, bytes32 purpose);

    /// @notice Provider authoring was wired to a write-consent and a credentials contract.
    /// @param writeConsents The AccessGrants contract.
    /// @param credentials The Credentials contract.
    event AuthoringConfigured(address writeConsents, address credentials);

    /// @notice A content type was used for the first time and got its storage index.
    /// @param contentTypeId keccak256(contentType).
    /// @param index The 32-bit index records of this type keep in their slot.
    /// @param contentType The content type.
    event ContentTypeRegistered(bytes32 indexed contentTypeId, uint32 index, string contentType);

    /// @notice A record was replaced by a newer version; the old one stays anchored and readable.
    /// @param previous The record id of the older version.
    /// @param recordId The record id of the newer version.
    /// @param owner The owner of both versions.
    event RecordSuperseded(bytes32 indexed previous, bytes32 indexed recordId, address indexed owner);

    /// @notice A batch of records was anchored as the root of a Merkle tree.
    /// @param batchId keccak256(abi.encode(owner, root)), the batch's name on chain.
    /// @param owner The owner of every record in the batch: the account that anchored it, or the patient of a
    ///        provider-authored batch (`anchorBatchFor`, followed by `BatchAuthored`).
    /// @param root The Merkle root over the batch's leaves (see `leafHash`).
    /// @param count How many records the batch holds.
    /// @param manifestCid The CID of the batch manifest that lists each record's commitment, CID and content type.
    /// @param anchoredAt The block timestamp, in seconds since the Unix epoch.
    event BatchAnchored(
        bytes32 indexed batchId, address indexed owner, bytes32 root, uint32 count, string manifestCid, uint64 anchoredAt
    );

    /// @notice A certified provider anchored a batch of records into `owner`'s record under the owner's write grant
    ///         for every content type; emitted right after the batch's `BatchAnchored` (whose `owner` is the patient).
    /// @param batchId The batch's id (of the owner), `batchIdOf(owner, root)`.
    /// @param owner The owner of the batch and of every record in it (the patient).
    /// @param author The provider that wrote and anchored it.
    /// @param purpose keccak256 of the purpose-of-use code the write grant is for.
    event BatchAuthored(bytes32 indexed batchId, address indexed owner, address indexed author, bytes32 purpose);

    /// @dev record id => owner | anchoredAt << 160 | content-type index << 224.
    mapping(bytes32 => uint256) private _records;

    /// @dev record id => record id of its newer version. Written once, never cleared.
    mapping(bytes32 => bytes32) private _supersededBy;

    /// @dev batch id => owner | anchoredAt << 160 | count << 224.
    mapping(bytes32 => uint256) private _batches;

    /// @dev record id => author, for provider-authored records only.
    mapping(bytes32 => address) private _authors;

    /// @dev content-type id => index (from 1).
    mapping(bytes32 => uint32) private _contentTypeIndex;

    /// @dev index => content-type id.
    mapping(uint32 => bytes32) private _contentTypeIds;

    /// @notice The record id of `owner`'s record with `commitment`: keccak256(abi.encode(owner, commitment)).
    /// @param owner The record's owner.
    /// @param commitment The record's salted commitment.
    /// @return The record id.
    function recordIdOf(address owner, bytes32 commitment) public pure returns (bytes32) {
        return keccak256(abi.encode(owner, commitment));
    }

    /// @notice The batch id of `owner`'s batch with Merkle root `root`: keccak256(abi.encode(owner, root)).
    /// @param owner The batch's owner.
    /// @param root The batch's Merkle root.
    /// @return The batch id.
    function batchIdOf(address owner, bytes32 root) public pure returns (bytes32) {
        return keccak256(abi.encode(owner, root));
    }

    /// @notice Anchors one record; the sender becomes its owner and its record id is `recordIdOf(sender, commitment)`.
    /// @param commitment The record's salted commitment (non-zero; once per sender).
    /// @param cid The content identifier of the sealed envelope (non-empty).
    /// @param contentType The record's content type (non-empty).
    function anchor(bytes32 commitment, string calldata cid, string calldata contentType) external {
        _anchor(msg.sender, commitment, cid, contentType, keccak256(bytes(contentType)));
    }

    /// @notice Wires provider authoring, once: which contract holds write grants and which holds credentials. Admin only.
    /// @param writeConsents_ The AccessGrants contract.
    /// @param credentials_ The Credentials contract.
    function configureAuthoring(IWriteConsents writeConsents_, ICredentialsView credentials_) external onlyAdmin {
        if (address(_writeConsents) != address(0)) revert AuthoringAlreadyConfigured();
        if (address(writeConsents_) == address(0) || address(credentials_) == address(0)) revert ZeroAddress();
        _writeConsents = writeConsents_;
        _credentials = credentials_;
        emit AuthoringConfigured(address(writeConsents_), address(credentials_));
    }

    /// @notice Anchors a record the sender (a certified provider) wrote into `owner`'s record: `owner` becomes the
    ///         record's owner (record id `recordIdOf(owner, commitment)`), the sender its author. Needs a live provider
    ///         credential and the owner's live write grant for the record's content type (or every type) and `purpose`.
    /// @param owner The patient who owns the record.
    /// @param commitment The record's salted commitment (non-zero; once per owner).
    /// @param cid The content identifier of the sealed envelope (non-empty).
    /// @param contentType The record's content type (non-empty).
    /// @param purpose keccak256 of the purpose-of-use code the write grant is for.
    function anchorFor(address owner, bytes32 commitment, string calldata cid, string calldata contentType, bytes32 purpose)
        external
    {
        IWriteConsents consents = _writeConsents;
        if (address(consents) == address(0)) revert AuthoringNotConfigured();
        if (owner == address(0)) revert ZeroAddress();
        if (!_credentials.hasRole(msg.sender, AUTHOR_ROLE)) revert AuthorNotCertified(msg.sender);
        bytes32 typeId = keccak256(bytes(contentType));
        if (!consents.canWrite(owner, msg.sender, typeId, purpose)) revert NoWriteConsent(owner, msg.sender, typeId, purpose);
        bytes32 recordId = _anchor(owner, commitment, cid, contentType, typeId);
        _authors[recordId] = msg.sender;
        emit RecordAuthored(recordId, owner, msg.sender, purpose);
    }

    /// @notice Who owns and who authored a record, with its content-type id, in one call (MediPoints pays the reward
    ///         of a record to its author when there is one, else to its owner).
    /// @param recordId The record id.
    /// @return owner The record's owner, or zero when it is not anchored.
    /// @return author The provider that wrote it, or zero for a record its owner anchored.
    /// @return contentTypeId keccak256 of the record's content type, or zero.
    function getRecordParties(bytes32 recordId)
        external
        view
        returns (address owner, address author, bytes32 contentTypeId)
    {
        uint256 packed = _records[recordId];
        owner = address(uint160(packed));
        contentTypeId = _contentTypeIds[uint32(packed >> 224)];
        author = _authors[recordId];
    }

    /// @notice Anchors a newer version of one of the sender's records. The old version stays anchored; readers follow
    ///         `getRecord(previous).supersededBy` to the newest one. A version is superseded once, for good.
    /// @param previousCommitment The commitment of the sender's record being replaced (anchored, not yet superseded).
    /// @param commitment The new version's salted commitment.
    /// @param cid The new version's CID.
    /// @param contentType The new version's content type.
    function supersede(bytes32 previousCommitment, bytes32 commitment, string calldata cid, string calldata contentType)
        external
    {
        bytes32 previous = recordIdOf(msg.sender, previousCommitment);
        if (_records[previous] == 0) revert NotAnchored(previous);
        bytes32 newer = _supersededBy[previous];
        if (newer != bytes32(0)) revert AlreadySuperseded(previous, newer);
        bytes32 recordId = _anchor(msg.sender, commitment, cid, contentType, keccak256(bytes(contentType)));
        _supersededBy[previous] = recordId;
        emit RecordSuperseded(previous, recordId, msg.sender);
    }

    /// @notice Anchors many records at once as the root of a Merkle tree over their leaves; the sender owns the batch
    ///         (batch id `batchIdOf(sender, root)`) and every record in it. Each record is later proven with
    ///         `verifyInBatch` or registered on its own with `registerFromBatch`.
    /// @param root The Merkle root (non-zero; once per sender).
    /// @param count How many records the tree holds (at least one).
    /// @param manifestCid The CID of the manifest listing the batch's records.
    function anchorBatch(bytes32 root, uint32 count, string calldata manifestCid) external {
        _anchorBatch(msg.sender, root, count, manifestCid);
    }

    /// @notice Anchors a batch of records the sender (a certified provider) wrote into `owner`'s record, as the root of
    ///         a Merkle tree: `owner` owns the batch (batch id `batchIdOf(owner, root)`) and every record in it, the
    ///         sender is its author. The leaves name their content types, which the registry does not see, so the
    ///         batch needs the owner's live write grant for every content type (scope "all") and `purpose`, and a live
    ///         provider credential. The owner registers a record on its own with `registerFromBatch`.
    /// @param owner The patient who owns the batch.
    /// @param root The Merkle root (non-zero; once per owner).
    /// @param count How many records the tree holds (at least one).
    /// @param manifestCid The CID of the manifest listing the batch's records.
    /// @param purpose keccak256 of the purpose-of-use code the write grant is for.
    function anchorBatchFor(address owner, bytes32 root, uint32 count, string calldata manifestCid, bytes32 purpose)
        external
    {
        IWriteConsents consents = _writeConsents;
        if (address(consents) == address(0)) revert AuthoringNotConfigured();
        if (owner == address(0)) revert ZeroAddress();
        if (!_credentials.hasRole(msg.sender, AUTHOR_ROLE)) revert AuthorNotCertified(msg.sender);
        // Content-type id zero is no content type's keccak256: only a grant for all records admits it.
        if (!consents.canWrite(owner, msg.sender, bytes32(0), purpose)) {
            revert NoWriteConsent(owner, msg.sender, bytes32(0), purpose);
        }
        bytes32 batchId = _anchorBatch(owner, root, count, manifestCid);
        emit BatchAuthored(batchId, owner, msg.sender, purpose);
    }

    /// @notice Registers one record of the sender's batch on its own, proven by its Merkle proof, so that grants,
    ///         audited reads and consents can name it by its record id. The record id is the sender's
    ///         (`recordIdOf(sender, commitment)`) and is registered once: nothing ever takes it back or over.
    /// @param root The Merkle root of one of the sender's batches.
    /// @param commitment The record's salted commitment.
    /// @param cid The record's CID.
    /// @param contentType The record's content type.
    /// @param proof The sibling hashes from the leaf up to the root.
    function registerFromBatch(
        bytes32 root,
        bytes32 commitment,
        string calldata cid,
        string calldata contentType,
        bytes32[] calldata proof
    ) external {
        bytes32 batchId = batchIdOf(msg.sender, root);
        if (_batches[batchId] == 0) revert BatchNotAnchored(batchId);
        if (_climb(commitment, cid, contentType, proof) != root) revert NotInBatch(batchId, commitment);
        _anchor(msg.sender, commitment, cid, contentType, keccak256(bytes(contentType)));
    }

    /// @notice Reads an anchored record.
    /// @param recordId The record id, `recordIdOf(owner, commitment)`.
    /// @return owner The record's owner, or the zero address when it is not anchored.
    /// @return anchoredAt The block timestamp of the anchor, or zero.
    /// @return contentTypeId keccak256 of the record's content type, or zero.
    /// @return supersededBy The record id of the record's newer version, or zero when it is the newest.
    function getRecord(bytes32 recordId)
        external
        view
        returns (address owner, uint64 anchoredAt, bytes32 contentTypeId, bytes32 supersededBy)
    {
        uint256 packed = _records[recordId];
        owner = address(uint160(packed));
        anchoredAt = uint64(packed >> 160);
        contentTypeId = _contentTypeIds[uint32(packed >> 224)];
        supersededBy = _supersededBy[recordId];
    }

    /// @notice Reads an anchored batch.
    /// @param batchId The batch id, `batchIdOf(owner, root)`.
    /// @return owner The account that anchored it, or the zero address.
    /// @return anchoredAt The block timestamp of the anchor, or zero.
    /// @return count How many records the batch holds.
    function getBatch(bytes32 batchId) external view returns (address owner, uint64 anchoredAt, uint32 count) {
        uint256 packed = _batches[batchId];
        owner = address(uint160(packed));
        anchoredAt = uint64(packed >> 160);
        count = uint32(packed >> 224);
    }

    /// @notice The leaf of one record in a batch tree: keccak256(0x00 || commitment || keccak256(cid) || keccak256(contentType)).
    ///         The 0x00 prefix (0x01 for inner nodes) keeps a leaf from ever passing for an inner node.
    /// @param commitment The record's salted commitment.
    /// @param cid The record's CID.
    /// @param contentType The record's content type.
    /// @return The leaf hash.
    function leafHash(bytes32 commitment, string calldata cid, string calldata contentType) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(bytes1(0x00), commitment, keccak256(bytes(cid)), keccak256(bytes(contentType))));
    }

    /// @notice Whether a record is in `owner`'s anchored batch with root `root`: hashes the leaf up the proof (pairs
    ///         sorted, 0x01-prefixed) and compares with the root.
    /// @param owner The batch's owner.
    /// @param root The batch's Merkle root.
    /// @param commitment The record's salted commitment.
    /// @param cid The record's CID.
    /// @param contentType The record's content type.
    /// @param proof The sibling hashes from the leaf up to the root.
    /// @return True when `owner` anchored the root and the proof leads from the record's leaf to it.
    function verifyInBatch(
        address owner,
        bytes32 root,
        bytes32 commitment,
        string calldata cid,
        string calldata contentType,
        bytes32[] calldata proof
    ) external view returns (bool) {
        return _batches[batchIdOf(owner, root)] != 0 && _climb(commitment, cid, contentType, proof) == root;
    }

    /// @notice Whether a record id is anchored.
    /// @param recordId The record id.
    /// @return True when a record with this id is anchored.
    function isAnchored(bytes32 recordId) external view returns (bool) {
        return _records[recordId] != 0;
    }

    /// @notice The 32-bit storage index of a content type, or zero when no record has used it yet.
    /// @param contentTypeId keccak256(contentType).
    /// @return The index.
    function contentTypeIndexOf(bytes32 contentTypeId) external view returns (uint32) {
        return _contentTypeIndex[contentTypeId];
    }

    function _climb(bytes32 commitment, string calldata cid, string calldata contentType, bytes32[] calldata proof)
        private
        pure
        returns (bytes32 node)
    {
        node = leafHash(commitment, cid, contentType);
        for (uint256 i = 0; i < proof.length; ++i) {
            bytes32 sibling = proof[i];
            node = node < sibling
                ? keccak256(abi.encodePacked(bytes1(0x01), node, sibling))
                : keccak256(abi.encodePacked(bytes1(0x01), sibling, node));
        }
    }

    function _anchorBatch(address owner, bytes32 root, uint32 count, string calldata manifestCid)
        private
        returns (bytes32 batchId)
    {
        if (root == bytes32(0)) revert EmptyCommitment();
        if (count == 0) revert EmptyBatch();
        if (bytes(manifestCid).length == 0) revert EmptyCid();
        batchId = batchIdOf(owner, root);
        if (_batches[batchId] != 0) revert BatchAlreadyAnchored(batchId);
        uint64 anchoredAt = uint64(block.timestamp);
        _batches[batchId] = uint256(uint160(owner)) | (uint256(anchoredAt) << 160) | (uint256(count) << 224);
        emit BatchAnchored(batchId, owner, root, count, manifestCid, anchoredAt);
    }

    function _anchor(address owner, bytes32 commitment, string calldata cid, string calldata contentType, bytes32 typeId)
        private
        returns (bytes32 recordId)
    {
        if (commitment == bytes32(0)) revert EmptyCommitment();
        if (bytes(cid).length == 0) revert EmptyCid();
        if (bytes(contentType).length == 0) revert EmptyContentType();
        recordId = recordIdOf(owner, commitment);
        if (_records[recordId] != 0) revert AlreadyAnchored(recordId);

        uint32 index = _contentTypeIndex[typeId];
        if (index == 0) {
            index = ++_contentTypeCount;
            _contentTypeIndex[typeId] = index;
            _contentTypeIds[index] = typeId;
            emit ContentTypeRegistered(typeId, index, contentType);
        }
        uint64 anchoredAt = uint64(block.timestamp);
        _records[recordId] = uint256(uint160(owner)) | (uint256(anchoredAt) << 160) | (uint256(index) << 224);
        emit RecordAnchored(recordId, owner, commitment, cid, contentType, anchoredAt);
    }
}
