// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TestBase} from "./TestBase.sol";
import {MedToken} from "../MedToken.sol";
import {MediPoints} from "../MediPoints.sol";
import {IERC20Minimal, MedTransferFailed} from "../Common.sol";
import {IRecordRegistryView} from "../Interfaces.sol";

/// @dev A stand-in for the v2 record registry: record ids bound to their owner; anyone anchors for themselves, only
///      certified providers write into another account's record (the real registry checks the write grant too).
contract RegistryStandIn is IRecordRegistryView {
    struct Parties {
        address owner;
        address author;
        bytes32 contentTypeId;
    }

    mapping(bytes32 => Parties) private _records;
    mapping(address => bool) public certified;

    function certify(address provider) external {
        certified[provider] = true;
    }

    function anchor(bytes32 commitment, bytes32 contentTypeId) external returns (bytes32 recordId) {
        recordId = keccak256(abi.encode(msg.sender, commitment));
        require(_records[recordId].owner == address(0), "anchored");
        _records[recordId] = Parties(msg.sender, address(0), contentTypeId);
    }

    function author(address owner, bytes32 commitment, bytes32 contentTypeId) external returns (bytes32 recordId) {
        require(certified[msg.sender], "not certified");
        recordId = keccak256(abi.encode(owner, commitment));
        require(_records[recordId].owner == address(0), "anchored");
        _records[recordId] = Parties(owner, msg.sender, contentTypeId);
    }

    function getRecord(bytes32 recordId) external view returns (address, uint64, bytes32, bytes32) {
        Parties storage p = _records[recordId];
        return (p.owner, 0, p.contentTypeId, bytes32(0));
    }

    function getRecordParties(bytes32 recordId) external view returns (address, address, bytes32) {
        Parties storage p = _records[recordId];
        return (p.owner, p.author, p.contentTypeId);
    }
}

/// @dev A token whose transfers return false instead of reverting.
contract FalseToken {
    function transfer(address, uint256) external pure returns (bool) {
        return false;
    }

    function transferFrom(address, address, uint256) external pure returns (bool) {
        return false;
    }

    function balanceOf(address) external pure returns (uint256) {
        return 0;
    }
}

