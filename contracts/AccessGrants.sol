// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRecordRegistryView, IWriteConsents} from "./Interfaces.sol";
import {eip712Digest, recoverSigner} from "./Common.sol";

/// @title AccessGrants
/// @notice Who may read which of a patient's records, and why. A grant is EIP-712 typed data signed off chain by
///         the records' owner (or the owner's delegate, or a minor's guardian) and submitted by anyone, so granting
///         costs the patient no gas. Grants expire and can be revoked; `canRead` answers for one record and purpose.
///         Delegates act for an owner for a bounded time; a guardian acts for a minor until hand-over or removal.
/// @dev Protocol v2. Scope kinds: 0 = one record (scope = its record id), 1 = a content type (scope =
///      keccak256(contentType)), 2 = every record of the owner (scope = 0). A purpose is keccak256 of a purpose-of-use
///      code (for example "TREAT"). A grant's id is its EIP-712 digest. Against an adversary holding signatures:
///      - a signed grant can be cancelled before it is submitted (`cancelGrant`; after submission it revokes);
///      - every grant carries the owner's epoch; `bumpEpoch` voids every signature of an older epoch, submitted or
///        not (grants in force are keyed by epoch, so they stop reading at once);
///      - each (owner, epoch, grantee, scope, purpose) slot has a version, and a grant names the version it was
///        signed against (compare-and-swap): submitting a grant and revoking the one in force move the version on,
///        so every grant signed before either is void. An older, longer grant never replaces what the owner
///        shortened or revoked; an owner who loses a race re-signs against the new version;
///      - a grant a delegate signed reads only while that very delegation lives (not past its end, not after it is
///        revoked or replaced, not after the guardianship it was set under ends);
///      - ending a guardianship (hand-over, or removal by the minor after `GUARDIAN_REMOVAL_DELAY`) ends every
///        delegation in place; a removal also bumps the epoch, so nothing the removed guardian signed stays in force.
///      Events name the patient by `patientTag(owner)` (keccak256 of the address), not in clear.
contract AccessGrants is IWriteConsents {
    /// @notice The signed read grant.
    struct Grant {
        address owner;
        address grantee;
        uint8 scopeKind;
        bytes32 scope;
        bytes32 purpose;
        uint64 expiresAt;
        uint32 version;
        uint32 epoch;
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
        uint32 version;
        uint32 epoch;
        bytes32 salt;
    }

    /// @dev owner (160) | expiresAt (40) | version (32: the slot version it was admitted at) | flags (8), one slot.
    ///      A slot's version is 0 when empty, else that of the grant in force + 1, + 2 once that grant is revoked.
    struct GrantState {
        address owner;
        uint40 expiresAt;
        uint32 version;
        uint8 flags;
    }

    /// @dev Written only for a grant signed by a delegate or under a non-zero epoch (flag EXTRA).
    struct GrantExtra {
        address delegate;
        uint64 delegation;
        uint32 epoch;
    }

    /// @dev guardian (160) | epoch (32) | delegationFloor (64): delegations with a serial at or below the floor ended.
    struct Principal {
        address guardian;
        uint32 epoch;
        uint64 delegationFloor;
    }

    struct Delegation {
        uint64 validUntil;
        uint64 serial;
    }

    /// @notice keccak256 of the EIP-712 type of `Grant`.
    bytes32 public constant GRANT_TYPEHASH = keccak256(
        "Grant(address owner,address grantee,uint8 scopeKind,bytes32 scope,bytes32 purpose,uint64 expiresAt,uint32 version,uint32 epoch,bytes32 salt)"
    );

    /// @notice keccak256 of the EIP-712 type of `WriteGrant`.
    bytes32 public constant WRITE_GRANT_TYPEHASH = keccak256(
        "WriteGrant(address owner,address author,uint8 scopeKind,bytes32 scope,bytes32 purpose,uint64 expiresAt,uint32 version,uint32 epoch,bytes32 salt)"
    );

    /// @notice How long after the minor asks the guardian is removed (`requestGuardianRemoval`, `removeGuardian`).
    uint64 public constant GUARDIAN_REMOVAL_DELAY = 14 days;

    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("MediBloc AccessGrants");
    bytes32 private constant VERSION_HASH = keccak256("2");
    uint8 private constant REVOKED = 1;
    uint8 private constant EXTRA = 2;

    /// @notice The registry whose records the grants cover.
    IRecordRegistryView public immutable registry;

    mapping(bytes32 grantId => GrantState) private _grants;
    mapping(bytes32 grantId => GrantExtra) private _extras;
    mapping(bytes32 slotKey => bytes32 grantId) private _inForce;
    mapping(bytes32 slotKey => bytes32 grantId) private _writeInForce;
    mapping(address owner => Principal) private _principals;
    mapping(address owner => mapping(address delegate => Delegation)) private _delegates;
    mapping(address minor => uint64 removableAt) private _removals;
    uint64 private _delegationSerial;

    /// @notice The signer may not grant for `owner` (not the owner, a live delegate, nor the guardian).
    error UnauthorizedSigner(address owner, address signer);
    /// @notice The caller may not act for `owner`.
    error NotOwnerOrDelegate(address owner, address caller);
    /// @notice The grant's expiry is not in the future.
    error GrantExpired(uint64 expiresAt);
    /// @notice This exact signed grant was submitted before.
    error GrantExists(bytes32 grantId);
    /// @notice This signed grant was cancelled or revoked; it never comes back.
    error GrantVoided(bytes32 grantId);
    /// @notice No grant has this id.
    error UnknownGrant(bytes32 grantId);
    /// @notice The grant is revoked already.
    error GrantAlreadyRevoked(bytes32 grantId);
    /// @notice The grant was signed under another epoch than the owner's current one.
    error WrongEpoch(uint32 epoch, uint32 currentEpoch);
    /// @notice The grant was signed against another version of its slot: a grant was submitted or revoked since
    ///         (re-sign against `currentVersion`).
    error StaleGrant(uint32 version, uint32 currentVersion);
    /// @notice The scope kind is unknown, or the scope does not fit its kind.
    error InvalidScope(uint8 scopeKind, bytes32 scope);
    /// @notice A write grant covers one content type (kind 1, non-zero id) or every type (kind 2, zero).
    error InvalidWriteScope(uint8 scopeKind, bytes32 scope);
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
    /// @notice The caller has no guardian to remove.
    error NoGuardian(address minor);
    /// @notice No removal was requested, or its time lock has not run out (`removableAt`, zero when none).
    error GuardianRemovalLocked(address minor, uint64 removableAt);
    /// @notice The reader may not read this record for this purpose.
    error NotPermitted(address reader, bytes32 recordId, bytes32 purpose);

    /// @notice A signed grant was submitted and is now in force.
    event GrantSubmitted(
        bytes32 indexed grantId,
        bytes32 indexed patientTag,
        address indexed grantee,
        uint8 scopeKind,
        bytes32 scope,
        bytes32 purpose,
        uint64 expiresAt,
        address signer
    );
    /// @notice A signed write grant was submitted and is now in force: `author` may anchor records into the record
    ///         of the patient whose tag is `patientTag`.
    event WriteGrantSubmitted(
        bytes32 indexed grantId,
        bytes32 indexed patientTag,
        address indexed author,
        uint8 scopeKind,
        bytes32 scope,
        bytes32 purpose,
        uint64 expiresAt,
        address signer
    );
    /// @notice A grant (read or write, submitted or not) was revoked or cancelled by `by`.
    event GrantRevoked(bytes32 indexed grantId, bytes32 indexed patientTag, address indexed by);
    /// @notice The owner's epoch moved to `epoch`: every grant signed under an older one is void.
    event EpochBumped(address indexed owner, uint32 epoch, address by);
    /// @notice `delegate` may act for `owner` until `validUntil`.
    event DelegateSet(address indexed owner, address indexed delegate, uint64 validUntil, address by);
    /// @notice `delegate` may no longer act for `owner`.
    event DelegateRevoked(address indexed owner, address indexed delegate, address by);
    /// @notice `guardian` acts for `minor` until hand-over or removal.
    event GuardianAppointed(address indexed minor, address indexed guardian);
    /// @notice `minor` asked to remove its guardian; `removeGuardian` works from `removableAt`.
    event GuardianRemovalRequested(address indexed minor, address indexed guardian, uint64 removableAt);
    /// @notice `minor` withdrew its removal request.
    event GuardianRemovalCancelled(address indexed minor);
    /// @notice The guardianship of `minor` ended (hand-over by the guardian, or removal by the minor: `by`).
    event GuardianshipEnded(address indexed minor, address indexed guardian, address by);
    /// @notice `reader` read a record for `purpose` (audit trail); the owner is named by `patientTag`.
    event RecordRead(
        bytes32 indexed recordId, bytes32 indexed patientTag, address indexed reader, bytes32 purpose, uint64 readAt
    );

    /// @param registry_ The record registry whose records the grants cover.
    constructor(IRecordRegistryView registry_) {
        if (address(registry_) == address(0)) revert ZeroAddress();
        registry = registry_;
    }

    /// @notice The tag events use for a patient: keccak256(abi.encode(owner)).
    /// @param owner The patient.
    /// @return The tag.
    function patientTag(address owner) public pure returns (bytes32) {
        return keccak256(abi.encode(owner));
    }

    /// @notice The EIP-712 domain separator (name "MediBloc AccessGrants", version "2", this chain, this contract).
    /// @return The separator.
    function domainSeparator() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    /// @notice The EIP-712 digest of a grant, which is also its id.
    /// @param g The grant.
    /// @return The digest the owner signs.
    function hashGrant(Grant calldata g) public view returns (bytes32) {
        return eip712Digest(domainSeparator(), keccak256(abi.encode(GRANT_TYPEHASH, g)));
    }

    /// @notice The EIP-712 digest of a write grant, which is also its id.
    /// @param g The write grant.
    /// @return The digest the owner signs.
    function hashWriteGrant(WriteGrant calldata g) public view returns (bytes32) {
        return eip712Digest(domainSeparator(), keccak256(abi.encode(WRITE_GRANT_TYPEHASH, g)));
    }

    /// @notice Puts a signed grant in force. Anyone may submit it; the signature, the epoch and the order decide.
    /// @param g The grant.
    /// @param signature The 65-byte signature (r, s, v) over `hashGrant(g)` by the owner, a live delegate or the guardian.
    /// @return grantId The grant's id.
    function submitGrant(Grant calldata g, bytes calldata signature) external returns (bytes32 grantId) {
        if (g.owner == address(0) || g.grantee == address(0)) revert ZeroAddress();
        bool ok = g.scopeKind == 0 || g.scopeKind == 1 ? g.scope != bytes32(0) : g.scopeKind == 2 && g.scope == bytes32(0);
        if (!ok) revert InvalidScope(g.scopeKind, g.scope);
        grantId = hashGrant(g);
        bytes32 key = _slotKey(g.owner, g.epoch, g.grantee, g.scopeKind, g.scope, g.purpose);
        address signer = recoverSigner(grantId, signature);
        _admit(grantId, g.owner, g.expiresAt, g.version, g.epoch, _inForce[key], signer);
        _inForce[key] = grantId;
        emit GrantSubmitted(
            grantId, patientTag(g.owner), g.grantee, g.scopeKind, g.scope, g.purpose, g.expiresAt, signer
        );
    }

    /// @notice Puts a signed write grant in force. Anyone may submit it; revoke it with `revokeGrant`.
    /// @param g The write grant.
    /// @param signature The 65-byte signature over `hashWriteGrant(g)` by the owner, a live delegate or the guardian.
    /// @return grantId The grant's id.
    function submitWriteGrant(WriteGrant calldata g, bytes calldata signature) external returns (bytes32 grantId) {
        if (g.owner == address(0) || g.author == address(0)) revert ZeroAddress();
        bool ok = g.scopeKind == 1 ? g.scope != bytes32(0) : g.scopeKind == 2 && g.scope == bytes32(0);
        if (!ok) revert InvalidWriteScope(g.scopeKind, g.scope);
        grantId = hashWriteGrant(g);
        bytes32 key = _slotKey(g.owner, g.epoch, g.author, g.scopeKind, g.scope, g.purpose);
        address signer = recoverSigner(grantId, signature);
        _admit(grantId, g.owner, g.expiresAt, g.version, g.epoch, _writeInForce[key], signer);
        _writeInForce[key] = grantId;
        emit WriteGrantSubmitted(
            grantId, patientTag(g.owner), g.author, g.scopeKind, g.scope, g.purpose, g.expiresAt, signer
        );
    }

    /// @notice Voids a signed read grant, submitted or not: it can never be submitted (again). The caller must be
    ///         the owner, a live delegate, or the guardian. Racing a submission is harmless: a grant submitted first
    ///         is revoked.
    /// @param g The grant.
    function cancelGrant(Grant calldata g) external {
        _void(hashGrant(g), g.owner);
    }

    /// @notice Voids a signed write grant, submitted or not (see `cancelGrant`).
    /// @param g The write grant.
    function cancelWriteGrant(WriteGrant calldata g) external {
        _void(hashWriteGrant(g), g.owner);
    }

    /// @notice Revokes a submitted grant (read or write). The caller must be the owner, a live delegate, or the
    ///         guardian. Revoking the grant in force moves its slot's version on: no grant signed before the
    ///         revocation can take its place afterwards.
    /// @param grantId The grant's id.
    function revokeGrant(bytes32 grantId) external {
        address owner = _grants[grantId].owner;
        if (owner == address(0)) revert UnknownGrant(grantId);
        if (_grants[grantId].flags & REVOKED != 0) revert GrantAlreadyRevoked(grantId);
        _void(grantId, owner);
    }

    /// @notice Revokes whatever read grant is in force in one slot, addressed by its terms rather than its id, so a
    ///         grantee who front-runs the revocation by submitting another grant of the slot gains nothing: the
    ///         grant in force when this runs is revoked and the slot's version moves past every signature.
    /// @param owner The owner (the caller must act for it).
    /// @param grantee The grantee.
    /// @param scopeKind 0 record, 1 content type, 2 every record.
    /// @param scope The record id, the content-type id, or zero.
    /// @param purpose keccak256 of the purpose-of-use code.
    function revokeGrantInForce(address owner, address grantee, uint8 scopeKind, bytes32 scope, bytes32 purpose)
        external
    {
        bytes32 id = _inForce[_slotKey(owner, _principals[owner].epoch, grantee, scopeKind, scope, purpose)];
        if (id == bytes32(0)) revert UnknownGrant(id);
        if (_grants[id].flags & REVOKED != 0) revert GrantAlreadyRevoked(id);
        _void(id, owner);
    }

    /// @notice Revokes whatever write grant is in force in one slot (see `revokeGrantInForce`).
    /// @param owner The owner (the caller must act for it).
    /// @param author The author.
    /// @param scopeKind 1 content type, 2 every type.
    /// @param scope The content-type id, or zero.
    /// @param purpose keccak256 of the purpose-of-use code.
    function revokeWriteGrantInForce(address owner, address author, uint8 scopeKind, bytes32 scope, bytes32 purpose)
        external
    {
        bytes32 id = _writeInForce[_slotKey(owner, _principals[owner].epoch, author, scopeKind, scope, purpose)];
        if (id == bytes32(0)) revert UnknownGrant(id);
        if (_grants[id].flags & REVOKED != 0) revert GrantAlreadyRevoked(id);
        _void(id, owner);
    }

    /// @notice Moves `owner`'s epoch on: every grant signed under an older epoch, submitted or not, is void at once.
    ///         The caller is the owner or, for a minor, the guardian (not a delegate).
    /// @param owner The account whose grants are voided.
    /// @return epoch The new epoch, which new grants must carry.
    function bumpEpoch(address owner) external returns (uint32 epoch) {
        if (!_isPrincipal(owner, msg.sender)) revert NotOwnerOrDelegate(owner, msg.sender);
        epoch = ++_principals[owner].epoch;
        emit EpochBumped(owner, epoch, msg.sender);
    }

    /// @notice The epoch new grants of `owner` must carry.
    /// @param owner The owner.
    /// @return The epoch (zero until the first bump).
    function epochOf(address owner) external view returns (uint32) {
        return _principals[owner].epoch;
    }

    /// @notice Reads a grant's state.
    /// @param grantId The grant's id.
    /// @return owner The records' owner, or zero when no such grant was submitted or cancelled.
    /// @return expiresAt When the grant expires (for a delegate's grant, no later than the delegation).
    /// @return revoked Whether it was revoked or cancelled.
    /// @return voided Whether it no longer reads for another reason: an older epoch, or its delegation ended.
    function getGrant(bytes32 grantId)
        external
        view
        returns (address owner, uint64 expiresAt, bool revoked, bool voided)
    {
        GrantState storage s = _grants[grantId];
        owner = s.owner;
        expiresAt = s.expiresAt;
        revoked = s.flags & REVOKED != 0;
        GrantExtra storage x = _extras[grantId];
        uint32 epoch = s.flags & EXTRA != 0 ? x.epoch : 0;
        voided = owner != address(0)
            && (epoch != _principals[owner].epoch || !_delegationLives(owner, x.delegate, x.delegation));
    }

    /// @notice The read-grant slot of one (owner, grantee, scope, purpose) under the owner's current epoch: what a
    ///         new grant for it must carry.
    /// @param owner The owner.
    /// @param grantee The grantee.
    /// @param scopeKind 0 record, 1 content type, 2 every record.
    /// @param scope The record id, the content-type id, or zero.
    /// @param purpose keccak256 of the purpose-of-use code.
    /// @return grantId The grant in force (live or not), or zero when none was submitted under this epoch.
    /// @return version The version a new grant must be signed against.
    /// @return epoch The owner's current epoch.
    function grantSlot(address owner, address grantee, uint8 scopeKind, bytes32 scope, bytes32 purpose)
        external
        view
        returns (bytes32 grantId, uint32 version, uint32 epoch)
    {
        epoch = _principals[owner].epoch;
        grantId = _inForce[_slotKey(owner, epoch, grantee, scopeKind, scope, purpose)];
        version = _slotVersion(grantId);
    }

    /// @notice The write-grant slot of one (owner, author, scope, purpose) under the owner's current epoch.
    /// @param owner The owner.
    /// @param author The author.
    /// @param scopeKind 1 content type, 2 every type.
    /// @param scope The content-type id, or zero.
    /// @param purpose keccak256 of the purpose-of-use code.
    /// @return grantId The write grant in force (live or not), or zero when none was submitted under this epoch.
    /// @return version The version a new write grant must be signed against.
    /// @return epoch The owner's current epoch.
    function writeGrantSlot(address owner, address author, uint8 scopeKind, bytes32 scope, bytes32 purpose)
        external
        view
        returns (bytes32 grantId, uint32 version, uint32 epoch)
    {
        epoch = _principals[owner].epoch;
        grantId = _writeInForce[_slotKey(owner, epoch, author, scopeKind, scope, purpose)];
        version = _slotVersion(grantId);
    }

    /// @notice Whether `author` may anchor a record of `contentTypeId` into `owner`'s record for `purpose` now.
    /// @param owner The record's owner-to-be (the patient).
    /// @param author The writing account (the provider).
    /// @param contentTypeId keccak256 of the record's content type.
    /// @param purpose keccak256 of the purpose-of-use code.
    /// @return True when a live write grant for that content type, or for every type, is in force.
    function canWrite(address owner, address author, bytes32 contentTypeId, bytes32 purpose)
        external
        view
        returns (bool)
    {
        uint32 epoch = _principals[owner].epoch;
        return _live(owner, _writeInForce[_slotKey(owner, epoch, author, 1, contentTypeId, purpose)])
            || _live(owner, _writeInForce[_slotKey(owner, epoch, author, 2, bytes32(0), purpose)]);
    }

    /// @notice Whether `reader` may read the record `recordId` for `purpose` now: the owner and the owner's guardian
    ///         always may; anyone else needs a live grant for that record, its content type, or all records.
    /// @param reader The reading account.
    /// @param recordId The record's id in the registry.
    /// @param purpose keccak256 of the purpose-of-use code.
    /// @return True when the read is permitted.
    function canRead(address reader, bytes32 recordId, bytes32 purpose) public view returns (bool) {
        (address owner,, bytes32 typeId,) = registry.getRecord(recordId);
        return _canRead(owner, reader, recordId, typeId, purpose);
    }

    /// @notice Records, in the audit trail, that the sender read these records for `purpose`; one transaction
    ///         for a batch of reads. Reverts unless every read is permitted.
    /// @param recordIds The records read (the caller pays for the length of the list).
    /// @param purpose keccak256 of the purpose-of-use code.
    function logReads(bytes32[] calldata recordIds, bytes32 purpose) external {
        uint64 readAt = uint64(block.timestamp);
        for (uint256 i = 0; i < recordIds.length; ++i) {
            bytes32 id = recordIds[i];
            (address owner,, bytes32 typeId,) = registry.getRecord(id);
            if (!_canRead(owner, msg.sender, id, typeId, purpose)) revert NotPermitted(msg.sender, id, purpose);
            emit RecordRead(id, patientTag(owner), msg.sender, purpose, readAt);
        }
    }

    /// @notice Lets `delegate` act for `owner` (sign, cancel and revoke grants) until `validUntil`. The caller is
    ///         the owner or, for a minor, the guardian. Setting it again starts a new delegation: grants the delegate
    ///         signed under the previous one stop reading.
    /// @param owner The account acted for.
    /// @param delegate The delegate.
    /// @param validUntil When the delegation ends (in the future).
    function setDelegate(address owner, address delegate, uint64 validUntil) external {
        if (delegate == address(0) || owner == address(0)) revert ZeroAddress();
        if (!_isPrincipal(owner, msg.sender)) revert NotOwnerOrDelegate(owner, msg.sender);
        if (validUntil <= block.timestamp) revert InvalidValidity(validUntil);
        _delegates[owner][delegate] = Delegation({validUntil: validUntil, serial: ++_delegationSerial});
        emit DelegateSet(owner, delegate, validUntil, msg.sender);
    }

    /// @notice Ends a delegation at once, and every grant the delegate signed under it. The caller is the owner,
    ///         the guardian, or the delegate itself.
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
    /// @return The end of the live delegation, or zero when there is none (never set, revoked, or ended with a
    ///         guardianship).
    function delegateValidUntil(address owner, address delegate) external view returns (uint64) {
        Delegation storage d = _delegates[owner][delegate];
        return d.serial > _principals[owner].delegationFloor ? d.validUntil : 0;
    }

    /// @notice Appoints the sender's guardian. From then on the guardian (and delegates it sets) act for the
    ///         sender's account and the sender's own signature no longer grants, until hand-over or removal.
    /// @param guardian The guardian.
    function appointGuardian(address guardian) external {
        if (guardian == address(0) || guardian == msg.sender) revert InvalidGuardian(guardian);
        address current = _principals[msg.sender].guardian;
        if (current != address(0)) revert GuardianAlreadyAppointed(msg.sender, current);
        _principals[msg.sender].guardian = guardian;
        emit GuardianAppointed(msg.sender, guardian);
    }

    /// @notice Ends a guardianship: the minor's account acts for itself from now on, and every delegation in place
    ///         (those the guardian set included) ends. Only the guardian may call it.
    /// @param minor The minor's account.
    function handOver(address minor) external {
        address guardian = _principals[minor].guardian;
        if (guardian == address(0) || guardian != msg.sender) revert NotGuardian(minor, msg.sender);
        _endGuardianship(minor, guardian, false);
    }

    /// @notice The minor (the sender) asks to remove its guardian; `removeGuardian` works `GUARDIAN_REMOVAL_DELAY`
    ///         later. The guardian cannot stop it (it may hand over sooner).
    /// @return removableAt When the removal can be completed.
    function requestGuardianRemoval() external returns (uint64 removableAt) {
        address guardian = _principals[msg.sender].guardian;
        if (guardian == address(0)) revert NoGuardian(msg.sender);
        removableAt = uint64(block.timestamp) + GUARDIAN_REMOVAL_DELAY;
        _removals[msg.sender] = removableAt;
        emit GuardianRemovalRequested(msg.sender, guardian, removableAt);
    }

    /// @notice The minor (the sender) withdraws its removal request.
    function cancelGuardianRemoval() external {
        if (_removals[msg.sender] == 0) revert GuardianRemovalLocked(msg.sender, 0);
        delete _removals[msg.sender];
        emit GuardianRemovalCancelled(msg.sender);
    }

    /// @notice The minor (the sender) removes its guardian once the requested time lock has run out. Every
    ///         delegation in place ends and the epoch moves on, so nothing the guardian signed stays in force.
    function removeGuardian() external {
        address guardian = _principals[msg.sender].guardian;
        if (guardian == address(0)) revert NoGuardian(msg.sender);
        uint64 removableAt = _removals[msg.sender];
        if (removableAt == 0 || removableAt > block.timestamp) revert GuardianRemovalLocked(msg.sender, removableAt);
        _endGuardianship(msg.sender, guardian, true);
    }

    /// @notice The guardian of an account.
    /// @param minor The account.
    /// @return The guardian, or zero when the account acts for itself.
    function guardianOf(address minor) external view returns (address) {
        return _principals[minor].guardian;
    }

    /// @notice When a requested guardian removal can be completed.
    /// @param minor The account.
    /// @return The time, or zero when no removal is pending.
    function guardianRemovalAt(address minor) external view returns (uint64) {
        return _removals[minor];
    }

    function _endGuardianship(address minor, address guardian, bool removed) private {
        Principal storage p = _principals[minor];
        p.guardian = address(0);
        p.delegationFloor = _delegationSerial;
        if (removed) {
            uint32 epoch = ++p.epoch;
            emit EpochBumped(minor, epoch, msg.sender);
        }
        delete _removals[minor];
        emit GuardianshipEnded(minor, guardian, msg.sender);
    }

    /// @dev Admits a signed grant (read or write): signer may act for the owner, current epoch, unexpired, signed
    ///      against the slot's current version, never submitted nor cancelled before.
    function _admit(
        bytes32 grantId,
        address owner,
        uint64 expiresAt,
        uint32 version,
        uint32 epoch,
        bytes32 current,
        address signer
    ) private {
        if (expiresAt <= block.timestamp) revert GrantExpired(expiresAt);
        uint32 currentEpoch = _principals[owner].epoch;
        if (epoch != currentEpoch) revert WrongEpoch(epoch, currentEpoch);
        GrantState storage s = _grants[grantId];
        if (s.owner != address(0)) {
            if (s.flags & REVOKED != 0) revert GrantVoided(grantId);
            revert GrantExists(grantId);
        }
        uint32 slotVersion = _slotVersion(current);
        if (version != slotVersion) revert StaleGrant(version, slotVersion);
        (uint64 expiry, uint8 flags) = _signerTerms(grantId, owner, signer, epoch, expiresAt);
        _grants[grantId] = GrantState({owner: owner, expiresAt: uint40(expiry), version: version, flags: flags});
    }

    /// @dev The version of a slot whose grant in force is `current`.
    function _slotVersion(bytes32 current) private view returns (uint32) {
        if (current == bytes32(0)) return 0;
        GrantState storage c = _grants[current];
        return c.version + (c.flags & REVOKED != 0 ? 2 : 1);
    }

    /// @dev Checks that `signer` may grant for `owner`; for a delegate, bounds the expiry by the delegation and
    ///      records which delegation signed. Returns the expiry to store and the flags.
    function _signerTerms(bytes32 grantId, address owner, address signer, uint32 epoch, uint64 expiresAt)
        private
        returns (uint64 expiry, uint8 flags)
    {
        expiry = expiresAt > type(uint40).max ? type(uint40).max : expiresAt;
        Principal storage p = _principals[owner];
        if (p.guardian == address(0) ? signer != owner : signer != p.guardian) {
            Delegation storage d = _delegates[owner][signer];
            uint64 serial = d.serial;
            if (d.validUntil <= block.timestamp || serial <= p.delegationFloor) revert UnauthorizedSigner(owner, signer);
            if (d.validUntil < expiry) expiry = d.validUntil;
            _extras[grantId] = GrantExtra({delegate: signer, delegation: serial, epoch: epoch});
            flags = EXTRA;
        } else if (epoch != 0) {
            _extras[grantId] = GrantExtra({delegate: address(0), delegation: 0, epoch: epoch});
            flags = EXTRA;
        }
    }

    /// @dev Revokes (or, when never submitted, cancels) a grant of `owner` for good; the caller must act for owner.
    function _void(bytes32 grantId, address owner) private {
        if (!_mayActFor(owner, msg.sender)) revert NotOwnerOrDelegate(owner, msg.sender);
        GrantState storage s = _grants[grantId];
        if (s.owner == address(0)) {
            _grants[grantId] = GrantState({owner: owner, expiresAt: 0, version: 0, flags: REVOKED});
        } else {
            s.flags |= REVOKED;
        }
        emit GrantRevoked(grantId, patientTag(owner), msg.sender);
    }

    function _canRead(address owner, address reader, bytes32 recordId, bytes32 typeId, bytes32 purpose)
        private
        view
        returns (bool)
    {
        if (owner == address(0)) return false;
        Principal storage p = _principals[owner];
        if (reader == owner || (reader != address(0) && p.guardian == reader)) return true;
        uint32 epoch = p.epoch;
        return _live(owner, _inForce[_slotKey(owner, epoch, reader, 0, recordId, purpose)])
            || _live(owner, _inForce[_slotKey(owner, epoch, reader, 1, typeId, purpose)])
            || _live(owner, _inForce[_slotKey(owner, epoch, reader, 2, bytes32(0), purpose)]);
    }

    /// @dev A grant in force reads while unrevoked, unexpired and, when a delegate signed it, while that delegation
    ///      lives. (The epoch is part of the slot key, so a grant of an older epoch is never found.)
    function _live(address owner, bytes32 grantId) private view returns (bool) {
        if (grantId == bytes32(0)) return false;
        GrantState storage s = _grants[grantId];
        if (s.flags & REVOKED != 0 || s.expiresAt <= block.timestamp) return false;
        if (s.flags & EXTRA == 0) return true;
        GrantExtra storage x = _extras[grantId];
        return _delegationLives(owner, x.delegate, x.delegation);
    }

    function _delegationLives(address owner, address delegate, uint64 serial) private view returns (bool) {
        if (delegate == address(0)) return true;
        Delegation storage d = _delegates[owner][delegate];
        return d.serial == serial && d.validUntil > block.timestamp && serial > _principals[owner].delegationFloor;
    }

    /// @dev The owner itself (unless under guardianship) or the owner's guardian.
    function _isPrincipal(address owner, address actor) private view returns (bool) {
        address guardian = _principals[owner].guardian;
        return guardian == address(0) ? actor == owner : actor == guardian;
    }

    function _mayActFor(address owner, address actor) private view returns (bool) {
        if (_isPrincipal(owner, actor)) return true;
        Delegation storage d = _delegates[owner][actor];
        return d.validUntil > block.timestamp && d.serial > _principals[owner].delegationFloor;
    }

    function _slotKey(address owner, uint32 epoch, address grantee, uint8 kind, bytes32 scope, bytes32 purpose)
        private
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(owner, epoch, grantee, kind, scope, purpose));
    }
}
