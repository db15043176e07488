// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TestBase} from "./TestBase.sol";
import {DepositsStandIn} from "./DepositsStandIn.sol";
import {Credentials} from "../Credentials.sol";
import {Admin2Step} from "../Common.sol";
import {IMediPointsDeposits} from "../Interfaces.sol";

/// @dev Drives Credentials as authority-certified peers, vouched candidates (who try to vouch too), an authority that
///      revokes and challenges, an admin that changes the rules (and the deposits contract), and the clock.
contract CredentialsHandler is TestBase {
    Credentials public immutable creds;
    DepositsStandIn public immutable depositsA;
    DepositsStandIn public immutable depositsB;
    address public immutable authority = vm.addr(100);
    address[] public peers;
    address[] public candidates;
    address[] public everyone;

    mapping(address => mapping(uint8 => bool)) public finalGhost;
    mapping(address => bool) public authorityCertified;
    uint256 public vouchesByUncertified;
    /// @dev How often each action succeeded (a run that never vouches proves nothing).
    uint256 public vouchesMade;
    uint256 public certifications;
    uint256 public releases;
    uint256 public challenges;
    uint256 public calls;

    constructor() {
        creds = new Credentials();
        depositsA = new DepositsStandIn();
        depositsB = new DepositsStandIn();
        creds.setAuthority(authority, true);
        creds.setVouching(depositsA, 2, 10, 30 days, 7 days, 3);
        for (uint256 i = 1; i <= 4; ++i) {
            address p = vm.addr(i);
            peers.push(p);
            everyone.push(p);
            authorityCertified[p] = true;
            for (uint8 role = 1; role <= 2; ++role) {
                vm.prank(authority);
                creds.certify(p, role, uint64(block.timestamp + 3650 days));
            }
        }
        for (uint256 i = 11; i <= 14; ++i) {
            candidates.push(vm.addr(i));
            everyone.push(vm.addr(i));
        }
        for (uint256 i = 0; i < everyone.length; ++i) {
            depositsA.mint(everyone[i], 1_000_000);
            depositsB.mint(everyone[i], 1_000_000);
        }
    }

    function everyoneCount() external view returns (uint256) {
        return everyone.length;
    }

    function vouch(uint256 voucherSeed, uint256 candidateSeed, uint256 roleSeed) external {
        ++calls;
        address voucher = everyone[voucherSeed % everyone.length];
        address candidate = everyone[candidateSeed % everyone.length];
        uint8 role = uint8(1 + roleSeed % 2);
        (address issuer,,,) = creds.getCredential(voucher, role);
        bool certified = creds.hasRole(voucher, role) && creds.isAuthority(issuer) && issuer != address(creds);
        vm.prank(voucher);
        try creds.vouch(candidate, role) {
            ++vouchesMade;
            if (creds.hasRole(candidate, role)) ++certifications;
            if (!certified) ++vouchesByUncertified;
        } catch {}
    }

    function release(uint256 voucherSeed, uint256 candidateSeed, uint256 roleSeed) external {
        ++calls;
        address voucher = everyone[voucherSeed % everyone.length];
        address candidate = everyone[candidateSeed % everyone.length];
        vm.prank(voucher);
        try creds.releaseVouch(candidate, uint8(1 + roleSeed % 2)) {
            ++releases;
        } catch {}
    }

    function challenge(uint256 candidateSeed, uint256 roleSeed) external {
        ++calls;
        address candidate = everyone[candidateSeed % everyone.length];
        uint8 role = uint8(1 + roleSeed % 2);
        vm.prank(authority);
        try creds.challenge(candidate, role, "fraud") {
            ++challenges;
            finalGhost[candidate][role] = true;
        } catch {}
    }

    function revoke(uint256 candidateSeed, uint256 roleSeed) external {
        ++calls;
        address candidate = candidates[candidateSeed % candidates.length];
        uint8 role = uint8(1 + roleSeed % 2);
        vm.prank(authority);
        try creds.revoke(candidate, role, "misconduct") {
            finalGhost[candidate][role] = true;
        } catch {}
    }

    function setRules(uint256 seed) external {
        ++calls;
        DepositsStandIn d = seed % 2 == 0 ? depositsA : depositsB;
        creds.setVouching(
            d,
            uint8(1 + (seed >> 1) % 3),
            1 + (seed >> 8) % 50,
            uint64(1 days + (seed >> 16) % 60 days),
            uint64((seed >> 32) % 14 days),
            uint16(1 + (seed >> 48) % 4)
        );
    }

    function warp(uint256 seconds_) external {
        ++calls;
        vm.warp(block.timestamp + bound(seconds_, 1, 20 days));
    }
}

