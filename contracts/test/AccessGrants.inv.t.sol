// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TestBase} from "./TestBase.sol";
import {AccessGrants} from "../AccessGrants.sol";
import {EmergencyAccess} from "../EmergencyAccess.sol";
import {MockRegistry, MockCredentials, GrantSigning, VmLogs} from "./AccessMocks.sol";

/// @dev Drives AccessGrants as an owner, its delegate, a grantee holding every signature the owner or the delegate
///      ever gave, and a guardian of a second account; keeps ghost state of what must never read again.
contract AccessGrantsHandler is TestBase {
    using GrantSigning for AccessGrants;

    struct Signed {
        AccessGrants.Grant g;
        bytes sig;
        bool byDelegate;
        uint256 delegationGen;
    }

    uint256 internal constant OWNER_PK = 0xA1;
    uint256 internal constant DELEGATE_PK = 0xA3;
    uint256 internal constant MINOR_PK = 0xB1;
    uint256 internal constant GUARDIAN_PK = 0xB2;
    uint256 internal constant GDELEGATE_PK = 0xB3;

    AccessGrants public immutable grants;
    bytes32 public immutable recordId;
    bytes32 public constant PURPOSE = keccak256("TREAT");
    address public immutable owner = vm.addr(OWNER_PK);
    address public immutable grantee = address(0xA2);
    address public immutable delegate = vm.addr(DELEGATE_PK);
    address public immutable minor = vm.addr(MINOR_PK);
    address public immutable guardian = vm.addr(GUARDIAN_PK);
    address public immutable gDelegate = vm.addr(GDELEGATE_PK);

    Signed[] internal _pool;
    mapping(bytes32 => uint256) public poolIndexPlusOne;
    mapping(bytes32 => bool) public voided; // revoked or cancelled
    mapping(bytes32 => uint256) public admittedUnderGen; // for a delegate's grant: the delegation live at submission
    uint32 public revokeFloor; // the slot's version right after the owner last revoked the grant in force
    uint256 public delegationGen; // changes whenever the owner's delegation to `delegate` is set or revoked
    uint64 public delegateUntil;
    bool public guardianActive;
    bool public guardianSetDelegateLive; // gDelegate was set by the guardian in the current guardianship
    bool public handedOverSinceGuardianSet; // ... and that guardianship has ended since
    bool public violation;
    string public violationReason;
    uint256 private _salt;

    constructor(AccessGrants grants_, bytes32 recordId_) {
        grants = grants_;
        recordId = recordId_;
    }

    function poolLength() external view returns (uint256) {
        return _pool.length;
    }

    function entry(bytes32 id) external view returns (Signed memory) {
        return _pool[poolIndexPlusOne[id] - 1];
    }

    // --- the owner and its delegate sign; the grantee keeps everything ---

    function sign(uint256 expirySeed, uint256 epochBack, uint256 versionBack, bool byDelegate) external {
        (, uint32 version, uint32 epoch) = grants.grantSlot(owner, grantee, 0, recordId, PURPOSE);
        versionBack = bound(versionBack, 0, 2);
        version = versionBack > version ? 0 : version - uint32(versionBack);
        epochBack = bound(epochBack, 0, 3);
        if (epochBack > 0 && epoch > 0) epoch -= uint32(epochBack > epoch ? epoch : epochBack);
        uint64 expiry = expirySeed % 5 == 0
            ? type(uint64).max
            : uint64(block.timestamp + bound(expirySeed, 1, 30 days));
        AccessGrants.Grant memory g = AccessGrants.Grant({
            owner: owner,
            grantee: grantee,
            scopeKind: 0,
            scope: recordId,
            purpose: PURPOSE,
            expiresAt: expiry,
            version: version,
            epoch: epoch,
            salt: bytes32(++_salt)
        });
        bytes memory sig = grants.sign(byDelegate ? DELEGATE_PK : OWNER_PK, g);
        _pool.push(Signed(g, sig, byDelegate, delegationGen));
        poolIndexPlusOne[grants.hashGrant(g)] = _pool.length;
    }

    function submit(uint256 i) external {
        if (_pool.length == 0) return;
        Signed storage e = _pool[i % _pool.length];
        uint32 epochBefore = grants.epochOf(owner);
        vm.prank(grantee);
        try grants.submitGrant(e.g, e.sig) returns (bytes32 id) {
            if (e.g.epoch != epochBefore) _flag("admitted a signature of an older epoch");
            if (voided[id]) _flag("admitted a cancelled or revoked grant");
            if (e.g.version < revokeFloor) _flag("admitted a grant signed before a revocation");
            if (e.byDelegate && (delegateUntil == 0 || delegateUntil <= block.timestamp)) {
                _flag("admitted a grant of an ended delegation");
            }
            admittedUnderGen[id] = delegationGen;
        } catch {}
    }

    function revoke(uint256 i) external {
        if (_pool.length == 0) return;
        bytes32 id = grants.hashGrant(_pool[i % _pool.length].g);
        (bytes32 inForce,,) = grants.grantSlot(owner, grantee, 0, recordId, PURPOSE);
        vm.prank(owner);
        try grants.revokeGrant(id) {
            voided[id] = true;
            if (id == inForce) (, revokeFloor,) = grants.grantSlot(owner, grantee, 0, recordId, PURPOSE);
        } catch {}
    }

    function cancel(uint256 i) external {
        if (_pool.length == 0) return;
        Signed storage e = _pool[i % _pool.length];
        bytes32 id = grants.hashGrant(e.g);
        (bytes32 inForce,,) = grants.grantSlot(owner, grantee, 0, recordId, PURPOSE);
        vm.prank(owner);
        grants.cancelGrant(e.g);
        voided[id] = true;
        if (id == inForce) (, revokeFloor,) = grants.grantSlot(owner, grantee, 0, recordId, PURPOSE);
    }

    function bumpEpoch() external {
        vm.prank(owner);
        grants.bumpEpoch(owner);
        // The epoch is part of the slot key: the new epoch's slot starts over at version 0, and every signature of the
        // older epoch is refused by WrongEpoch (invariant_olderEpochNeverReads), so the revocation floor starts over too.
        revokeFloor = 0;
    }

    function setDelegate(uint256 duration) external {
        uint64 until = uint64(block.timestamp + bound(duration, 1, 3 days));
        vm.prank(owner);
        grants.setDelegate(owner, delegate, until);
        delegationGen++;
        delegateUntil = until;
    }

    function revokeDelegate() external {
        vm.prank(owner);
        grants.revokeDelegate(owner, delegate);
        delegationGen++;
        delegateUntil = 0;
    }

    function warp(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 0, 2 days));
    }

    // --- a guardian of `minor` sets delegates, then hands over ---

    function appointGuardian() external {
        if (guardianActive) return;
        vm.prank(minor);
        grants.appointGuardian(guardian);
        guardianActive = true;
    }

    function guardianSetsDelegate(uint256 duration) external {
        if (!guardianActive) return;
        vm.prank(guardian);
        grants.setDelegate(minor, gDelegate, uint64(block.timestamp + bound(duration, 1, 400 days)));
        guardianSetDelegateLive = true;
        handedOverSinceGuardianSet = false;
    }

    function handOver() external {
        if (!guardianActive) return;
        vm.prank(guardian);
        grants.handOver(minor);
        guardianActive = false;
        if (guardianSetDelegateLive) handedOverSinceGuardianSet = true;
    }

    function minorSetsDelegate(uint256 duration) external {
        if (guardianActive) return;
        vm.prank(minor);
        grants.setDelegate(minor, gDelegate, uint64(block.timestamp + bound(duration, 1, 400 days)));
        guardianSetDelegateLive = false;
        handedOverSinceGuardianSet = false;
    }

    function guardianDelegateActs(uint256 expirySeed) external {
        AccessGrants.Grant memory g = AccessGrants.Grant({
            owner: minor,
            grantee: grantee,
            scopeKind: 2,
            scope: bytes32(0),
            purpose: PURPOSE,
            expiresAt: type(uint64).max - uint64(bound(expirySeed, 0, 1000)),
            version: 0,
            epoch: grants.epochOf(minor),
            salt: bytes32(++_salt)
        });
        bytes memory sig = grants.sign(GDELEGATE_PK, g);
        try grants.submitGrant(g, sig) {
            if (handedOverSinceGuardianSet) _flag("a guardian-set delegate acted after hand-over");
        } catch {}
    }

    function _flag(string memory reason) private {
        violation = true;
        violationReason = reason;
    }
}