/// @dev Drives MediPoints as buyers, a pool funder, a certified provider, an attacker and a locker would, and keeps
///      ghost books of what went in and out of every account.
contract MediPointsHandler is TestBase {
    bytes32 internal constant FHIR = keccak256("application/fhir+json");

    MediPoints public immutable points;
    MedToken public immutable token;
    RegistryStandIn public immutable registry;
    address[] public actors;
    address public immutable provider;

    mapping(address => uint256) public minted;
    mapping(address => uint256) public converted;
    mapping(address => uint256) public slashed;
    mapping(address => uint256) public firstWeek;
    uint256 public medIn;
    uint256 public medOut;
    uint256[] public held;
    uint256 private _nonce;

    constructor(MediPoints points_, MedToken token_, RegistryStandIn registry_, address[] memory actors_, address provider_) {
        points = points_;
        token = token_;
        registry = registry_;
        actors = actors_;
        provider = provider_;
        for (uint256 i = 0; i < actors_.length; ++i) firstWeek[actors_[i]] = type(uint256).max;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function heldCount() external view returns (uint256) {
        return held.length;
    }

    function buy(uint256 who, uint256 amount) external {
        address a = actors[who % actors.length];
        amount = bound(amount, 1, 500);
        uint256 cost = amount * points.medPerPoint();
        vm.prank(a);
        token.approve(address(points), cost);
        vm.prank(a);
        points.buy(uint128(amount));
        _minted(a, amount);
        medIn += cost;
    }

    function fundPool(uint256 who, uint256 amount) external {
        address a = actors[who % actors.length];
        amount = bound(amount, 1, 200 ether);
        vm.prank(a);
        token.approve(address(points), amount);
        vm.prank(a);
        points.fundRewardPool(amount);
        medIn += amount;
    }

    /// @dev The provider writes a record into a patient's record and claims its reward (when the pool and caps allow).
    function authorAndClaim(uint256 patient) external {
        address owner = actors[patient % actors.length];
        if (owner == provider) return;
        vm.prank(provider);
        bytes32 recordId = registry.author(owner, keccak256(abi.encode(++_nonce)), FHIR);
        vm.prank(provider);
        try points.claimRecordReward(recordId) {
            _minted(provider, points.rateOf(FHIR));
        } catch {}
    }

    /// @dev Anyone anchors a record for themselves and tries to claim a reward: never minted.
    function selfAnchorAndClaim(uint256 who) external {
        address a = actors[who % actors.length];
        vm.prank(a);
        bytes32 recordId = registry.anchor(keccak256(abi.encode(++_nonce)), FHIR);
        vm.prank(a);
        try points.claimRecordReward(recordId) {
            fail("a self-anchored record earned points");
        } catch {}
    }

    function convert(uint256 who, uint256 amount) external {
        address a = actors[who % actors.length];
        uint256 convertible = points.convertibleOf(a);
        if (convertible == 0) return;
        amount = bound(amount, 1, convertible);
        uint256 before = token.balanceOf(a);
        vm.prank(a);
        points.convert(amount);
        // Book what really left (the invariants judge it), not what should have.
        converted[a] += amount;
        medOut += token.balanceOf(a) - before;
    }

    function lock(uint256 who, uint256 amount, uint256 term) external {
        address a = actors[who % actors.length];
        uint256 free = points.balanceOf(a);
        if (free == 0) return;
        amount = bound(amount, 1, free);
        uint64 until = uint64(block.timestamp + bound(term, 0, 800 days));
        try points.lockDeposit(a, amount, until) returns (uint256 id) {
            held.push(id);
        } catch {}
    }

    function release(uint256 index) external {
        if (held.length == 0) return;
        index %= held.length;
        points.releaseDeposit(held[index]);
        held[index] = held[held.length - 1];
        held.pop();
    }

    function slash(uint256 index) external {
        if (held.length == 0) return;
        index %= held.length;
        uint256 id = held[index];
        (address account,, uint256 size,,) = points.getDeposit(id);
        uint256 before = token.balanceOf(points.treasury());
        points.slashDeposit(id);
        slashed[account] += size;
        medOut += token.balanceOf(points.treasury()) - before;
        held[index] = held[held.length - 1];
        held.pop();
    }

    function sweep(uint256 maxWeeks) external {
        uint256 before = token.balanceOf(points.treasury());
        points.sweepExpired(bound(maxWeeks, 1, 200));
        medOut += token.balanceOf(points.treasury()) - before;
    }

    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1 hours, 120 days));
    }

    function _minted(address a, uint256 amount) private {
        minted[a] += amount;
        uint256 week = block.timestamp / 7 days;
        if (week < firstWeek[a]) firstWeek[a] = week;
    }
}

