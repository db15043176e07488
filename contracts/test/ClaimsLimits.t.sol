// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ClaimsFixture} from "./Claims.inv.t.sol";
import {InsuranceClaims} from "../InsuranceClaims.sol";

/// @notice The open-claim limit and the decision deadline: a member cannot lock a pool with cheap claims, and a claim
///         the insurer never decides can be withdrawn by its claimant after the decision window.
contract ClaimsLimitsTest is ClaimsFixture {
    function setUp() public {
        _deploy();
    }

    function test_openPolicy_refusesZeroLimits() public {
        vm.startPrank(insurerA);
        vm.expectRevert(InsuranceClaims.InvalidPolicy.selector);
        claims.openPolicy(bytes32(0), 0, uint64(block.timestamp + 1 days), 1 ether, 0, 1 days);
        vm.expectRevert(InsuranceClaims.InvalidPolicy.selector);
        claims.openPolicy(bytes32(0), 0, uint64(block.timestamp + 1 days), 1 ether, 1, 0);
        vm.stopPrank();
        uint256 id = _openLimited(insurerA, 5 ether, 3, 2 days);
        InsuranceClaims.Policy memory p = claims.getPolicy(id);
        assertEq(p.maxOpenClaims, 3, "maxOpenClaims not stored");
        assertEq(p.decisionWindow, 2 days, "decisionWindow not stored");
    }

    /// @dev A member anchors cheap encounters and files claim after claim at the cap: it reserves at most
    ///      maxOpenClaims x maxClaim, another member still files, and the insurer can withdraw the rest.
    function test_attack_claimSpamLocksAtMostTheLimit() public {
        uint256 id = _openLimited(insurerA, 100 ether, 3, 7 days);
        _enrol(id, insurerA, _patient(0));
        _enrol(id, insurerA, _patient(1));
        _fund(id, insurerA, 1000 ether);
        bytes32[3] memory spam;
        for (uint256 i = 0; i < 3; ++i) spam[i] = _file(id, _patient(0), 100 + i, 100 ether);
        for (uint256 i = 0; i < 5; ++i) {
            bytes32 encounterId = registry.anchor(_patient(0), keccak256(abi.encode("spam", i)), bytes32(0));
            bytes32 recordId = registry.anchor(_patient(0), keccak256(abi.encode("spam-claim", i)), bytes32(0));
            vm.prank(_patient(0));
            vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.TooManyOpenClaims.selector, id, _patient(0), 3));
            claims.fileClaim(id, recordId, encounterId, _patient(0), 100 ether);
        }
        assertEq(claims.getPolicy(id).reserved, 300 ether, "the spammer reserved above maxOpenClaims x maxClaim");
        assertEq(claims.openClaimsOf(id, _patient(0)), 3, "open-claim count");
        _file(id, _patient(1), 200, 100 ether);
        vm.prank(insurerA);
        claims.withdraw(id, 500 ether);
        // A decision frees a slot.
        vm.prank(insurerA);
        claims.deny(spam[0], 1, "");
        assertEq(claims.openClaimsOf(id, _patient(0)), 2, "a denial did not free a slot");
        _file(id, _patient(0), 300, 100 ether);
        vm.prank(insurerA);
        claims.pay(spam[1], 10 ether, "");
        _file(id, _patient(0), 301, 100 ether);
        vm.prank(_patient(0));
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.TooManyOpenClaims.selector, id, _patient(0), 3));
        claims.fileClaim(id, bytes32(uint256(1)), bytes32(uint256(2)), _patient(0), 1 ether);
    }

    function test_withdrawClaim_afterTheWindowOnly_byTheClaimantOnly_once() public {
        uint256 id = _openLimited(insurerA, 100 ether, 2, 7 days);
        _enrol(id, insurerA, _patient(0));
        _enrol(id, insurerA, _patient(1));
        _fund(id, insurerA, 100 ether);
        uint256 filedAt = block.timestamp;
        bytes32 claimId = _file(id, _patient(0), 1, 80 ether);
        vm.prank(_patient(0));
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.DecisionPending.selector, claimId, filedAt + 7 days));
        claims.withdrawClaim(claimId);
        vm.warp(filedAt + 7 days - 1);
        vm.prank(_patient(0));
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.DecisionPending.selector, claimId, filedAt + 7 days));
        claims.withdrawClaim(claimId);
        vm.warp(filedAt + 7 days);
        address[3] memory others = [_patient(1), insurerA, stranger];
        for (uint256 i = 0; i < 3; ++i) {
            vm.prank(others[i]);
            vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.NotClaimant.selector, claimId, others[i]));
            claims.withdrawClaim(claimId);
        }
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.UnknownClaim.selector, bytes32(uint256(9))));
        claims.withdrawClaim(bytes32(uint256(9)));
        vm.prank(_patient(0));
        claims.withdrawClaim(claimId);
        InsuranceClaims.Claim memory c = claims.getClaim(claimId);
        assertEq(c.status, claims.WITHDRAWN(), "status");
        assertEq(claims.getPolicy(id).reserved, 0, "the reservation stayed");
        assertEq(claims.openClaimsOf(id, _patient(0)), 0, "the slot stayed taken");
        // Never twice, and never decided afterwards.
        vm.prank(_patient(0));
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.AlreadyDecided.selector, claimId, 4));
        claims.withdrawClaim(claimId);
        vm.prank(insurerA);
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.AlreadyDecided.selector, claimId, 4));
        claims.pay(claimId, 80 ether, "");
        vm.prank(insurerA);
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.AlreadyDecided.selector, claimId, 4));
        claims.deny(claimId, 1, "");
        // The encounter stays claimed; the freed pool takes back or pays other claims.
        bytes32 again = registry.anchor(_patient(0), bytes32(uint256(77)), bytes32(0));
        vm.prank(_patient(0));
        vm.expectRevert(
            abi.encodeWithSelector(InsuranceClaims.EncounterAlreadyClaimed.selector, id, c.encounterRecordId, claimId)
        );
        claims.fileClaim(id, again, c.encounterRecordId, _patient(0), 1 ether);
        vm.prank(insurerA);
        claims.withdraw(id, 100 ether);
        assertEq(token.balanceOf(address(claims)), 0, "pool not conserved");
    }

    function test_withdrawClaim_neverAfterADecision() public {
        uint256 id = _openLimited(insurerA, 100 ether, 2, 1 days);
        _enrol(id, insurerA, _patient(0));
        _fund(id, insurerA, 100 ether);
        bytes32 paidClaim = _file(id, _patient(0), 1, 30 ether);
        bytes32 deniedClaim = _file(id, _patient(0), 2, 30 ether);
        vm.warp(block.timestamp + 2 days);
        // The insurer may still decide after the window while the claim is undecided.
        vm.startPrank(insurerA);
        claims.pay(paidClaim, 30 ether, "");
        claims.deny(deniedClaim, 2, "");
        vm.stopPrank();
        vm.startPrank(_patient(0));
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.AlreadyDecided.selector, paidClaim, 2));
        claims.withdrawClaim(paidClaim);
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.AlreadyDecided.selector, deniedClaim, 3));
        claims.withdrawClaim(deniedClaim);
        vm.stopPrank();
        assertEq(token.balanceOf(_patient(0)), 30 ether, "paid other than once");
    }
}