/// @notice The grant invariants of protocol v2 (issue 13, attacks 9 and 10).
contract AccessGrantsInvariants is TestBase {
    MockRegistry private registry;
    AccessGrants private grants;
    AccessGrantsHandler private handler;

    function setUp() public {
        vm.warp(1_800_000_000);
        registry = new MockRegistry();
        grants = new AccessGrants(registry);
        bytes32 recordId = registry.anchor(vm.addr(0xA1), keccak256("record"), keccak256("application/fhir+json"));
        handler = new AccessGrantsHandler(grants, recordId);
        targetContract(address(handler));
    }

    function invariant_noHandlerViolation() public view {
        assertTrue(!handler.violation(), handler.violationReason());
    }

    /// @notice A revoked (or cancelled) grant never reads again, and nothing issued before a revocation reads.
    function invariant_revokedGrantNeverReadsAgain() public view {
        if (!_reads()) return;
        bytes32 id = _inForce();
        assertTrue(!handler.voided(id), "a revoked or cancelled grant reads");
        (, , bool revoked,) = grants.getGrant(id);
        assertTrue(!revoked, "a grant marked revoked reads");
        assertGe(handler.entry(id).g.version, handler.revokeFloor(), "a grant signed before a revocation reads");
    }

    /// @notice After an epoch bump no older signature is admitted or reads.
    function invariant_olderEpochNeverReads() public view {
        if (!_reads()) return;
        assertEq(uint256(handler.entry(_inForce()).g.epoch), uint256(grants.epochOf(handler.owner())), "older epoch reads");
    }

    /// @notice A grant a delegate signed never reads past its delegation (end, revocation or replacement).
    function invariant_delegateGrantNeverOutlivesDelegation() public view {
        if (!_reads()) return;
        AccessGrantsHandler.Signed memory e = handler.entry(_inForce());
        if (!e.byDelegate) return;
        assertEq(handler.admittedUnderGen(_inForce()), handler.delegationGen(), "a grant of a revoked or replaced delegation reads");
        assertTrue(handler.delegateUntil() > block.timestamp, "a grant reads past its delegation");
    }

    /// @notice After hand-over no delegate the guardian set acts.
    function invariant_noGuardianDelegateAfterHandOver() public view {
        if (handler.handedOverSinceGuardianSet()) {
            assertEq(uint256(grants.delegateValidUntil(handler.minor(), handler.gDelegate())), 0, "guardian's delegate lives");
        }
    }

    function _inForce() private view returns (bytes32) {
        (bytes32 id,,) = grants.grantSlot(handler.owner(), handler.grantee(), 0, handler.recordId(), handler.PURPOSE());
        return id;
    }

    function _reads() private view returns (bool) {
        return grants.canRead(handler.grantee(), handler.recordId(), handler.PURPOSE());
    }
}

