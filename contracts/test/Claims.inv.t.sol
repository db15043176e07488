// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TestBase} from "./TestBase.sol";
import {MockRegistry, MockCredentials} from "./AccessMocks.sol";
import {MedToken} from "../MedToken.sol";
import {InsuranceClaims} from "../InsuranceClaims.sol";
import {ICredentialsView, IRecordRegistryView} from "../Interfaces.sol";
import {IERC20Minimal} from "../Common.sol";

/// @dev Shared set-up: a token, a registry, credentials, the claims contract, two certified insurers, three members.
abstract contract ClaimsFixture is TestBase {
    MedToken public token;
    MockRegistry internal registry;
    MockCredentials internal creds;
    InsuranceClaims public claims;
    address internal insurerA = address(0x1A);
    address internal insurerB = address(0x1B);
    address internal stranger = address(0xBAD);
    uint8 internal constant INSURER = 4;
    uint32 internal constant MAX_OPEN = 4;
    uint64 internal constant WINDOW = 7 days;

    function _deploy() internal {
        token = new MedToken(1_000_000_000 ether);
        registry = new MockRegistry();
        creds = new MockCredentials();
        claims = new InsuranceClaims(
            IERC20Minimal(address(token)), ICredentialsView(address(creds)), IRecordRegistryView(address(registry))
        );
        address[3] memory funded = [insurerA, insurerB, stranger];
        for (uint256 i = 0; i < funded.length; ++i) {
            token.transfer(funded[i], 1_000_000 ether);
            vm.prank(funded[i]);
            token.approve(address(claims), type(uint256).max);
        }
        creds.setRole(insurerA, INSURER, true);
        creds.setRole(insurerB, INSURER, true);
    }

    function _patient(uint256 i) internal pure returns (address) {
        return address(uint160(0xA000 + i));
    }

    function _open(address insurer, uint128 maxClaim) internal returns (uint256 id) {
        id = _openLimited(insurer, maxClaim, MAX_OPEN, WINDOW);
    }

    function _openLimited(address insurer, uint128 maxClaim, uint32 maxOpen, uint64 window) internal returns (uint256 id) {
        vm.prank(insurer);
        id = claims.openPolicy(
            keccak256("rules"), uint64(block.timestamp), uint64(block.timestamp + 365 days), maxClaim, maxOpen, window
        );
    }

    function _enrol(uint256 policyId, address insurer, address member) internal {
        vm.prank(insurer);
        claims.setMember(policyId, member, true);
    }

    function _fund(uint256 policyId, address insurer, uint128 amount) internal {
        vm.prank(insurer);
        claims.fund(policyId, amount);
    }

    /// @dev Anchors a claim record and an encounter record for `patient` and files the claim.
    function _file(uint256 policyId, address patient, uint256 salt, uint128 amount) internal returns (bytes32 claimId) {
        bytes32 encounterId = registry.anchor(patient, keccak256(abi.encode("encounter", salt)), keccak256("application/fhir+json"));
        claimId = _fileFor(policyId, patient, salt, encounterId, amount);
    }

    /// @dev Anchors a claim record for `patient` and files it for the encounter record `encounterId`.
    function _fileFor(uint256 policyId, address patient, uint256 salt, bytes32 encounterId, uint128 amount)
        internal
        returns (bytes32 claimId)
    {
        bytes32 recordId = registry.anchor(patient, keccak256(abi.encode(salt)), keccak256("application/vnd.medibloc.claim+json"));
        vm.prank(patient);
        claimId = claims.fileClaim(policyId, recordId, encounterId, patient, amount);
    }
}