/// @notice MediPoints keep their promises: solvent at all times, points never move between accounts, every
///         account's lots stay bounded; and the attacks of issue 13 (1: free points then insolvency; 11: deposits on
///         expiring points, count locks, unbounded lots) fail.
contract MediPointsInvariants is TestBase {
    bytes32 internal constant FHIR = keccak256("application/fhir+json");
    uint256 internal constant PRICE = 0.01 ether;

    MedToken private token;
    RegistryStandIn private registry;
    MediPoints private points;
    MediPointsHandler private handler;
    address[] private actors;
    address private provider;
    address private treasury;

    function setUp() public {
        vm.warp(1_800_000_000);
        treasury = vm.addr(99);
        token = new MedToken(10_000_000 ether);
        registry = new RegistryStandIn();
        points = new MediPoints(IERC20Minimal(address(token)), registry, PRICE, treasury);
        points.setRate(FHIR, 10);
        for (uint256 i = 1; i <= 4; ++i) {
            actors.push(vm.addr(i));
            token.transfer(vm.addr(i), 100_000 ether);
        }
        provider = actors[0];
        registry.certify(provider);
        handler = new MediPointsHandler(points, token, registry, actors, provider);
        points.setLocker(address(handler), true);
        points.setLocker(address(this), true);
        targetContract(address(handler));
    }

    // ------------------------------------------------------------------------------------------------ invariants

    /// @notice MED held ≥ MED owed: every outstanding point's backing plus the unreserved pool.
    function invariant_solvency() public view {
        uint256 owed = points.outstandingPoints() * PRICE + points.rewardPool();
        assertGe(token.balanceOf(address(points)), owed, "MediPoints is insolvent");
        assertEq(token.balanceOf(address(points)), handler.medIn() - handler.medOut(), "MED leaked");
        uint256 free;
        for (uint256 i = 0; i < actors.length; ++i) free += points.balanceOf(actors[i]);
        assertGe(points.outstandingPoints(), free, "live points without backing");
    }

    /// @notice An account's points change only by its own mints, conversions and slashed deposits: never by another
    ///         account's actions (there is no transfer, and deposits return to their account).
    function invariant_pointsNeverMoveBetweenAccounts() public view {
        for (uint256 i = 0; i < actors.length; ++i) {
            address a = actors[i];
            uint256 inLots = _allLots(a);
            assertEq(inLots + points.lockedOf(a), handler.minted(a) - handler.converted(a) - handler.slashed(a), "points moved");
        }
    }

    /// @notice Reads and conversions walk at most 106 weeks of lots per account, and a balance read stays cheap.
    function invariant_lotsStayBounded() public view {
        for (uint256 i = 0; i < actors.length; ++i) {
            assertLe(points.lotSpanOf(actors[i]), 106, "lot span unbounded");
            uint256 g = gasleft();
            points.convertibleOf(actors[i]);
            assertLe(g - gasleft(), 400_000, "convertibleOf too expensive");
        }
    }

    // ----------------------------------------------------------------------------------------------- attack 1

    /// @notice Anchoring random records for oneself earns nothing; an unknown record id earns nothing.
    function test_attack_selfAnchoredOrRandomRecordsEarnNothing() public {
        _fundPool(1_000 ether);
        address attacker = vm.addr(666);
        for (uint256 i = 0; i < 20; ++i) {
            vm.prank(attacker);
            bytes32 id = registry.anchor(keccak256(abi.encode("junk", i)), FHIR);
            vm.prank(attacker);
            vm.expectRevert(abi.encodeWithSelector(MediPoints.NotProviderAuthored.selector, id));
            points.claimRecordReward(id);
        }
        bytes32 random = keccak256("random");
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(MediPoints.UnknownRecord.selector, random));
        points.claimRecordReward(random);
        // A certified provider writing into its own record is self-anchoring too.
        registry.certify(attacker);
        vm.prank(attacker);
        bytes32 own = registry.author(attacker, keccak256("own"), FHIR);
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(MediPoints.NotProviderAuthored.selector, own));
        points.claimRecordReward(own);
        // Another account's authored record: only its author claims.
        vm.prank(provider);
        bytes32 real = registry.author(actors[1], keccak256("visit"), FHIR);
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(MediPoints.NotRecordAuthor.selector, real, provider, attacker));
        points.claimRecordReward(real);
        assertEq(points.balanceOf(attacker), 0, "attacker earned points");
        assertEq(points.outstandingPoints(), 0, "points minted");
    }

    /// @notice A provider (or a colluding patient) earns at most the weekly caps, however many records it writes.
    function test_attack_providerRewardsStopAtCap() public {
        _fundPool(1_000 ether);
        points.setRewardCaps(100, 30);
        address[] memory sybils = new address[](20);
        uint256 earned;
        bool authorCapHit;
        for (uint256 i = 0; i < 20; ++i) {
            sybils[i] = vm.addr(1000 + i);
            for (uint256 j = 0; j < 5; ++j) {
                vm.prank(provider);
                bytes32 id = registry.author(sybils[i], keccak256(abi.encode(i, j)), FHIR);
                vm.prank(provider);
                try points.claimRecordReward(id) {
                    earned += 10;
                } catch (bytes memory reason) {
                    bytes4 sel = bytes4(reason);
                    assertTrue(
                        sel == MediPoints.PatientRewardCapReached.selector || sel == MediPoints.AuthorRewardCapReached.selector,
                        "unexpected refusal"
                    );
                    if (sel == MediPoints.AuthorRewardCapReached.selector) authorCapHit = true;
                }
            }
        }
        assertTrue(authorCapHit, "author cap never hit");
        assertEq(earned, 100, "provider earned past its weekly cap");
        assertEq(points.balanceOf(provider), 100, "balance past cap");
        // A patient's records earn at most 30 a week whoever writes them.
        vm.warp(block.timestamp + 7 days);
        uint256 forOne;
        for (uint256 j = 0; j < 5; ++j) {
            vm.prank(provider);
            bytes32 id = registry.author(actors[2], keccak256(abi.encode("p", j)), FHIR);
            vm.prank(provider);
            try points.claimRecordReward(id) {
                forOne += 10;
            } catch {}
        }
        assertEq(forOne, 30, "patient cap not applied");
    }

    /// @notice With no pool there is no reward; rewards reserve their MED; converting pays only MED that buyers and
    ///         funders put in, and every buyer can still convert everything afterwards.
    function test_attack_convertNeverPaysUnfundedMed() public {
        vm.prank(provider);
        bytes32 id = registry.author(actors[1], keccak256("note"), FHIR);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(MediPoints.RewardPoolExhausted.selector, 0, 10 * PRICE));
        points.claimRecordReward(id);

        address buyer = actors[2];
        vm.startPrank(buyer);
        token.approve(address(points), 1_000 * PRICE);
        points.buy(1_000);
        vm.stopPrank();
        // The buyer's MED does not back rewards.
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(MediPoints.RewardPoolExhausted.selector, 0, 10 * PRICE));
        points.claimRecordReward(id);

        _fundPool(10 * PRICE);
        vm.prank(provider);
        points.claimRecordReward(id);
        assertEq(points.rewardPool(), 0, "reward did not reserve its backing");
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(MediPoints.AlreadyRewarded.selector, id));
        points.claimRecordReward(id);

        vm.warp(block.timestamp + 98 days);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(MediPoints.InsufficientConvertible.selector, 10, 11));
        points.convert(11);
        vm.prank(provider);
        points.convert(10);
        vm.prank(buyer);
        points.convert(1_000);
        assertEq(token.balanceOf(address(points)), 0, "MED left over");
        assertEq(points.outstandingPoints(), 0, "points left over");
    }

    /// @notice A token transfer that returns false mints nothing.
    function test_attack_falseReturningTokenMintsNothing() public {
        FalseToken bad = new FalseToken();
        MediPoints p = new MediPoints(IERC20Minimal(address(bad)), registry, PRICE, treasury);
        vm.expectRevert(abi.encodeWithSelector(MedTransferFailed.selector, address(bad), address(p), 10 * PRICE));
        p.buy(10);
        assertEq(p.outstandingPoints(), 0, "minted on a failed payment");
    }

    // ---------------------------------------------------------------------------------------------- attack 11

    /// @notice A deposit cannot be made of points that expire before its term ends; newer points are taken instead.
    function test_attack_depositOnPointsAboutToExpireRefused() public {
        address a = actors[1];
        _buy(a, 100);
        vm.warp(block.timestamp + 700 days);
        vm.expectRevert(abi.encodeWithSelector(MediPoints.InsufficientPoints.selector, 0, 50));
        points.lockDeposit(a, 50, uint64(block.timestamp + 60 days));
        _buy(a, 50);
        uint256 id = points.lockDeposit(a, 50, uint64(block.timestamp + 60 days));
        assertEq(points.balanceOf(a), 100, "deposit took the expiring points");
        // The old points expire; the deposit's points are still there to slash.
        vm.warp(block.timestamp + 59 days);
        assertEq(points.balanceOf(a), 0, "old points did not expire");
        uint256 before = token.balanceOf(treasury);
        points.slashDeposit(id);
        assertEq(token.balanceOf(treasury) - before, 50 * PRICE, "slash burned points that did not exist");
    }

    /// @notice A deposit freezes exactly its own points: every other point stays free and converts.
    function test_attack_lockFreezesOnlyTheDepositsPoints() public {
        address a = actors[1];
        _buy(a, 100);
        uint256 id = points.lockDeposit(a, 30, uint64(block.timestamp + 30 days));
        vm.warp(block.timestamp + 100 days);
        _buy(a, 40);
        assertEq(points.lockedOf(a), 30, "locked");
        assertEq(points.balanceOf(a), 110, "free balance");
        assertEq(points.convertibleOf(a), 70, "the lock froze points outside the deposit");
        vm.prank(a);
        points.convert(70);
        points.releaseDeposit(id);
        assertEq(points.convertibleOf(a), 30, "released points lost their lot");
        (,,,, uint8 state) = points.getDeposit(id);
        assertEq(state, 2, "not released");
        vm.expectRevert(abi.encodeWithSelector(MediPoints.DepositNotHeld.selector, id));
        points.slashDeposit(id);
    }

    /// @notice Slashing burns points that exist and sends exactly their MED to the treasury; only the deposit's locker
    ///         may release or slash it.
    function test_attack_slashBurnsExistingPoints() public {
        address a = actors[1];
        _buy(a, 100);
        uint256 id = points.lockDeposit(a, 60, uint64(block.timestamp + 200 days));
        address otherLocker = vm.addr(4242);
        points.setLocker(otherLocker, true);
        vm.prank(otherLocker);
        vm.expectRevert(abi.encodeWithSelector(MediPoints.NotDepositLocker.selector, id, address(this), otherLocker));
        points.slashDeposit(id);
        vm.prank(a);
        vm.expectRevert(abi.encodeWithSelector(MediPoints.NotLocker.selector, a));
        points.lockDeposit(a, 1, 0);
        vm.warp(block.timestamp + 150 days);
        uint256 before = token.balanceOf(treasury);
        points.slashDeposit(id);
        assertEq(token.balanceOf(treasury) - before, 60 * PRICE, "slash MED");
        assertEq(points.outstandingPoints(), 40, "slash did not burn");
        assertEq(points.balanceOf(a) + points.lockedOf(a), 40, "account points after slash");
    }

    /// @notice Thousands of one-point rewards and purchases over years: convert, balance reads and a slash stay
    ///         within a bounded gas, far under the block gas limit.
    function test_attack_thousandsOfOnePointLotsStayBounded() public {
        _fundPool(100 ether);
        points.setRate(FHIR, 1);
        address patient = actors[1];
        vm.startPrank(provider);
        token.approve(address(points), type(uint256).max);
        for (uint256 i = 0; i < 3_000; ++i) {
            bytes32 id = registry.author(patient, keccak256(abi.encode("r", i)), FHIR);
            points.claimRecordReward(id);
            points.buy(1);
            vm.warp(block.timestamp + 6 hours);
        }
        vm.stopPrank();
        // 750 days of lots: at most 106 of them live.
        assertLe(points.lotSpanOf(provider), 106, "lot span");
        uint256 g = gasleft();
        uint256 convertible = points.convertibleOf(provider);
        assertLe(g - gasleft(), 400_000, "convertibleOf gas");
        g = gasleft();
        uint256 id2 = points.lockDeposit(provider, points.balanceOf(provider) - convertible + convertible / 2, uint64(block.timestamp));
        assertLe(g - gasleft(), 6_000_000, "lockDeposit gas");
        uint256 left = points.convertibleOf(provider);
        assertGe(left, 1, "nothing left to convert");
        g = gasleft();
        vm.prank(provider);
        points.convert(left);
        assertLe(g - gasleft(), 3_000_000, "convert gas");
        g = gasleft();
        points.slashDeposit(id2);
        assertLe(g - gasleft(), 3_000_000, "slash gas");
        g = gasleft();
        points.sweepExpired(200);
        assertLe(g - gasleft(), 3_000_000, "sweep gas");
        assertGe(token.balanceOf(address(points)), points.outstandingPoints() * PRICE + points.rewardPool(), "solvency");
    }

    // ------------------------------------------------------------------------------------------------- sweeps

    /// @notice The MED behind expired points goes to the treasury, once.
    function test_sweepSendsExpiredMedToTreasury() public {
        _buy(actors[1], 100);
        vm.warp(block.timestamp + 738 days);
        assertEq(points.balanceOf(actors[1]), 0, "not expired");
        points.sweepExpired(200);
        assertEq(token.balanceOf(treasury), 100 * PRICE, "swept MED");
        assertEq(points.sweepExpired(200), 0, "swept twice");
        assertEq(points.outstandingPoints(), 0, "outstanding after sweep");
    }

    /// @notice The admin role moves in two steps.
    function test_adminTransferIsTwoStep() public {
        address next = vm.addr(77);
        points.transferAdmin(next);
        assertEq(points.admin(), address(this), "moved before acceptance");
        vm.prank(next);
        points.acceptAdmin();
        assertEq(points.admin(), next, "not accepted");
        vm.expectRevert(abi.encodeWithSignature("NotAdmin(address)", address(this)));
        points.setRate(FHIR, 1);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    function _fundPool(uint256 amount) private {
        token.approve(address(points), amount);
        points.fundRewardPool(amount);
    }

    function _buy(address a, uint128 amount) private {
        vm.startPrank(a);
        token.approve(address(points), amount * PRICE);
        points.buy(amount);
        vm.stopPrank();
    }

    /// @dev Every lot of `a` from its first mint week to now, expired or not.
    function _allLots(address a) private view returns (uint256 total) {
        uint256 first = handler.firstWeek(a);
        if (first == type(uint256).max) return 0;
        uint256 last = block.timestamp / 7 days;
        for (uint256 w = first; w <= last; ++w) total += points.lotAt(a, w);
    }
}