/// @notice Attacks 9 and 10 of issue 13, performed as the adversary would; each must fail.
contract AccessGrantsAttacks is TestBase {
    using GrantSigning for AccessGrants;

    uint256 private constant OWNER_PK = 0xA1;
    uint256 private constant GRANTEE_PK = 0xA2;
    uint256 private constant DELEGATE_PK = 0xA3;
    uint256 private constant GUARDIAN_PK = 0xB2;
    bytes32 private constant PURPOSE = keccak256("TREAT");

    MockRegistry private registry;
    AccessGrants private grants;
    address private owner = vm.addr(OWNER_PK);
    address private grantee = vm.addr(GRANTEE_PK);
    address private delegateAcc = vm.addr(DELEGATE_PK);
    address private guardian = vm.addr(GUARDIAN_PK);
    bytes32 private recordId;
    uint256 private salt;

    function setUp() public {
        vm.warp(1_800_000_000);
        registry = new MockRegistry();
        grants = new AccessGrants(registry);
        recordId = registry.anchor(owner, keccak256("record"), keccak256("application/fhir+json"));
    }

    function _grant(address who, uint8 kind, uint64 expiresAt) private returns (AccessGrants.Grant memory g) {
        bytes32 scope = kind == 0 ? recordId : bytes32(0);
        (, uint32 version, uint32 epoch) = grants.grantSlot(who, grantee, kind, scope, PURPOSE);
        g = AccessGrants.Grant({
            owner: who,
            grantee: grantee,
            scopeKind: kind,
            scope: scope,
            purpose: PURPOSE,
            expiresAt: expiresAt,
            version: version,
            epoch: epoch,
            salt: bytes32(++salt)
        });
    }

    function _reads() private view returns (bool) {
        return grants.canRead(grantee, recordId, PURPOSE);
    }

    function test_attack_olderLongerGrantAfterShortening() public {
        AccessGrants.Grant memory longer = _grant(owner, 0, uint64(block.timestamp + 365 days));
        bytes memory longSig = grants.sign(OWNER_PK, longer);
        // The grantee also keeps a second long grant the owner signed at the same time (another salt).
        AccessGrants.Grant memory older = _grant(owner, 0, uint64(block.timestamp + 730 days));
        bytes memory olderSig = grants.sign(OWNER_PK, older);
        grants.submitGrant(longer, longSig);
        AccessGrants.Grant memory shorter = _grant(owner, 0, uint64(block.timestamp + 1 days));
        grants.submitGrant(shorter, grants.sign(OWNER_PK, shorter));
        vm.prank(grantee);
        vm.expectRevert(abi.encodeWithSelector(AccessGrants.StaleGrant.selector, uint32(0), uint32(2)));
        grants.submitGrant(older, olderSig);
        vm.prank(grantee);
        vm.expectRevert(abi.encodeWithSelector(AccessGrants.GrantExists.selector, grants.hashGrant(longer)));
        grants.submitGrant(longer, longSig);
        vm.warp(block.timestamp + 2 days);
        assertTrue(!_reads(), "the shortened grant still reads");
    }

    function test_attack_granteeRacesTheShortening() public {
        // Both signed against version 0; the grantee's long one lands first, the owner's short one is refused ...
        AccessGrants.Grant memory longer = _grant(owner, 0, uint64(block.timestamp + 365 days));
        AccessGrants.Grant memory shorter = _grant(owner, 0, uint64(block.timestamp + 1 days));
        bytes memory shortSig = grants.sign(OWNER_PK, shorter);
        vm.prank(grantee);
        grants.submitGrant(longer, grants.sign(OWNER_PK, longer));
        vm.expectRevert(abi.encodeWithSelector(AccessGrants.StaleGrant.selector, uint32(0), uint32(1)));
        grants.submitGrant(shorter, shortSig);
        // ... and the owner re-signs against the new version: the short one replaces the long one for good.
        AccessGrants.Grant memory again = _grant(owner, 0, uint64(block.timestamp + 1 days));
        grants.submitGrant(again, grants.sign(OWNER_PK, again));
        vm.warp(block.timestamp + 2 days);
        assertTrue(!_reads(), "the long grant won the race");
    }

    function test_attack_olderGrantAfterRevoke() public {
        AccessGrants.Grant memory a = _grant(owner, 0, uint64(block.timestamp + 365 days));
        bytes32 id = grants.submitGrant(a, grants.sign(OWNER_PK, a));
        AccessGrants.Grant memory held = _grant(owner, 0, uint64(block.timestamp + 730 days));
        bytes memory heldSig = grants.sign(OWNER_PK, held); // signed against version 1, before the revocation
        vm.prank(owner);
        grants.revokeGrant(id);
        vm.prank(grantee);
        vm.expectRevert(abi.encodeWithSelector(AccessGrants.StaleGrant.selector, uint32(1), uint32(2)));
        grants.submitGrant(held, heldSig);
        assertTrue(!_reads(), "revoked access came back");
        // The owner grants again later: that one is admitted.
        AccessGrants.Grant memory again = _grant(owner, 0, uint64(block.timestamp + 1 days));
        grants.submitGrant(again, grants.sign(OWNER_PK, again));
        assertTrue(_reads(), "a fresh grant does not read");
    }

    function test_attack_granteeFrontRunsTheRevocation() public {
        AccessGrants.Grant memory a = _grant(owner, 0, uint64(block.timestamp + 30 days));
        grants.submitGrant(a, grants.sign(OWNER_PK, a));
        AccessGrants.Grant memory held = _grant(owner, 0, uint64(block.timestamp + 730 days)); // signed at version 1
        bytes memory heldSig = grants.sign(OWNER_PK, held);
        // The owner's revocation waits in the mempool; the grantee's copy of `held` runs first ...
        vm.prank(grantee);
        grants.submitGrant(held, heldSig);
        // ... but the revocation names the slot, not a grant id: what is in force when it runs is revoked.
        vm.prank(owner);
        grants.revokeGrantInForce(owner, grantee, 0, recordId, PURPOSE);
        assertTrue(!_reads(), "front-running the revocation kept access");
    }

    function test_attack_cancelledGrantSubmitted() public {
        AccessGrants.Grant memory g = _grant(owner, 2, uint64(block.timestamp + 365 days));
        bytes memory sig = grants.sign(OWNER_PK, g);
        vm.prank(owner);
        grants.cancelGrant(g);
        vm.prank(grantee);
        vm.expectRevert(abi.encodeWithSelector(AccessGrants.GrantVoided.selector, grants.hashGrant(g)));
        grants.submitGrant(g, sig);
        assertTrue(!_reads(), "a cancelled grant reads");
    }

    function test_attack_granteeFrontRunsCancel() public {
        AccessGrants.Grant memory g = _grant(owner, 2, uint64(block.timestamp + 365 days));
        bytes memory sig = grants.sign(OWNER_PK, g);
        vm.prank(grantee);
        grants.submitGrant(g, sig); // lands before the owner's cancel
        vm.prank(owner);
        grants.cancelGrant(g);
        assertTrue(!_reads(), "front-running the cancel kept the grant");
        vm.prank(grantee);
        vm.expectRevert(abi.encodeWithSelector(AccessGrants.GrantVoided.selector, grants.hashGrant(g)));
        grants.submitGrant(g, sig);
    }

    function test_attack_signaturesOfAnOlderEpoch() public {
        AccessGrants.Grant memory inForce = _grant(owner, 2, uint64(block.timestamp + 365 days));
        grants.submitGrant(inForce, grants.sign(OWNER_PK, inForce));
        AccessGrants.Grant memory held = _grant(owner, 0, uint64(block.timestamp + 365 days));
        bytes memory heldSig = grants.sign(OWNER_PK, held);
        vm.prank(owner);
        grants.bumpEpoch(owner);
        assertTrue(!_reads(), "a grant in force of the older epoch reads");
        vm.prank(grantee);
        vm.expectRevert(abi.encodeWithSelector(AccessGrants.WrongEpoch.selector, uint32(0), uint32(1)));
        grants.submitGrant(held, heldSig);
        (, , , bool voided) = grants.getGrant(grants.hashGrant(inForce));
        assertTrue(voided, "getGrant does not report the older epoch");
    }

    function test_attack_twoHourDelegateSignsMaxExpiryGrant() public {
        vm.prank(owner);
        grants.setDelegate(owner, delegateAcc, uint64(block.timestamp + 2 hours));
        AccessGrants.Grant memory g = _grant(owner, 2, type(uint64).max);
        bytes32 id = grants.submitGrant(g, grants.sign(DELEGATE_PK, g));
        assertTrue(_reads(), "the delegate's grant does not read while the delegation lives");
        (, uint64 expiresAt,,) = grants.getGrant(id);
        assertEq(uint256(expiresAt), block.timestamp + 2 hours, "expiry not bounded by the delegation");
        vm.warp(block.timestamp + 2 hours);
        assertTrue(!_reads(), "the delegate's grant outlived the delegation");
        // Extending the delegation starts a new one; the old grant stays dead.
        vm.prank(owner);
        grants.setDelegate(owner, delegateAcc, uint64(block.timestamp + 2 hours));
        assertTrue(!_reads(), "a re-set delegation revived the old grant");
    }

    function test_attack_revokedDelegateGrantDies() public {
        vm.prank(owner);
        grants.setDelegate(owner, delegateAcc, uint64(block.timestamp + 2 hours));
        AccessGrants.Grant memory g = _grant(owner, 2, type(uint64).max);
        grants.submitGrant(g, grants.sign(DELEGATE_PK, g));
        vm.prank(owner);
        grants.revokeDelegate(owner, delegateAcc);
        assertTrue(!_reads(), "the grant survived the delegation's revocation");
    }

    function test_attack_guardianDelegateSurvivesHandOver() public {
        address minor = owner;
        vm.prank(minor);
        grants.appointGuardian(guardian);
        vm.prank(guardian);
        grants.setDelegate(minor, delegateAcc, uint64(block.timestamp + 3650 days));
        vm.prank(guardian);
        grants.handOver(minor);
        assertEq(uint256(grants.delegateValidUntil(minor, delegateAcc)), 0, "the guardian's delegate survived");
        AccessGrants.Grant memory g = _grant(minor, 2, type(uint64).max);
        bytes memory sig = grants.sign(DELEGATE_PK, g);
        vm.expectRevert(abi.encodeWithSelector(AccessGrants.UnauthorizedSigner.selector, minor, delegateAcc));
        grants.submitGrant(g, sig);
        vm.prank(delegateAcc);
        vm.expectRevert(abi.encodeWithSelector(AccessGrants.NotOwnerOrDelegate.selector, minor, delegateAcc));
        grants.cancelGrant(g);
    }

    function test_attack_trappedMinorRemovesGuardian() public {
        address minor = owner;
        vm.prank(minor);
        grants.appointGuardian(guardian); // tricked
        AccessGrants.Grant memory g = _grant(minor, 2, type(uint64).max);
        grants.submitGrant(g, grants.sign(GUARDIAN_PK, g));
        vm.prank(minor);
        vm.expectRevert(abi.encodeWithSelector(AccessGrants.GuardianRemovalLocked.selector, minor, uint64(0)));
        grants.removeGuardian();
        vm.prank(minor);
        uint64 at = grants.requestGuardianRemoval();
        assertEq(uint256(at), block.timestamp + 14 days, "time lock");
        vm.warp(at - 1);
        vm.prank(minor);
        vm.expectRevert(abi.encodeWithSelector(AccessGrants.GuardianRemovalLocked.selector, minor, at));
        grants.removeGuardian();
        // The guardian has no way to stop it: it is not the minor.
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(AccessGrants.GuardianRemovalLocked.selector, guardian, uint64(0)));
        grants.cancelGuardianRemoval();
        vm.warp(at);
        vm.prank(minor);
        grants.removeGuardian();
        assertEq(grants.guardianOf(minor), address(0), "guardian not removed");
        assertTrue(!_reads(), "the removed guardian's grant still reads");
        assertTrue(!grants.canRead(guardian, recordId, PURPOSE), "the removed guardian still reads");
    }
}