/// @notice Credentials v2 invariants, and attack 7 of issue 13 tried as an adversary would.
contract CredentialsInvariants is TestBase {
    CredentialsHandler private handler;

    function setUp() public {
        handler = new CredentialsHandler();
        targetContract(address(handler));
    }

    /// @notice A revoked or successfully challenged credential never reads again (authorities never re-certify here).
    function invariant_finalCredentialNeverReadsAgain() public view {
        Credentials creds = handler.creds();
        uint256 n = handler.everyoneCount();
        for (uint256 i = 0; i < n; ++i) {
            address a = handler.everyone(i);
            for (uint8 role = 1; role <= 2; ++role) {
                if (handler.finalGhost(a, role)) {
                    assertTrue(!creds.hasRole(a, role), "a final credential reads again");
                    assertTrue(creds.isFinal(a, role), "a final credential is not marked final");
                }
            }
        }
    }

    /// @notice Every live vouch is backed by a live deposit of exactly its amount, made by Credentials for the voucher,
    ///         locked past the vouch's term and window; the deposits contracts hold no other locked points.
    function invariant_everyLiveVouchIsBackedByItsDeposit() public view {
        Credentials creds = handler.creds();
        uint256 n = handler.everyoneCount();
        uint256 vouchAmountsA;
        uint256 vouchAmountsB;
        uint256 liveVouches;
        for (uint256 c = 0; c < n; ++c) {
            address candidate = handler.everyone(c);
            for (uint8 role = 1; role <= 2; ++role) {
                address[] memory vouchers = creds.vouchersOf(candidate, role);
                assertLe(vouchers.length, creds.MAX_VOUCHERS(), "too many vouchers on a candidate");
                for (uint256 i = 0; i < vouchers.length; ++i) {
                    (address points, uint256 amount) = _checkVouch(creds, candidate, role, vouchers[i]);
                    if (points == address(handler.depositsA())) vouchAmountsA += amount;
                    else vouchAmountsB += amount;
                }
                liveVouches += vouchers.length;
            }
        }
        uint256 lockedA;
        uint256 lockedB;
        uint256 counted;
        for (uint256 i = 0; i < n; ++i) {
            address a = handler.everyone(i);
            lockedA += handler.depositsA().lockedOf(a);
            lockedB += handler.depositsB().lockedOf(a);
            counted += creds.liveVouchesOf(a);
        }
        assertEq(lockedA, vouchAmountsA, "stranded or missing deposits on A");
        assertEq(lockedB, vouchAmountsB, "stranded or missing deposits on B");
        assertEq(counted, liveVouches, "live vouch counters drift");
    }

    function _checkVouch(Credentials creds, address candidate, uint8 role, address voucher)
        private
        view
        returns (address points, uint256 amount)
    {
        uint256 id;
        uint64 validUntil;
        uint64 releasableAt;
        (points, id, amount,, validUntil, releasableAt,) = creds.getVouch(candidate, role, voucher);
        (address account, address locker, uint256 locked, uint64 until, bool live) = DepositsStandIn(points).getDeposit(id);
        assertTrue(live, "a live vouch's deposit is gone");
        assertEq(account, voucher, "deposit of another account");
        assertEq(locker, address(creds), "deposit made by another locker");
        assertEq(locked, amount, "deposit != vouch amount");
        assertTrue(amount > 0, "empty vouch listed");
        assertTrue(until == releasableAt && releasableAt >= validUntil, "deposit ends before the vouch");
    }

    /// @notice Vouchers are authority-certified: no vouch by an account without a live authority-issued credential
    ///         succeeds, and every listed voucher is one of the authority-certified peers.
    function invariant_vouchersAreAuthorityCertified() public view {
        assertEq(handler.vouchesByUncertified(), 0, "an uncertified or vouched account vouched");
        Credentials creds = handler.creds();
        uint256 n = handler.everyoneCount();
        for (uint256 c = 0; c < n; ++c) {
            for (uint8 role = 1; role <= 2; ++role) {
                address[] memory vouchers = creds.vouchersOf(handler.everyone(c), role);
                for (uint256 i = 0; i < vouchers.length; ++i) {
                    assertTrue(handler.authorityCertified(vouchers[i]), "a vouched account holds a vouch");
                }
            }
        }
    }
}

