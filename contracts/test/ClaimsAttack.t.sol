// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ClaimsFixture} from "./Claims.inv.t.sol";
import {InsuranceClaims} from "../InsuranceClaims.sol";

/// @notice The attacks on claims, each performed and refused.
contract ClaimsAttackTest is ClaimsFixture {
    function setUp() public {
        _deploy();
    }

    function test_attack_strangerCannotTouchAnotherInsurersPool() public {
        uint256 id = _open(insurerA, 100 ether);
        _enrol(id, insurerA, _patient(0));
        _fund(id, insurerA, 500 ether);
        bytes32 claimId = _file(id, _patient(0), 1, 50 ether);
        address[2] memory actors = [stranger, insurerB];
        for (uint256 i = 0; i < 2; ++i) {
            bytes memory err = abi.encodeWithSelector(InsuranceClaims.NotPolicyInsurer.selector, id, actors[i]);
            vm.prank(actors[i]);
            vm.expectRevert(err);
            claims.withdraw(id, 1 ether);
            vm.prank(actors[i]);
            vm.expectRevert(err);
            claims.pay(claimId, 50 ether, "");
            vm.prank(actors[i]);
            vm.expectRevert(err);
            claims.deny(claimId, 1, "");
            vm.prank(actors[i]);
            vm.expectRevert(err);
            claims.fund(id, 1 ether);
        }
        assertEq(token.balanceOf(address(claims)), 500 ether, "pool moved");
    }

    function test_attack_uncertifiedInsurer() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.NotInsurer.selector, stranger));
        claims.openPolicy(bytes32(0), 0, uint64(block.timestamp + 1 days), 1 ether, 1, 1 days);
        uint256 id = _open(insurerA, 100 ether);
        _enrol(id, insurerA, _patient(0));
        _fund(id, insurerA, 100 ether);
        bytes32 claimId = _file(id, _patient(0), 1, 10 ether);
        creds.setRole(insurerA, INSURER, false);
        vm.prank(insurerA);
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.NotInsurer.selector, insurerA));
        claims.pay(claimId, 10 ether, "");
        vm.prank(insurerA);
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.NotInsurer.selector, insurerA));
        claims.deny(claimId, 1, "");
        vm.prank(insurerA);
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.InsufficientPool.selector, id, 90 ether, 100 ether));
        claims.withdraw(id, 100 ether);
    }

    function test_attack_doublePayAndRefile() public {
        uint256 id = _open(insurerA, 100 ether);
        _enrol(id, insurerA, _patient(0));
        _fund(id, insurerA, 100 ether);
        bytes32 recordId = registry.anchor(_patient(0), bytes32(uint256(7)), bytes32(0));
        vm.prank(_patient(0));
        bytes32 claimId = claims.fileClaim(id, recordId, recordId, _patient(0), 30 ether);
        vm.prank(_patient(0));
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.AlreadyFiled.selector, claimId));
        claims.fileClaim(id, recordId, recordId, _patient(0), 30 ether);
        vm.prank(insurerA);
        claims.pay(claimId, 30 ether, "");
        vm.prank(insurerA);
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.AlreadyDecided.selector, claimId, 2));
        claims.pay(claimId, 30 ether, "");
        vm.prank(insurerA);
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.AlreadyDecided.selector, claimId, 2));
        claims.deny(claimId, 1, "");
        assertEq(token.balanceOf(_patient(0)), 30 ether, "paid other than once");
    }

    function test_attack_replayForAnotherPatient() public {
        uint256 id = _open(insurerA, 100 ether);
        _enrol(id, insurerA, _patient(0));
        _enrol(id, insurerA, _patient(1));
        _fund(id, insurerA, 100 ether);
        bytes32 recordId = registry.anchor(_patient(0), bytes32(uint256(7)), bytes32(0));
        vm.prank(_patient(1));
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.NotRecordOwner.selector, recordId, _patient(1)));
        claims.fileClaim(id, recordId, recordId, _patient(1), 30 ether);
    }

    function test_attack_sameEncounterFiledTwice() public {
        uint256 id = _open(insurerA, 100 ether);
        _enrol(id, insurerA, _patient(0));
        _fund(id, insurerA, 100 ether);
        bytes32 encounterId = registry.anchor(_patient(0), bytes32(uint256(70)), bytes32(0));
        bytes32 first = _fileFor(id, _patient(0), 1, encounterId, 30 ether);
        assertEq(claims.claimOfEncounter(id, encounterId), first, "encounter not bound to its claim");
        assertEq(claims.getClaim(first).encounterRecordId, encounterId, "claim does not name its encounter");
        // A new claim record for the same encounter: refused, before and after the first is paid.
        bytes32 second = registry.anchor(_patient(0), bytes32(uint256(71)), bytes32(0));
        vm.prank(_patient(0));
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.EncounterAlreadyClaimed.selector, id, encounterId, first));
        claims.fileClaim(id, second, encounterId, _patient(0), 30 ether);
        vm.prank(insurerA);
        claims.pay(first, 30 ether, "");
        vm.prank(_patient(0));
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.EncounterAlreadyClaimed.selector, id, encounterId, first));
        claims.fileClaim(id, second, encounterId, _patient(0), 30 ether);
        assertEq(claims.getPolicy(id).reserved, 0, "a refused filing reserved");
        assertEq(token.balanceOf(_patient(0)), 30 ether, "paid other than once");
        // Another policy covers the same encounter separately.
        uint256 other = _open(insurerB, 100 ether);
        _enrol(other, insurerB, _patient(0));
        _fund(other, insurerB, 100 ether);
        _fileFor(other, _patient(0), 2, encounterId, 30 ether);
    }

    function test_attack_anotherPatientsEncounter() public {
        uint256 id = _open(insurerA, 100 ether);
        _enrol(id, insurerA, _patient(0));
        _enrol(id, insurerA, _patient(1));
        _fund(id, insurerA, 100 ether);
        bytes32 encounterId = registry.anchor(_patient(0), bytes32(uint256(70)), bytes32(0));
        bytes32 own = registry.anchor(_patient(1), bytes32(uint256(71)), bytes32(0));
        vm.prank(_patient(1));
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.NotRecordOwner.selector, encounterId, _patient(1)));
        claims.fileClaim(id, own, encounterId, _patient(1), 30 ether);
        assertEq(claims.claimOfEncounter(id, encounterId), bytes32(0), "a refused filing bound the encounter");
    }

    function test_attack_payMoreThanPoolOrClaim() public {
        uint256 id = _open(insurerA, 100 ether);
        _enrol(id, insurerA, _patient(0));
        _fund(id, insurerA, 40 ether);
        bytes32 recordId = registry.anchor(_patient(0), bytes32(uint256(7)), bytes32(0));
        vm.prank(_patient(0));
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.InsufficientPool.selector, id, 40 ether, 50 ether));
        claims.fileClaim(id, recordId, recordId, _patient(0), 50 ether);
        bytes32 claimId = _file(id, _patient(0), 8, 30 ether);
        vm.prank(insurerA);
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.InvalidAmount.selector, claimId, 31 ether));
        claims.pay(claimId, 31 ether, "");
        vm.prank(insurerA);
        vm.expectRevert(abi.encodeWithSelector(InsuranceClaims.InsufficientPool.selector, id, 10 ether, 11 ether));
        claims.withdraw(id, 11 ether);
    }
}