/// @notice Attack 12 of issue 13 (emergency access) and the hashed events of 13, performed as the adversary would.
contract EmergencyAccessAttacks is TestBase {
    MockRegistry private registry;
    MockCredentials private credentials;
    EmergencyAccess private emergency;
    address private paramedic = address(0xE1);
    address private patient = address(0xB0);

    function setUp() public {
        vm.warp(1_800_000_000);
        registry = new MockRegistry();
        credentials = new MockCredentials();
        emergency = new EmergencyAccess(registry, credentials);
        credentials.setRole(paramedic, 2, true);
    }

    function _profile(address who, bytes32 commitment) private returns (bytes32 id) {
        id = registry.anchor(who, commitment, keccak256("vital"));
        vm.prank(who);
        emergency.setVitalProfile(id);
    }

    function test_attack_paramedicOverPatientRateLimit() public {
        _profile(patient, keccak256("v1"));
        vm.prank(paramedic);
        emergency.breakTheGlass(patient, keccak256("cardiac arrest"));
        vm.warp(block.timestamp + 59 minutes);
        vm.prank(paramedic);
        vm.expectRevert(abi.encodeWithSelector(EmergencyAccess.PatientRateLimited.selector, uint64(block.timestamp + 1 minutes)));
        emergency.breakTheGlass(patient, keccak256("again"));
        vm.warp(block.timestamp + 1 minutes);
        vm.prank(paramedic);
        emergency.breakTheGlass(patient, keccak256("again"));
    }

    function test_attack_paramedicSweepsPatients() public {
        vm.warp((block.timestamp / 1 days) * 1 days + 1 hours);
        for (uint256 i = 0; i < 20; ++i) {
            address p = address(uint160(0x1000 + i));
            _profile(p, keccak256(abi.encode(i)));
            vm.prank(paramedic);
            emergency.breakTheGlass(p, keccak256("sweep"));
        }
        address next = address(0x2000);
        _profile(next, keccak256("next"));
        uint64 tomorrow = uint64((block.timestamp / 1 days + 1) * 1 days);
        assertEq(uint256(emergency.nextAccessAt(paramedic, next)), tomorrow, "nextAccessAt");
        vm.prank(paramedic);
        vm.expectRevert(abi.encodeWithSelector(EmergencyAccess.DailyCapReached.selector, uint32(20), tomorrow));
        emergency.breakTheGlass(next, keccak256("sweep"));
        vm.warp(tomorrow);
        vm.prank(paramedic);
        emergency.breakTheGlass(next, keccak256("sweep"));
    }

    function test_vitalProfileFollowsSupersede() public {
        bytes32 v1 = _profile(patient, keccak256("v1"));
        bytes32 v2 = registry.anchor(patient, keccak256("v2"), keccak256("vital"));
        bytes32 v3 = registry.anchor(patient, keccak256("v3"), keccak256("vital"));
        registry.supersede(v1, v2);
        registry.supersede(v2, v3);
        assertEq(emergency.vitalProfileOf(patient), v3, "pointer not at the newest version");
        vm.prank(paramedic);
        assertEq(emergency.breakTheGlass(patient, keccak256("r")), v3, "glass opened an old version");
        // A newer version of someone else's is never followed.
        bytes32 foreign = registry.anchor(address(0xBAD), keccak256("x"), keccak256("vital"));
        registry.supersede(v3, foreign);
        assertEq(emergency.vitalProfileOf(patient), v3, "followed into another owner's record");
    }

    function test_attack_eventsDoNotNamePatient() public {
        _profile(patient, keccak256("v1"));
        VmLogs(address(vm)).recordLogs();
        vm.prank(paramedic);
        emergency.breakTheGlass(patient, keccak256("r"));
        VmLogs.Log[] memory logs = VmLogs(address(vm)).getRecordedLogs();
        assertEq(logs.length, 1, "one event");
        bytes32 clear = bytes32(uint256(uint160(patient)));
        for (uint256 t = 0; t < logs[0].topics.length; ++t) {
            assertTrue(logs[0].topics[t] != clear, "the patient's address is a topic");
        }
        assertEq(logs[0].topics[1], keccak256(abi.encode(patient)), "patient tag");
        bytes memory data = logs[0].data;
        for (uint256 w = 0; w + 32 <= data.length; w += 32) {
            bytes32 word;
            assembly {
                word := mload(add(add(data, 32), w))
            }
            assertTrue(word != clear, "the patient's address is in the data");
        }
    }

    function test_attack_notAParamedic() public {
        _profile(patient, keccak256("v1"));
        vm.prank(address(0xBAD));
        vm.expectRevert(abi.encodeWithSelector(EmergencyAccess.NotEmergencyProvider.selector, address(0xBAD)));
        emergency.breakTheGlass(patient, keccak256("r"));
    }
}
