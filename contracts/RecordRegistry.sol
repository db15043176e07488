// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice The part of AccessGrants that decides provider-authored writes.
interface IWriteConsents {
    /// @notice See `AccessGrants.canWrite`.
    function canWrite(address owner, address author, bytes4 contentTypeId, bytes32 purpose) external view returns (bool);
}

/// @notice The part of Credentials that decides who may author records.
interface IAuthorCredentials {
    /// @notice See `Credentials.hasRole`.
    function hasRole(address account, uint8 role) external view returns (bool);
}

/// @title RecordRegistry
/// @notice Anchors health records by their salted commitment. The chain holds only who anchored a
///         record, when, and a short content-type id; the record itself stays encrypted off chain.
///         Records are append-only: nothing here edits or deletes an anchored record.
/// @dev One storage slot per record: owner (160 bits) | anchoredAt (64 bits) | content-type id (32 bits).
///      The CID and the content-type string travel in the event, where log data is cheap.
///      Provider-authored records (`anchorFor`): a certified provider anchors a record with a patient as its owner,
///      under the patient's write grant; the author goes into a second slot only for those records and into a
///      `RecordAuthored` event next to the usual `RecordAnchored`, so a patient's own anchors write what they did.
contract RecordRegistry {
    /// @dev The Credentials role id an author must hold (a certified provider).
    uint8 private constant AUTHOR_ROLE = 1;

    /// @dev The deployer, who wires provider authoring once (`configureAuthoring`).
    address private immutable _admin;

    /// @dev The contract holding patients' write grants (AccessGrants); zero until authoring is configured.
    IWriteConsents private _writeConsents;

    /// @dev The contract holding providers' credentials; zero until authoring is configured.
    IAuthorCredentials private _credentials;

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

    /// @notice No record with this commitment is anchored.
    /// @param commitment The commitment that was looked up.
    error NotAnchored(bytes32 commitment);

    /// @notice Only a record's owner may supersede it.
    /// @param commitment The record to supersede.
    /// @param owner The record's owner.
    /// @param caller The account that tried.
    error NotRecordOwner(bytes32 commitment, address owner, address caller);

    /// @notice The record already has a newer version; supersede that one instead.
    /// @param commitment The record that was to be superseded.
    /// @param supersededBy The commitment of its newer version.
    error AlreadySuperseded(bytes32 commitment, bytes32 supersededBy);

    /// @notice A batch root is anchored already (by `owner`).
    /// @param root The Merkle root.
    /// @param owner The account that anchored it first.
    error BatchAlreadyAnchored(bytes32 root, address owner);

    /// @notice A batch must hold at least one record.
    error EmptyBatch();

    /// @notice Only the account that anchored a batch may register its records.
    /// @param root The Merkle root.
    /// @param owner The batch's owner (zero when the root is not anchored).
    /// @param caller The sender.
    error NotBatchOwner(bytes32 root, address owner, address caller);

    /// @notice The proof does not lead from the record's leaf to the batch's root.
    /// @param root The Merkle root.
    /// @param commitment The record's commitment.
    error NotInBatch(bytes32 root, bytes32 commitment);

    /// @notice Only the admin may configure authoring.
    error NotAdmin(address caller);

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
    error NoWriteConsent(address owner, address author, bytes4 contentTypeId, bytes32 purpose);

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

    /// @notice A certified provider wrote a record into `owner`'s record under the owner's write grant; emitted right
    ///         after the record's `RecordAnchored` (whose `owner` is the patient).
    /// @param commitment The record's salted commitment.
    /// @param owner The record's owner (the patient).
    /// @param author The provider that wrote and anchored it.
    /// @param purpose keccak256 of the purpose-of-use code the write grant is for.
    event RecordAuthored(bytes32 indexed commitment, address indexed owner, address indexed author, bytes32 purpose);

    /// @notice Provider authoring was wired to a write-consent and a credentials contract.
    event AuthoringConfigured(address writeConsents, address credentials);

    /// @notice A record was replaced by a newer version; the old one stays anchored and readable.
    /// @param previous The commitment of the older version.
    /// @param commitment The commitment of the newer version.
    /// @param owner The owner of both versions.
    event RecordSuperseded(bytes32 indexed previous, bytes32 indexed commitment, address indexed owner);

    /// @notice A batch of records was anchored as the root of a Merkle tree.
    /// @param root The Merkle root over the batch's leaves (see `leafHash`).
    /// @param owner The account that anchored the batch (the owner of every record in it).
    /// @param count How many records the batch holds.
    /// @param manifestCid The CID of the batch manifest that lists each record's commitment, CID and content type.
    /// @param anchoredAt The block timestamp, in seconds since the Unix epoch.
    event BatchAnchored(bytes32 indexed root, address indexed owner, uint32 count, string manifestCid, uint64 anchoredAt);

    /// @notice A batch owner took back a commitment that another account had anchored on its own no earlier than the
    ///         batch (a copy taken from the public batch manifest). The usual `RecordAnchored` follows.
    /// @param commitment The record's commitment.
    /// @param owner The batch owner, the record's owner from now on.
    /// @param previousOwner The account whose copy was dropped.
    event RecordReclaimed(bytes32 indexed commitment, address indexed owner, address indexed previousOwner);

    /// @dev commitment => owner | anchoredAt << 160 | contentTypeId << 224.
    mapping(bytes32 => uint256) private _records;

    /// @dev commitment => commitment of its newer version.
    mapping(bytes32 => bytes32) private _supersededBy;

    /// @dev Merkle root => owner | anchoredAt << 160 | count << 224.
    mapping(bytes32 => uint256) private _batches;

    /// @dev commitment => author, for provider-authored records only.
    mapping(bytes32 => address) private _authors;

    constructor() {
        _admin = msg.sender;
    }

    /// @notice Anchors one record; the sender becomes its owner.
    /// @param commitment The record's salted commitment (non-zero, unique).
    /// @param cid The content identifier of the sealed envelope (non-empty).
    /// @param contentType The record's content type (non-empty).
    function anchor(bytes32 commitment, string calldata cid, string calldata contentType) external {
        _anchor(msg.sender, commitment, cid, contentType);
    }

    /// @notice Wires provider authoring, once: which contract holds write grants and which holds credentials. Admin only.
    /// @param writeConsents_ The AccessGrants contract.
    /// @param credentials_ The Credentials contract.
    function configureAuthoring(IWriteConsents writeConsents_, IAuthorCredentials credentials_) external {
        if (msg.sender != _admin) revert NotAdmin(msg.sender);
        if (address(_writeConsents) != address(0)) revert AuthoringAlreadyConfigured();
        if (address(writeConsents_) == address(0) || address(credentials_) == address(0)) revert ZeroAddress();
        _writeConsents = writeConsents_;
        _credentials = credentials_;
        emit AuthoringConfigured(address(writeConsents_), address(credentials_));
    }

    /// @notice Anchors a record the sender (a certified provider) wrote into `owner`'s record: `owner` becomes the
    ///         record's owner, the sender its author. Needs a live provider credential and the owner's live write grant
    ///         for the record's content type (or every type) and `purpose`.
    /// @param owner The patient who owns the record.
    /// @param commitment The record's salted commitment (non-zero, unique).
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
        bytes4 typeId = bytes4(keccak256(bytes(contentType)));
        if (!consents.canWrite(owner, msg.sender, typeId, purpose)) revert NoWriteConsent(owner, msg.sender, typeId, purpose);
        _anchor(owner, commitment, cid, contentType);
        _authors[commitment] = msg.sender;
        emit RecordAuthored(commitment, owner, msg.sender, purpose);
    }

    /// @notice Who owns and who authored a record, with its content-type id, in one call (MediPoints pays the reward
    ///         of a record to its author when there is one, else to its owner).
    /// @param commitment The record's salted commitment.
    /// @return owner The record's owner, or zero when it is not anchored.
    /// @return author The provider that wrote it, or zero for a record its owner anchored.
    /// @return contentTypeId The first four bytes of keccak256(contentType), or zero.
    function getRecordParties(bytes32 commitment)
        external
        view
        returns (address owner, address author, bytes4 contentTypeId)
    {
        uint256 packed = _records[commitment];
        owner = address(uint160(packed));
        contentTypeId = bytes4(uint32(packed >> 224));
        author = _authors[commitment];
    }

    /// @notice Anchors a newer version of a record the sender owns. The old version stays anchored; readers
    ///         follow `getRecord(previous).supersededBy` to the newest one.
    /// @param previous The commitment of the version being replaced (anchored, owned by the sender, not yet superseded).
    /// @param commitment The new version's salted commitment.
    /// @param cid The new version's CID.
    /// @param contentType The new version's content type.
    function supersede(bytes32 previous, bytes32 commitment, string calldata cid, string calldata contentType) external {
        uint256 old = _records[previous];
        if (old == 0) revert NotAnchored(previous);
        address owner = address(uint160(old));
        if (owner != msg.sender) revert NotRecordOwner(previous, owner, msg.sender);
        bytes32 newer = _supersededBy[previous];
        if (newer != bytes32(0)) revert AlreadySuperseded(previous, newer);
        _anchor(msg.sender, commitment, cid, contentType);
        _supersededBy[previous] = commitment;
        emit RecordSuperseded(previous, commitment, msg.sender);
    }

    /// @notice Anchors many records at once as the root of a Merkle tree over their leaves; the sender owns them.
    ///         Each record is later proven with `verifyInBatch`.
    /// @param root The Merkle root (non-zero, unique).
    /// @param count How many records the tree holds (at least one).
    /// @param manifestCid The CID of the manifest listing the batch's records.
    function anchorBatch(bytes32 root, uint32 count, string calldata manifestCid) external {
        if (root == bytes32(0)) revert EmptyCommitment();
        if (count == 0) revert EmptyBatch();
        if (bytes(manifestCid).length == 0) revert EmptyCid();
        uint256 existing = _batches[root];
        if (existing != 0) revert BatchAlreadyAnchored(root, address(uint160(existing)));
        uint64 anchoredAt = uint64(block.timestamp);
        _batches[root] = uint256(uint160(msg.sender)) | (uint256(anchoredAt) << 160) | (uint256(count) << 224);
        emit BatchAnchored(root, msg.sender, count, manifestCid, anchoredAt);
    }

    /// @notice Registers one record of the sender's batch on its own, proven by its Merkle proof, so that grants,
    ///         audited reads and consents can look it up. A batch's commitments are public in its manifest, so another
    ///         account could anchor one of them first: an anchor by another account that is no older than the batch is
    ///         such a copy, and the batch owner takes the commitment back (`RecordReclaimed`); an older one stands.
    /// @param root The batch's Merkle root.
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
        uint256 batch = _batches[root];
        address batchOwner = address(uint160(batch));
        if (batchOwner != msg.sender) revert NotBatchOwner(root, batchOwner, msg.sender);
        if (!_inBatch(root, commitment, cid, contentType, proof)) revert NotInBatch(root, commitment);
        uint256 existing = _records[commitment];
        if (existing != 0) {
            address previous = address(uint160(existing));
            if (previous == msg.sender || uint64(existing >> 160) < uint64(batch >> 160)) {
                revert AlreadyAnchored(commitment, previous);
            }
            delete _records[commitment];
            delete _authors[commitment];
            delete _supersededBy[commitment];
            emit RecordReclaimed(commitment, msg.sender, previous);
        }
        _anchor(msg.sender, commitment, cid, contentType);
    }

    /// @notice Reads an anchored record.
    /// @param commitment The record's salted commitment.
    /// @return owner The account that anchored it, or the zero address when it is not anchored.
    /// @return anchoredAt The block timestamp of the anchor, or zero.
    /// @return contentTypeId The first four bytes of keccak256(contentType), or zero.
    /// @return supersededBy The commitment of the record's newer version, or zero when it is the newest.
    function getRecord(bytes32 commitment)
        external
        view
        returns (address owner, uint64 anchoredAt, bytes4 contentTypeId, bytes32 supersededBy)
    {
        uint256 packed = _records[commitment];
        owner = address(uint160(packed));
        anchoredAt = uint64(packed >> 160);
        contentTypeId = bytes4(uint32(packed >> 224));
        supersededBy = _supersededBy[commitment];
    }

    /// @notice Reads an anchored batch.
    /// @param root The batch's Merkle root.
    /// @return owner The account that anchored it, or the zero address.
    /// @return anchoredAt The block timestamp of the anchor, or zero.
    /// @return count How many records the batch holds.
    function getBatch(bytes32 root) external view returns (address owner, uint64 anchoredAt, uint32 count) {
        uint256 packed = _batches[root];
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

    /// @notice Whether a record is in an anchored batch: hashes the leaf up the proof (pairs sorted, 0x01-prefixed)
    ///         and compares with an anchored root.
    /// @param root The batch's Merkle root.
    /// @param commitment The record's salted commitment.
    /// @param cid The record's CID.
    /// @param contentType The record's content type.
    /// @param proof The sibling hashes from the leaf up to the root.
    /// @return True when the root is anchored and the proof leads from the record's leaf to it.
    function verifyInBatch(
        bytes32 root,
        bytes32 commitment,
        string calldata cid,
        string calldata contentType,
        bytes32[] calldata proof
    ) external view returns (bool) {
        return _inBatch(root, commitment, cid, contentType, proof);
    }

    function _inBatch(
        bytes32 root,
        bytes32 commitment,
        string calldata cid,
        string calldata contentType,
        bytes32[] calldata proof
    ) private view returns (bool) {
        if (_batches[root] == 0) return false;
        bytes32 node = leafHash(commitment, cid, contentType);
        for (uint256 i = 0; i < proof.length; ++i) {
            bytes32 sibling = proof[i];
            node = node < sibling
                ? keccak256(abi.encodePacked(bytes1(0x01), node, sibling))
                : keccak256(abi.encodePacked(bytes1(0x01), sibling, node));
        }
        return node == root;
    }

    /// @notice Whether a commitment is anchored.
    /// @param commitment The record's salted commitment.
    /// @return True when a record with this commitment is anchored.
    function isAnchored(bytes32 commitment) external view returns (bool) {
        return _records[commitment] != 0;
    }

    function _anchor(address owner, bytes32 commitment, string calldata cid, string calldata contentType) private {
        if (commitment == bytes32(0)) revert EmptyCommitment();
        if (bytes(cid).length == 0) revert EmptyCid();
        if (bytes(contentType).length == 0) revert EmptyContentType();
        uint256 existing = _records[commitment];
        if (existing != 0) revert AlreadyAnchored(commitment, address(uint160(existing)));

        bytes4 typeId = bytes4(keccak256(bytes(contentType)));
        uint64 anchoredAt = uint64(block.timestamp);
        _records[commitment] =
            uint256(uint160(owner)) | (uint256(anchoredAt) << 160) | (uint256(uint32(typeId)) << 224);
        emit RecordAnchored(commitment, owner, cid, contentType, typeId, anchoredAt);
    }
}
