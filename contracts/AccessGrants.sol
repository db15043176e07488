// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRecordRegistryView} from "./Interfaces.sol";

/// @title AccessGrants
/// @notice Who may read which of a patient's records, and why. A grant is EIP-712 typed data signed off chain by
///         the records' owner (or the owner's delegate, or a minor's guardian) and submitted by anyone, so granting
///         costs the patient no gas. Grants expire and can be revoked; `canRead` answers for one record and purpose.
///         Delegates act for an owner for a bounded time; a guardian acts for a minor until hand-over. Every grant,
///         revocation and logged read is an event, so an owner can list every use of their data.
/// @dev Scope kinds: 0 = one record (scope = its record id, keccak256(abi.encode(owner, commitment))), 1 = a content
///      type or category (scope = its 32-byte content-type id, keccak256(contentType)), 2 = every record of the owner (scope = 0). A purpose is
///      keccak256 of a purpose-of-use code (for example "TREAT"). A grant's id is its EIP-712 digest; for each
///      (owner, grantee, scope, purpose) the most recently submitted grant is the one in force.
///      Write grants are the same idea for the other direction: the owner lets a certified provider (the author)
///      anchor new records into the owner's record (`RecordRegistry.anchorFor`), for one content type (kind 1) or any
///      (kind 2), for one purpose, until an expiry. They have their own EIP-712 type, so a read grant can never pass
///      for a write grant, and share the grant states, so `getGrant` and `revokeGrant` serve both.
contract AccessGrants {
    /// @notice The signed grant.
    struct Grant {
        address owner;
        address grantee;
        uint8 scopeKind;
        bytes32 scope;
        bytes32 purpose;
        uint64 expiresAt;
        bytes32 salt;
    }

    /// @notice A signed write grant: `owner` lets `author` anchor records of a scope into the owner's record.
    struct WriteGrant {
        address owner;
        address author;
        uint8 scopeKind;
        bytes32 scope;
        bytes32 purpose;
        uint64 expiresAt;
        bytes32 salt;
    }

    /// @dev owner (160) | expiresAt (64) | revoked (8) in one slot.
    struct GrantState {
        address owner;
        uint64 expiresAt;
        bool revoked;
    }

    /// @notice keccak256 of the EIP-712 type of `Grant`.
    bytes32 public constant GRANT_TYPEHASH = keccak256(
        "Grant(address owner,address grantee,uint8 scopeKind,bytes32 scope,bytes32 purpose,uint64 expiresAt,bytes32 salt)"
    );

    /// @notice keccak256 of the EIP-712 type of `WriteGrant`.
    bytes32 public constant WRITE_GRANT_TYPEHASH = keccak256(
        "WriteGrant(address owner,address author,uint8 scopeKind,bytes32 scope,bytes32 purpose,uint64 expiresAt,bytes32 salt)"
    );

    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("MediBloc AccessGrants");
    bytes32 private constant VERSION_HASH = keccak256("1");
    uint256 private constant HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    /// @notice The registry whose records the grants cover.
    IRecordRegistryView public immutable registry;

    mapping(bytes32 grantId => GrantState) private _grants;
    mapping(bytes32 slotKey => bytes32 grantId) private _inForce;
    mapping(bytes32 slotKey => bytes32 grantId) private _writeInForce;
    mapping(address owner => mapping(address delegate => uint64 validUntil)) private _delegates;
    mapping(address minor => address guardian) private _guardians;

    /// @notice The signature is malformed or does not recover to an account.
    error InvalidSignature();
    /// @notice The signer may not grant for `owner` (not the owner, a live delegate, nor the guardian).
    error UnauthorizedSigner(address owner, address signer);
    /// @notice The caller may not act for `owner`.
    error NotOwnerOrDelegate(address owner, address caller);
    /// @notice The grant's expiry is not in the future.
    error GrantExpired(uint64 expiresAt);
    /// @notice This exact signed grant was submitted before.
    error GrantExists(bytes32 grantId);
    /// @notice No grant has this id.
    error UnknownGrant(bytes32 grantId);
    /// @notice The grant is revoked already.
    error GrantAlreadyRevoked(bytes32 grantId);
    /// @notice The scope kind is unknown, or the scope does not fit its kind.
    error InvalidScope(uint8 scopeKind, bytes32 scope);
    /// @notice An address that must be set is zero.
    error ZeroAddress();
    /// @notice A delegate's validity must end in the future.
    error InvalidValidity(uint64 validUntil);
    /// @notice A guardian must be another, non-zero account.
    error InvalidGuardian(address guardian);
    /// @notice The minor has a guardian already.
    error GuardianAlreadyAppointed(address minor, address guardian);
    /// @notice Only the minor's guardian may hand over.
    error NotGuardian(address minor, address caller);
    /// @notice The reader may not read this record for this purpose.
    error NotPermitted(address reader, bytes32 commitment, bytes32 purpose);
    /// @notice A write grant covers one content type (kind 1, its 32-byte id) or every type (kind 2, zero).
    error InvalidWriteScope(uint8 scopeKind, bytes32 scope);

    /// @notice A signed grant was submitted and is now in force.
    event GrantSubmitted(
        bytes32 indexed grantId,
        address indexed owner,
        address indexed grantee,
        uint8 scopeKind,
        bytes32 scope,
        bytes32 purpose,
        uint64 expiresAt,
        address signer
    );
    /// @notice A signed write grant was submitted and is now in force: `author` may anchor records into `owner`'s record.
    event WriteGrantSubmitted(
        bytes32 indexed grantId,
        address indexed owner,
        address indexed author,
        uint8 scopeKind,
        bytes32 scope,
        bytes32 purpose,
        uint64 expiresAt,
        address signer
    );
    /// @notice A grant (read or write) was revoked by `by` (the owner, a delegate or the guardian).
    event GrantRevoked(bytes32 indexed grantId, address indexed owner, address indexed by);
    /// @notice `delegate` may act for `owner` until `validUntil`.
    event DelegateSet(address indexed owner, address indexed delegate, uint64 validUntil, address by);
    /// @notice `delegate` may no longer act for `owner`.
    event DelegateRevoked(address indexed owner, address indexed delegate, address by);
    /// @notice `guardian` acts for `minor` until hand-over.
    event GuardianAppointed(address indexed minor, address indexed guardian);
    /// @notice `guardian` handed `minor`'s account over; the minor now acts alone.
    event GuardianshipEnded(address indexed minor, address indexed guardian);
    /// @notice `reader` read a record of `owner` for `purpose` (audit trail).
    event RecordRead(
        bytes32 indexed commitment, address indexed owner, address indexed reader, bytes32 purpose, uint64 readAt
    );

    /// @param registry_ The record registry whose records the grants cover.
    constructor(IRecordRegistryView registry_) {
        if (address(registry_) == address(0)) revert ZeroAddress();
        registry = registry_;
    }

    /// @notice The EIP-712 domain separator (name "MediBloc AccessGrants", version "1", this chain, this contract).
    /// @return The separator.
    function domainSeparator() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    /// @notice The EIP-712 digest of a grant, which is also its id.
    /// @param g The grant.
    /// @return The digest the owner signs.
    function hashGrant(Grant calldata g) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(GRANT_TYPEHASH, g.owner, g.grantee, g.scopeKind, g.scope, g.purpose, g.expiresAt, g.salt)
        );
        return _digest(structHash);
    }

    /// @notice Puts a signed grant in force. Anyone may submit it; the signature decides.
    /// @param g The grant.
    /// @param signature The 65-byte signature (r, s, v) over `hashGrant(g)` by the owner, a live delegate or the guardian.
    /// @return grantId The grant's id.
    function submitGrant(Grant calldata g, bytes calldata signature) external returns (bytes32 grantId) {
        if (g.owner == address(0) || g.grantee == address(0)) revert ZeroAddress();
        _checkScope(g.scopeKind, g.scope);
        grantId = hashGrant(g);
        address signer = _admit(grantId, g.owner, g.expiresAt, signature);
        _inForce[_slotKey(g.owner, g.grantee, g.scopeKind, g.scope, g.purpose)] = grantId;
        emit GrantSubmitted(grantId, g.owner, g.grantee, g.scopeKind, g.scope, g.purpose, g.expiresAt, signer);
    }

    /// @notice The EIP-712 digest of a write grant, which is also its id.
    /// @param g The write grant.
    /// @return The digest the owner signs.
    function hashWriteGrant(WriteGrant calldata g) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(WRITE_GRANT_TYPEHASH, g.owner, g.author, g.scopeKind, g.scope, g.purpose, g.expiresAt, g.salt)
        );
        return _digest(structHash);
    }

    /// @notice Puts a signed write grant in force. Anyone may submit it; the signature decides. Revoke it with
    ///         `revokeGrant`, like a read grant.
    /// @param g The write grant.
    /// @param signature The 65-byte signature over `hashWriteGrant(g)` by the owner, a live delegate or the guardian.
    /// @return grantId The grant's id.
    function submitWriteGrant(WriteGrant calldata g, bytes calldata signature) external returns (bytes32 grantId) {
        if (g.owner == address(0) || g.author == address(0)) revert ZeroAddress();
        bool scopeOk = g.scopeKind == 1
            ? g.scope != bytes32(0)
            : g.scopeKind == 2 && g.scope == bytes32(0);
        if (!scopeOk) revert InvalidWriteScope(g.scopeKind, g.scope);
        grantId = hashWriteGrant(g);
        address signer = _admit(grantId, g.owner, g.expiresAt, signature);
        _writeInForce[_slotKey(g.owner, g.author, g.scopeKind, g.scope, g.purpose)] = grantId;
        emit WriteGrantSubmitted(grantId, g.owner, g.author, g.scopeKind, g.scope, g.purpose, g.expiresAt, signer);
    }

    /// @notice Whether `author` may anchor a record of `contentTypeId` into `owner`'s record for `purpose` now: a
    ///         live, unrevoked write grant for that content type or for every type.
    /// @param owner The record's owner-to-be (the patient).
    /// @param author The writing account (the provider).
    /// @param contentTypeId keccak256 of the record's content type.
    /// @param purpose keccak256 of the purpose-of-use code.
    /// @return True when the write is consented.
    function canWrite(address owner, address author, bytes32 contentTypeId, bytes32 purpose) external view returns (bool) {
        return _liveWrite(_slotKey(owner, author, 1, contentTypeId, purpose))
            || _liveWrite(_slotKey(owner, author, 2, bytes32(0), purpose));
    }

    /// @notice The write grant in force for one (owner, author, scope, purpose), live or not, so a caller can tell
    ///         "never granted" from "expired" or "revoked" (`getGrant`).
    /// @param owner The owner.
    /// @param author The author.
    /// @param scopeKind 1 content type, 2 every type.
    /// @param scope The 32-byte content-type id, or zero.
    /// @param purpose keccak256 of the purpose-of-use code.
    /// @return The grant id, or zero when none was ever submitted.
    function writeGrantInForce(address owner, address author, uint8 scopeKind, bytes32 scope, bytes32 purpose)
        external
        view
        returns (bytes32)
    {
        return _writeInForce[_slotKey(owner, author, scopeKind, scope, purpose)];
    }

    /// @notice Revokes a grant. The caller must be the owner, a live delegate, or the owner's guardian.
    /// @param grantId The grant's id.
    function revokeGrant(bytes32 grantId) external {
        GrantState storage s = _grants[grantId];
        address owner = s.owner;
        if (owner == address(0)) revert UnknownGrant(grantId);
        if (!_mayActFor(owner, msg.sender)) revert NotOwnerOrDelegate(owner, msg.sender);
        if (s.revoked) revert GrantAlreadyRevoked(grantId);
        s.revoked = true;
        emit GrantRevoked(grantId, owner, msg.sender);
    }

    /// @notice Reads a grant's state.
    /// @param grantId The grant's id.
    /// @return owner The records' owner, or zero when no such grant exists.
    /// @return expiresAt When the grant expires.
    /// @return revoked Whether it was revoked.
    function getGrant(bytes32 grantId) external view returns (address owner, uint64 expiresAt, bool revoked) {
        GrantState storage s = _grants[grantId];
        return (s.owner, s.expiresAt, s.revoked);
    }

    /// @notice Whether `reader` may read the record `commitment` for `purpose` now: the owner and the owner's
    ///         guardian always may; anyone else needs a live, unrevoked grant for that record, its content type, or all.
    /// @param reader The reading account.
    /// @param commitment The record's id in the registry, keccak256(abi.encode(owner, commitment)).
    /// @param purpose keccak256 of the purpose-of-use code.
    /// @return True when the read is permitted.
    function canRead(address reader, bytes32 commitment, bytes32 purpose) public view returns (bool) {
        (address owner,, bytes32 typeId,) = registry.getRecord(commitment);
        if (owner == address(0)) return false;
        if (reader == owner || (reader != address(0) && _guardians[owner] == reader)) return true;
        return _live(_slotKey(owner, reader, 0, commitment, purpose))
            || _live(_slotKey(owner, reader, 1, typeId, purpose))
            || _live(_slotKey(owner, reader, 2, bytes32(0), purpose));
    }

    /// @notice Records, in the audit trail, that the sender read these records for `purpose`; one transaction
    ///         for a batch of reads. Reverts unless every read is permitted.
    /// @param commitments The records read (their record ids).
    /// @param purpose keccak256 of the purpose-of-use code.
    function logReads(bytes32[] calldata commitments, bytes32 purpose) external {
        uint64 readAt = uint64(block.timestamp);
        for (uint256 i = 0; i < commitments.length; ++i) {
            bytes32 c = commitments[i];
            if (!canRead(msg.sender, c, purpose)) revert NotPermitted(msg.sender, c, purpose);
            (address owner,,,) = registry.getRecord(c);
            emit RecordRead(c, owner, msg.sender, purpose, readAt);
        }
    }

    /// @notice Lets `delegate` act for `owner` (sign and revoke grants) until `validUntil`. The caller is the owner
    ///         or, for a minor, the guardian.
    /// @param owner The account acted for.
    /// @param delegate The delegate.
    /// @param validUntil When the delegation ends (seconds since the Unix epoch, in the future).
    function setDelegate(address owner, address delegate, uint64 validUntil) external {
        if (delegate == address(0) || owner == address(0)) revert ZeroAddress();
        if (!_isPrincipal(owner, msg.sender)) revert NotOwnerOrDelegate(owner, msg.sender);
        if (validUntil <= block.timestamp) revert InvalidValidity(validUntil);
        _delegates[owner][delegate] = validUntil;
        emit DelegateSet(owner, delegate, validUntil, msg.sender);
    }

    /// @notice Ends a delegation at once. The caller is the owner, the guardian, or the delegate itself.
    /// @param owner The account acted for.
    /// @param delegate The delegate.
    function revokeDelegate(address owner, address delegate) external {
        if (!_isPrincipal(owner, msg.sender) && msg.sender != delegate) revert NotOwnerOrDelegate(owner, msg.sender);
        delete _delegates[owner][delegate];
        emit DelegateRevoked(owner, delegate, msg.sender);
    }

    /// @notice When a delegation ends.
    /// @param owner The account acted for.
    /// @param delegate The delegate.
    /// @return The end of the delegation, or zero when there is none.
    function delegateValidUntil(address owner, address delegate) external view returns (uint64) {
        return _delegates[owner][delegate];
    }

    /// @notice Appoints the sender's guardian. From then on the guardian (and delegates it sets) act for the
    ///         sender's account and the sender's own signature no longer grants, until the guardian hands over.
    /// @param guardian The guardian.
    function appointGuardian(address guardian) external {
        if (guardian == address(0) || guardian == msg.sender) revert InvalidGuardian(guardian);
        address current = _guardians[msg.sender];
        if (current != address(0)) revert GuardianAlreadyAppointed(msg.sender, current);
        _guardians[msg.sender] = guardian;
        emit GuardianAppointed(msg.sender, guardian);
    }

    /// @notice Ends a guardianship: the minor's account acts for itself from now on. Only the guardian may call it.
    /// @param minor The minor's account.
    function handOver(address minor) external {
        address guardian = _guardians[minor];
        if (guardian == address(0) || guardian != msg.sender) revert NotGuardian(minor, msg.sender);
        delete _guardians[minor];
        emit GuardianshipEnded(minor, guardian);
    }

    /// @notice The guardian of an account.
    /// @param minor The account.
    /// @return The guardian, or zero when the account acts for itself.
    function guardianOf(address minor) external view returns (address) {
        return _guardians[minor];
    }

    /// @dev keccak256(0x1901 || domainSeparator || structHash): the EIP-712 digest of read and write grants alike.
    function _digest(bytes32 structHash) private view returns (bytes32) {
        return keccak256(abi.encodePacked(bytes2(0x1901), domainSeparator(), structHash));
    }

    /// @dev Admits a signed grant (read or write): unexpired, signed by the owner or one who may act for the owner,
    ///      never submitted before; stores its state.
    function _admit(bytes32 grantId, address owner, uint64 expiresAt, bytes calldata signature)
        private
        returns (address signer)
    {
        if (expiresAt <= block.timestamp) revert GrantExpired(expiresAt);
        signer = _recover(grantId, signature);
        if (!_mayActFor(owner, signer)) revert UnauthorizedSigner(owner, signer);
        if (_grants[grantId].owner != address(0)) revert GrantExists(grantId);
        _grants[grantId] = GrantState({owner: owner, expiresAt: expiresAt, revoked: false});
    }

    function _live(bytes32 slotKey) private view returns (bool) {
        bytes32 id = _inForce[slotKey];
        if (id == bytes32(0)) return false;
        GrantState storage s = _grants[id];
        return !s.revoked && s.expiresAt > block.timestamp;
    }

    function _liveWrite(bytes32 slotKey) private view returns (bool) {
        bytes32 id = _writeInForce[slotKey];
        return id != bytes32(0) && !_grants[id].revoked && _grants[id].expiresAt > block.timestamp;
    }

    /// @dev The owner itself (unless under guardianship) or the owner's guardian.
    function _isPrincipal(address owner, address actor) private view returns (bool) {
        address guardian = _guardians[owner];
        return guardian == address(0) ? actor == owner : actor == guardian;
    }

    function _mayActFor(address owner, address actor) private view returns (bool) {
        return _isPrincipal(owner, actor) || _delegates[owner][actor] > block.timestamp;
    }

    function _checkScope(uint8 kind, bytes32 scope) private pure {
        bool ok = kind == 0
            ? scope != bytes32(0)
            : kind == 1 ? scope != bytes32(0) : kind == 2 && scope == bytes32(0);
        if (!ok) revert InvalidScope(kind, scope);
    }

    function _slotKey(address owner, address grantee, uint8 kind, bytes32 scope, bytes32 purpose)
        private
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(owner, grantee, kind, scope, purpose));
    }

    function _recover(bytes32 digest, bytes calldata signature) private pure returns (address signer) {
        if (signature.length != 65) revert InvalidSignature();
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (v < 27) v += 27;
        if ((v != 27 && v != 28) || uint256(s) > HALF_ORDER) revert InvalidSignature();
        signer = ecrecover(digest, v, r, s);
        if (signer == address(0)) revert InvalidSignature();
    }
}