/// @dev Drives the claims contract as insurers, members and a stranger would, in any order, keeping ghost totals.
contract ClaimsHandler is ClaimsFixture {
    uint256[] public policies;
    bytes32[] public claimIds;
    mapping(uint256 => uint256) public funded;
    mapping(uint256 => uint256) public paid;
    mapping(uint256 => uint256) public withdrawn;
    mapping(bytes32 => uint256) public payments;
    uint256 public totalToPayees;
    uint256 public strangerSuccesses;
    uint256 internal _salt;

    /// @dev Starts with one funded policy (limits 2 open claims, a one-day window), so claims are filed from the first call.
    constructor() {
        _deploy();
        uint256 id = _openLimited(insurerA, 300 ether, 2, 1 days);
        policies.push(id);
        for (uint256 i = 0; i < 3; ++i) _enrol(id, insurerA, _patient(i));
        _fund(id, insurerA, 2000 ether);
        funded[id] += 2000 ether;
    }

    function policyCount() external view returns (uint256) {
        return policies.length;
    }

    function claimCount() external view returns (uint256) {
        return claimIds.length;
    }

    function open(bool b, uint128 maxClaim, uint32 maxOpen, uint64 window) external {
        address insurer = b ? insurerB : insurerA;
        uint256 id = _openLimited(
            insurer, uint128(bound(maxClaim, 1, 500 ether)), uint32(bound(maxOpen, 1, 4)), uint64(bound(window, 1, 20 days))
        );
        policies.push(id);
        for (uint256 i = 0; i < 3; ++i) _enrol(id, insurer, _patient(i));
    }

    function fund(uint256 seed, uint128 amount) external {
        if (policies.length == 0) return;
        uint256 id = policies[seed % policies.length];
        amount = uint128(bound(amount, 1, 2000 ether));
        _fund(id, claims.getPolicy(id).insurer, amount);
        funded[id] += amount;
    }

    function withdraw(uint256 seed, uint128 amount) external {
        if (policies.length == 0) return;
        uint256 id = policies[seed % policies.length];
        amount = uint128(bound(amount, 1, 2000 ether));
        vm.prank(claims.getPolicy(id).insurer);
        claims.withdraw(id, amount);
        withdrawn[id] += amount;
    }

    function file(uint256 seed, uint256 patientSeed, uint128 amount) external {
        if (policies.length == 0) return;
        uint256 id = policies[seed % policies.length];
        bytes32 claimId = _file(id, _patient(patientSeed % 3), ++_salt, uint128(bound(amount, 1, 600 ether)));
        claimIds.push(claimId);
    }

    /// @dev Files a claim whose record another patient owns: must never succeed.
    function fileForeign(uint256 seed, uint128 amount) external {
        if (policies.length == 0) return;
        uint256 id = policies[seed % policies.length];
        bytes32 recordId = registry.anchor(_patient(0), keccak256(abi.encode(++_salt)), bytes32(0));
        vm.prank(_patient(1));
        claims.fileClaim(id, recordId, recordId, _patient(1), uint128(bound(amount, 1, 600 ether)));
        strangerSuccesses += 1;
    }

    /// @dev Files a claim on the patient's own claim record for another patient's encounter record: must never succeed.
    function fileForeignEncounter(uint256 seed, uint128 amount) external {
        if (policies.length == 0) return;
        uint256 id = policies[seed % policies.length];
        bytes32 encounterId = registry.anchor(_patient(0), keccak256(abi.encode("encounter", ++_salt)), bytes32(0));
        _fileFor(id, _patient(1), ++_salt, encounterId, uint128(bound(amount, 1, 600 ether)));
        strangerSuccesses += 1;
    }

    function refile(uint256 seed) external {
        if (claimIds.length == 0) return;
        InsuranceClaims.Claim memory c = claims.getClaim(claimIds[seed % claimIds.length]);
        vm.prank(c.patient);
        claims.fileClaim(c.policyId, c.claimRecordId, c.encounterRecordId, c.payee, c.amount);
        strangerSuccesses += 1;
    }

    /// @dev Files a new claim record for an encounter already claimed under the policy: must never succeed.
    function refileEncounter(uint256 seed, uint128 amount) external {
        if (claimIds.length == 0) return;
        InsuranceClaims.Claim memory c = claims.getClaim(claimIds[seed % claimIds.length]);
        _fileFor(c.policyId, c.patient, ++_salt, c.encounterRecordId, uint128(bound(amount, 1, 600 ether)));
        strangerSuccesses += 1;
    }

    function pay(uint256 seed, uint128 amount) external {
        if (claimIds.length == 0) return;
        bytes32 claimId = claimIds[seed % claimIds.length];
        InsuranceClaims.Claim memory c = claims.getClaim(claimId);
        amount = uint128(bound(amount, 1, c.amount));
        uint256 before = token.balanceOf(c.payee);
        vm.prank(claims.getPolicy(c.policyId).insurer);
        claims.pay(claimId, amount, "");
        paid[c.policyId] += amount;
        payments[claimId] += 1;
        totalToPayees += token.balanceOf(c.payee) - before;
    }

    function deny(uint256 seed, uint16 reason) external {
        if (claimIds.length == 0) return;
        bytes32 claimId = claimIds[seed % claimIds.length];
        vm.prank(claims.getPolicy(claims.getClaim(claimId).policyId).insurer);
        claims.deny(claimId, uint16(bound(reason, 1, 20)), "");
    }

    /// @dev The stranger (or the other insurer) tries every insurer action on a policy (or a claim) it does not hold.
    function strangerActs(uint256 seed, uint256 action, bool otherInsurer) external {
        if (policies.length == 0) return;
        action %= 4;
        if (action >= 2 && claimIds.length == 0) return;
        bytes32 claimId = action >= 2 ? claimIds[seed % claimIds.length] : bytes32(0);
        uint256 id = action >= 2 ? claims.getClaim(claimId).policyId : policies[seed % policies.length];
        address insurer = claims.getPolicy(id).insurer;
        address actor = otherInsurer ? (insurer == insurerA ? insurerB : insurerA) : stranger;
        vm.prank(actor);
        if (action == 0) claims.withdraw(id, 1);
        else if (action == 1) claims.setMember(id, actor, true);
        else if (action == 2) claims.pay(claimId, 1, "");
        else claims.deny(claimId, 1, "");
        strangerSuccesses += 1;
    }

    /// @dev The claimant withdraws a claim (refused before the decision window passed, or after a decision); with
    ///      `late`, time first moves to the end of the claim's window.
    function withdrawClaim(uint256 seed, bool late) external {
        if (claimIds.length == 0) return;
        bytes32 claimId = claimIds[seed % claimIds.length];
        InsuranceClaims.Claim memory c = claims.getClaim(claimId);
        uint256 withdrawableAt = uint256(c.filedAt) + claims.getPolicy(c.policyId).decisionWindow;
        if (late && block.timestamp < withdrawableAt) vm.warp(withdrawableAt);
        vm.prank(c.patient);
        claims.withdrawClaim(claimId);
    }

    /// @dev Another member, the insurer or the stranger withdraws a claim: must never succeed.
    function strangerWithdraws(uint256 seed, uint256 who) external {
        if (claimIds.length == 0) return;
        bytes32 claimId = claimIds[seed % claimIds.length];
        InsuranceClaims.Claim memory c = claims.getClaim(claimId);
        address[3] memory actors = [stranger, claims.getPolicy(c.policyId).insurer, _patient((uint160(c.patient) - 0xA000 + 1) % 3)];
        vm.prank(actors[who % 3]);
        claims.withdrawClaim(claimId);
        strangerSuccesses += 1;
    }

    function certify(bool b, bool on) external {
        creds.setRole(b ? insurerB : insurerA, INSURER, on);
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 1, 30 days));
    }
}