/// @notice Attack 7 (Sybil credentials) and the rules change of attack 13, each tried and refused.
contract CredentialsAttackTests is TestBase {
    uint64 private constant TERM = 30 days;
    uint64 private constant WINDOW = 7 days;
    Credentials private creds;
    DepositsStandIn private deposits;
    address private authority = vm.addr(100);
    address private a = vm.addr(1);
    address private b = vm.addr(2);
    address private c = vm.addr(3);
    address private d = vm.addr(4);
    address private candidate = vm.addr(11);
    address private other = vm.addr(12);

    function setUp() public {
        vm.warp(1_000_000);
        creds = new Credentials();
        deposits = new DepositsStandIn();
        creds.setAuthority(authority, true);
        creds.setVouching(deposits, 2, 10, TERM, WINDOW, 3);
        address[4] memory peers = [a, b, c, d];
        for (uint256 i = 0; i < peers.length; ++i) {
            vm.prank(authority);
            creds.certify(peers[i], 1, uint64(block.timestamp + 3650 days));
            deposits.mint(peers[i], 1000);
        }
        deposits.mint(candidate, 1000);
        deposits.mint(other, 1000);
    }

    function _vouch(address voucher, address who) private {
        vm.prank(voucher);
        creds.vouch(who, 1);
    }

    function _release(address voucher, address who) private {
        vm.prank(voucher);
        creds.releaseVouch(who, 1);
    }

    function _depositOf(address voucher, address who) private view returns (uint256 id, bool live) {
        (, id,,,,,) = creds.getVouch(who, 1, voucher);
        (,,,, live) = deposits.getDeposit(id);
    }

    function test_vouchesCertifyUntilTheOldestTermEndsAndLockPastTheWindow() public {
        _vouch(a, candidate);
        vm.warp(block.timestamp + 1 days);
        _vouch(b, candidate);
        (address issuer,, uint64 expiresAt,) = creds.getCredential(candidate, 1);
        assertEq(issuer, address(creds), "issuer");
        assertEq(expiresAt, 1_000_000 + TERM, "expiry = oldest vouch's term");
        (,,,,, uint64 releasableAt, bool bonded) = creds.getVouch(candidate, 1, a);
        assertTrue(bonded, "bonded");
        assertEq(releasableAt, 1_000_000 + TERM + WINDOW, "releasable after term + window");
        (uint256 id,) = _depositOf(a, candidate);
        (,,, uint64 until,) = deposits.getDeposit(id);
        assertEq(until, releasableAt, "deposit's points outlive the vouch");
    }

    function test_attack_reVouchAfterRevoke() public {
        _vouch(a, candidate);
        _vouch(b, candidate);
        vm.prank(authority);
        creds.revoke(candidate, 1, "forged licence");
        vm.prank(c);
        vm.expectRevert(abi.encodeWithSelector(Credentials.CredentialFinal.selector, candidate, uint8(1)));
        creds.vouch(candidate, 1);
        // Even once every old vouch is gone, fresh vouchers cannot bring it back.
        vm.warp(block.timestamp + TERM + WINDOW);
        _release(a, candidate);
        _release(b, candidate);
        vm.prank(c);
        vm.expectRevert(abi.encodeWithSelector(Credentials.CredentialFinal.selector, candidate, uint8(1)));
        creds.vouch(candidate, 1);
        assertTrue(!creds.hasRole(candidate, 1), "revoked credential reads again");
    }

    function test_attack_reVouchAfterChallenge() public {
        _vouch(a, candidate);
        _vouch(b, candidate);
        _vouch(a, other); // a's deposit on another candidate is not behind this credential
        vm.prank(authority);
        creds.challenge(candidate, 1, "fraud");
        assertEq(deposits.burned(), 20, "exactly the two bonded deposits burned");
        (, bool live) = _depositOf(a, other);
        assertTrue(live, "an unrelated deposit was slashed");
        vm.prank(a);
        vm.expectRevert(abi.encodeWithSelector(Credentials.CredentialFinal.selector, candidate, uint8(1)));
        creds.vouch(candidate, 1);
        vm.prank(b);
        vm.expectRevert(abi.encodeWithSelector(Credentials.CredentialFinal.selector, candidate, uint8(1)));
        creds.vouch(candidate, 1);
        assertTrue(!creds.hasRole(candidate, 1), "challenged credential reads again");
        assertEq(creds.liveVouchesOf(a), 1, "a's live vouches");
    }

    function test_attack_chainVouchingByAJustVouchedAccount() public {
        _vouch(a, candidate);
        _vouch(b, candidate);
        assertTrue(creds.hasRole(candidate, 1), "vouched");
        vm.prank(candidate);
        vm.expectRevert(abi.encodeWithSelector(Credentials.NotAuthorityCertified.selector, candidate, uint8(1)));
        creds.vouch(other, 1);
    }

    function test_attack_twoColludersMintCredentials() public {
        uint256 minted;
        for (uint256 i = 0; i < 10; ++i) {
            address sybil = vm.addr(1000 + i);
            vm.prank(a);
            try creds.vouch(sybil, 1) {} catch {
                break;
            }
            vm.prank(b);
            try creds.vouch(sybil, 1) {} catch {
                break;
            }
            if (creds.hasRole(sybil, 1)) ++minted;
        }
        assertEq(minted, 3, "two colluders mint at most their cap");
        vm.prank(a);
        vm.expectRevert(abi.encodeWithSelector(Credentials.VouchCapReached.selector, a, uint256(3)));
        creds.vouch(vm.addr(2000), 1);
        // The minted accounts cannot mint more.
        vm.prank(vm.addr(1000));
        vm.expectRevert(abi.encodeWithSelector(Credentials.NotAuthorityCertified.selector, vm.addr(1000), uint8(1)));
        creds.vouch(vm.addr(2000), 1);
    }

    function test_attack_thirdPartyReBondsAnExpiredVouchOrFrontRunsItsRelease() public {
        _vouch(a, candidate);
        _vouch(b, candidate);
        (,,,,, uint64 releasableAt,) = creds.getVouch(candidate, 1, a);
        vm.warp(releasableAt);
        // The attacker's vouches land first in the block and re-certify the candidate ...
        _vouch(c, candidate);
        _vouch(d, candidate);
        assertTrue(creds.hasRole(candidate, 1), "re-certified by fresh vouches");
        // ... but a's vouch was not counted again, so its release still goes through.
        (,,,,, uint64 after_, bool bonded) = creds.getVouch(candidate, 1, a);
        assertEq(after_, releasableAt, "release time moved");
        assertTrue(bonded, "still a bonded (old) vouch");
        _release(a, candidate);
        (, bool live) = _depositOf(a, candidate);
        assertTrue(!live, "deposit stays locked");
        assertEq(deposits.free(a), 1000, "a's points are back");
        // Nobody releases another account's vouch: a release names the sender's own vouch only.
        vm.prank(other);
        vm.expectRevert(abi.encodeWithSelector(Credentials.NoVouch.selector, candidate, uint8(1), other));
        creds.releaseVouch(candidate, 1);
    }

    function test_attack_pendingVouchesOfARevokedVoucherDoNotCount() public {
        _vouch(a, candidate);
        vm.prank(authority);
        creds.revoke(a, 1, "struck off");
        _vouch(b, candidate);
        assertTrue(!creds.hasRole(candidate, 1), "a revoked voucher's vouch certified");
        _vouch(c, candidate);
        assertTrue(creds.hasRole(candidate, 1), "two live vouchers certify");
        (,,,,,, bool bonded) = creds.getVouch(candidate, 1, a);
        assertTrue(!bonded, "the revoked voucher's vouch was bonded");
    }

    function test_attack_rulesChangeStrandsDeposits() public {
        _vouch(a, candidate);
        _vouch(b, candidate);
        _vouch(c, other);
        (uint256 idA,) = _depositOf(a, candidate);
        (,,,,, uint64 releasableAt,) = creds.getVouch(candidate, 1, a);
        DepositsStandIn next = new DepositsStandIn();
        creds.setVouching(next, 1, 500, 1 days, 0, 1);
        // Pending vouches made under the old rules release from the old contract at once.
        _release(c, other);
        assertEq(deposits.free(c), 1000, "pending deposit stranded");
        // Bonded ones keep their own release time, neither earlier nor later.
        vm.warp(releasableAt - 1);
        vm.prank(a);
        vm.expectRevert(abi.encodeWithSelector(Credentials.VouchStillBonded.selector, candidate, uint8(1), releasableAt));
        creds.releaseVouch(candidate, 1);
        // A challenge still slashes the old deposits at the old amounts, even with vouching switched off.
        creds.setVouching(IMediPointsDeposits(address(0)), 0, 0, 0, 0, 0);
        vm.prank(authority);
        creds.challenge(candidate, 1, "fraud");
        assertEq(deposits.burned(), 20, "old deposits slashed at the old amount");
        (,,,, bool live) = deposits.getDeposit(idA);
        assertTrue(!live, "slashed deposit still live");
    }

    function test_attack_releaseAfterRulesChangeReturnsTheOldDeposit() public {
        _vouch(a, candidate);
        _vouch(b, candidate);
        (,,,,, uint64 releasableAt,) = creds.getVouch(candidate, 1, a);
        creds.setVouching(new DepositsStandIn(), 2, 999, 365 days, 30 days, 1);
        vm.warp(releasableAt);
        _release(a, candidate);
        _release(b, candidate);
        assertEq(deposits.free(a) + deposits.free(b), 2000, "deposits stranded by a rules change");
        assertEq(creds.liveVouchesOf(a), 0, "live vouch counter");
    }

    function test_challengeSlashesOnlyBondedDepositsInsideTheirWindow() public {
        _vouch(a, candidate);
        _vouch(b, candidate);
        vm.warp(block.timestamp + TERM); // the credential expired; the window is open
        _vouch(c, candidate); // a fresh, pending vouch: behind no credential
        vm.prank(authority);
        creds.challenge(candidate, 1, "fraud");
        assertEq(deposits.burned(), 20, "only the bonded deposits");
        _release(c, candidate);
        assertEq(deposits.free(c), 1000, "pending deposit returned");
        vm.prank(authority);
        vm.expectRevert(abi.encodeWithSelector(Credentials.NoVouches.selector, candidate, uint8(1)));
        creds.challenge(candidate, 1, "again");
    }

    function test_nothingToChallengeAfterTheWindow() public {
        _vouch(a, candidate);
        _vouch(b, candidate);
        vm.warp(block.timestamp + TERM + WINDOW);
        vm.prank(authority);
        vm.expectRevert(abi.encodeWithSelector(Credentials.NoVouches.selector, candidate, uint8(1)));
        creds.challenge(candidate, 1, "late");
    }

    function test_anAuthorityMayDeliberatelyIssueANewCredentialThatVouchingNeverCan() public {
        _vouch(a, candidate);
        _vouch(b, candidate);
        vm.prank(authority);
        creds.challenge(candidate, 1, "fraud");
        vm.prank(authority);
        creds.certify(candidate, 1, uint64(block.timestamp + 10 days));
        assertTrue(creds.hasRole(candidate, 1), "authority re-certified");
        assertTrue(creds.isFinal(candidate, 1), "still closed to vouching");
        vm.warp(block.timestamp + 11 days);
        vm.prank(c);
        vm.expectRevert(abi.encodeWithSelector(Credentials.CredentialFinal.selector, candidate, uint8(1)));
        creds.vouch(candidate, 1);
    }

    function test_vouchersPerCandidateAreCapped() public {
        creds.setVouching(deposits, 16, 1, TERM, WINDOW, 1);
        for (uint256 i = 0; i < 16; ++i) {
            address p = vm.addr(500 + i);
            vm.prank(authority);
            creds.certify(p, 1, uint64(block.timestamp + 365 days));
            deposits.mint(p, 1);
            if (i < 15) _vouch(p, candidate);
        }
        _vouch(vm.addr(515), candidate);
        assertTrue(creds.hasRole(candidate, 1), "16 vouches certify");
        assertEq(creds.vouchersOf(candidate, 1).length, 16, "16 vouchers");
        vm.expectRevert(Credentials.InvalidVouchingRules.selector);
        creds.setVouching(deposits, 17, 1, TERM, WINDOW, 1);
    }

    function test_adminMovesInTwoStepsAndOnlyTheAdminSetsRules() public {
        vm.prank(a);
        vm.expectRevert(abi.encodeWithSelector(Admin2Step.NotAdmin.selector, a));
        creds.setVouching(deposits, 1, 1, 1, 0, 1);
        vm.prank(a);
        vm.expectRevert(abi.encodeWithSelector(Admin2Step.NotAdmin.selector, a));
        creds.setAuthority(a, true);
        creds.transferAdmin(other);
        assertEq(creds.admin(), address(this), "admin moved before acceptance");
        vm.prank(a);
        vm.expectRevert(abi.encodeWithSelector(Admin2Step.NotPendingAdmin.selector, a));
        creds.acceptAdmin();
        vm.prank(other);
        creds.acceptAdmin();
        assertEq(creds.admin(), other, "admin");
        vm.expectRevert(abi.encodeWithSelector(Credentials.InvalidAuthority.selector, address(creds)));
        vm.prank(other);
        creds.setAuthority(address(creds), true);
    }
}