/// @notice Pool conservation and no double payment, under any order of policies, funding, withdrawals, filings,
///         payments, denials, credential changes, time, and a stranger's attempts.
contract ClaimsInvariants is TestBase {
    ClaimsHandler private handler;

    function setUp() public {
        handler = new ClaimsHandler();
        targetContract(address(handler));
    }

    /// @notice Per policy: pool == funded - paid - withdrawn (on chain and by the ghost totals), reserved <= pool;
    ///         the contract's MED == the sum of the pools.
    function invariant_poolConservation() public view {
        InsuranceClaims claims = handler.claims();
        uint256 pools;
        for (uint256 i = 0; i < handler.policyCount(); ++i) {
            uint256 id = handler.policies(i);
            InsuranceClaims.Policy memory p = claims.getPolicy(id);
            pools += p.pool;
            assertEq(p.pool, uint256(p.funded) - p.paid - p.withdrawn, "pool != funded - paid - withdrawn");
            assertEq(p.funded, handler.funded(id), "funded drifted");
            assertEq(p.paid, handler.paid(id), "paid drifted");
            assertEq(p.withdrawn, handler.withdrawn(id), "withdrawn drifted");
            assertLe(p.reserved, p.pool, "reserved above the pool");
        }
        assertEq(handler.token().balanceOf(address(claims)), pools, "contract balance != sum of pools");
    }

    /// @notice Every claim is paid at most once, never above its amount; the reservations are exactly the open claims.
    function invariant_noDoublePay() public view {
        InsuranceClaims claims = handler.claims();
        uint256 paidToClaims;
        uint256[] memory reserved = new uint256[](handler.policyCount() + 1);
        for (uint256 i = 0; i < handler.claimCount(); ++i) {
            bytes32 claimId = handler.claimIds(i);
            InsuranceClaims.Claim memory c = claims.getClaim(claimId);
            assertLe(handler.payments(claimId), 1, "a claim was paid twice");
            assertLe(c.paid, c.amount, "paid above the claimed amount");
            if (c.status == claims.PAID()) assertEq(handler.payments(claimId), 1, "paid status without a payment");
            else assertEq(c.paid, 0, "an unpaid claim shows a payment");
            if (c.status == claims.FILED()) reserved[c.policyId] += c.amount;
            paidToClaims += c.paid;
        }
        for (uint256 i = 0; i < handler.policyCount(); ++i) {
            uint256 id = handler.policies(i);
            assertEq(claims.getPolicy(id).reserved, reserved[id], "reserved != open claims");
        }
        assertEq(handler.totalToPayees(), paidToClaims, "payees received other than the paid claims");
        assertEq(handler.strangerSuccesses(), 0, "a stranger, a foreign record or a refiling succeeded");
    }

    /// @notice Per policy and member: the open-claim count is exactly the member's FILED claims and never above the
    ///         policy's maxOpenClaims, so one member reserves at most maxOpenClaims x maxClaim; a withdrawn claim was
    ///         filed at least decisionWindow before now and holds no payment.
    function invariant_openClaimsBounded() public view {
        InsuranceClaims claims = handler.claims();
        uint256 n = handler.policyCount();
        uint256[3][] memory open = new uint256[3][](n + 1);
        uint256[3][] memory reserved = new uint256[3][](n + 1);
        for (uint256 i = 0; i < handler.claimCount(); ++i) {
            InsuranceClaims.Claim memory c = claims.getClaim(handler.claimIds(i));
            uint256 m = uint160(c.patient) - 0xA000;
            if (c.status == claims.FILED()) {
                open[c.policyId][m] += 1;
                reserved[c.policyId][m] += c.amount;
            }
            if (c.status == claims.WITHDRAWN()) {
                assertEq(c.paid, 0, "a withdrawn claim shows a payment");
                InsuranceClaims.Policy memory wp = claims.getPolicy(c.policyId);
                assertGe(block.timestamp, uint256(c.filedAt) + wp.decisionWindow, "withdrawn inside the decision window");
            }
        }
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = handler.policies(i);
            InsuranceClaims.Policy memory p = claims.getPolicy(id);
            for (uint256 m = 0; m < 3; ++m) {
                uint256 counted = claims.openClaimsOf(id, address(uint160(0xA000 + m)));
                assertEq(counted, open[id][m], "open-claim count != filed claims");
                assertLe(counted, p.maxOpenClaims, "open claims above the limit");
                assertLe(reserved[id][m], uint256(p.maxOpenClaims) * p.maxClaim, "one member reserves above the limit");
            }
        }
    }
}
