// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TestBase} from "./TestBase.sol";
import {MockCredentials} from "./AccessMocks.sol";
import {Studies} from "../Studies.sol";
import {ICredentialsView} from "../Interfaces.sol";

/// @dev The log cheatcodes (not in TestBase's Vm): what a chain observer reads.
interface VmStudyLogs {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory);
}

/// @dev Shared set-up: a credentials stand-in, the studies contract, a certified researcher, signing helpers.
abstract contract StudiesFixture is TestBase {
    Studies public studies;
    MockCredentials internal creds;
    address internal researcher = address(0xBEEF);

    function _deploy() internal {
        creds = new MockCredentials();
        studies = new Studies(ICredentialsView(address(creds)));
        creds.setRole(researcher, 3, true);
    }

    function _sign(uint256 pk, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        return abi.encodePacked(r, s, v);
    }

    function _handle(uint256 pk) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(vm.addr(pk)));
    }

    function _post() internal returns (uint256 id) {
        vm.prank(researcher);
        id = studies.postStudy(keccak256("study document"));
    }

    function _interest(uint256 id, uint256 pk) internal {
        studies.signalInterest(id, _handle(pk), _sign(pk, studies.hashInterest(id, _handle(pk), true)));
    }

    function _enrol(uint256 id, uint256 pk, bytes32 consent) internal {
        address patient = vm.addr(pk);
        bytes memory sig = _sign(pk, studies.hashEnrolment(id, patient, consent, studies.nonceOf(patient)));
        studies.enrol(id, patient, consent, sig);
    }

    function _withdraw(uint256 id, uint256 pk) internal {
        address patient = vm.addr(pk);
        studies.withdraw(id, patient, _sign(pk, studies.hashWithdrawal(id, patient, studies.nonceOf(patient))));
    }

    function _counts(uint256 id) internal view returns (uint32 interested, uint32 enrolled) {
        (,,, interested, enrolled,) = studies.getStudy(id);
    }
}

/// @notice Unit and fuzz tests of Studies: who may post, close, signal, enrol and withdraw, and what events show.
contract StudiesTest is StudiesFixture {
    uint256 internal constant ALICE = 0xA11CE;
    uint256 internal constant BOB = 0xB0B;
    bytes32 internal constant CONSENT = keccak256("consent");

    function setUp() public {
        _deploy();
    }

    function test_a_non_researcher_cannot_post() public {
        vm.expectRevert(abi.encodeWithSelector(Studies.NotResearcher.selector, address(this)));
        studies.postStudy(keccak256("doc"));
    }

    function test_a_revoked_researcher_cannot_post() public {
        creds.setRole(researcher, 3, false);
        vm.expectRevert(abi.encodeWithSelector(Studies.NotResearcher.selector, researcher));
        vm.prank(researcher);
        studies.postStudy(keccak256("doc"));
    }

    function test_posting_numbers_studies_and_keeps_the_digest() public {
        uint256 a = _post();
        uint256 b = _post();
        assertEq(a, 1, "first id");
        assertEq(b, 2, "second id");
        (address r,, uint8 status,,, bytes32 digest) = studies.getStudy(b);
        assertEq(r, researcher, "researcher");
        assertEq(status, 1, "open");
        assertEq(digest, keccak256("study document"), "digest");
    }

    function test_only_the_study_researcher_closes_and_closing_is_final() public {
        uint256 id = _post();
        vm.expectRevert(abi.encodeWithSelector(Studies.NotStudyResearcher.selector, id, address(this)));
        studies.closeStudy(id);
        vm.prank(researcher);
        studies.closeStudy(id);
        vm.expectRevert(abi.encodeWithSelector(Studies.StudyNotOpen.selector, id));
        vm.prank(researcher);
        studies.closeStudy(id);
    }

    function test_interest_counts_once_per_handle_and_withdrawal_is_final() public {
        uint256 id = _post();
        _interest(id, ALICE);
        _interest(id, BOB);
        (uint32 interested,) = _counts(id);
        assertEq(interested, 2, "two interests");
        bytes memory again = _sign(ALICE, studies.hashInterest(id, _handle(ALICE), true));
        vm.expectRevert(abi.encodeWithSelector(Studies.InterestExists.selector, id, _handle(ALICE)));
        studies.signalInterest(id, _handle(ALICE), again);

        studies.withdrawInterest(id, _handle(ALICE), _sign(ALICE, studies.hashInterest(id, _handle(ALICE), false)));
        (interested,) = _counts(id);
        assertEq(interested, 1, "one interest left");
        // The old "interested" signature cannot count the handle again.
        vm.expectRevert(abi.encodeWithSelector(Studies.InterestExists.selector, id, _handle(ALICE)));
        studies.signalInterest(id, _handle(ALICE), again);
    }

    function test_an_interest_signed_by_another_key_is_refused() public {
        uint256 id = _post();
        bytes memory sig = _sign(BOB, studies.hashInterest(id, _handle(ALICE), true));
        vm.expectRevert(abi.encodeWithSelector(Studies.NotInterestKey.selector, _handle(ALICE), vm.addr(BOB)));
        studies.signalInterest(id, _handle(ALICE), sig);
    }

    function test_interest_events_carry_counts_only() public {
        uint256 id = _post();
        VmStudyLogs(address(vm)).recordLogs();
        _interest(id, ALICE);
        VmStudyLogs.Log[] memory logs = VmStudyLogs(address(vm)).getRecordedLogs();
        assertEq(logs.length, 1, "one event");
        assertEq(logs[0].topics.length, 2, "signature and study id only");
        assertEq(logs[0].topics[1], bytes32(id), "study id topic");
        assertEq(abi.decode(logs[0].data, (uint256)), 1, "the count is the whole data");
        assertEq(logs[0].data.length, 32, "no handle, no address");
    }

    function test_enrolment_needs_the_patient_signature() public {
        uint256 id = _post();
        address alice = vm.addr(ALICE);
        bytes memory byBob = _sign(BOB, studies.hashEnrolment(id, alice, CONSENT, 0));
        vm.expectRevert(abi.encodeWithSelector(Studies.NotPatient.selector, alice, vm.addr(BOB)));
        studies.enrol(id, alice, CONSENT, byBob);
        _enrol(id, ALICE, CONSENT);
        (uint8 status, bytes32 consent) = studies.getParticipation(id, alice);
        assertEq(status, 1, "enrolled");
        assertEq(consent, CONSENT, "consent digest");
        (, uint32 enrolled) = _counts(id);
        assertEq(enrolled, 1, "count");
    }

    function test_an_enrolment_signature_does_not_replay_into_another_study_or_consent() public {
        uint256 first = _post();
        uint256 second = _post();
        address alice = vm.addr(ALICE);
        bytes memory sig = _sign(ALICE, studies.hashEnrolment(first, alice, CONSENT, 0));
        studies.enrol(first, alice, CONSENT, sig);
        vm.expectRevert();
        studies.enrol(second, alice, CONSENT, sig);
        vm.expectRevert();
        studies.enrol(first, alice, keccak256("other consent"), sig);
        (uint8 status,) = studies.getParticipation(second, alice);
        assertEq(status, 0, "not enrolled in the second study");
    }

    function test_enrolment_into_a_closed_study_is_refused() public {
        uint256 id = _post();
        vm.prank(researcher);
        studies.closeStudy(id);
        address alice = vm.addr(ALICE);
        bytes memory sig = _sign(ALICE, studies.hashEnrolment(id, alice, CONSENT, 0));
        vm.expectRevert(abi.encodeWithSelector(Studies.StudyNotOpen.selector, id));
        studies.enrol(id, alice, CONSENT, sig);
        bytes memory interest = _sign(ALICE, studies.hashInterest(id, _handle(ALICE), true));
        vm.expectRevert(abi.encodeWithSelector(Studies.StudyNotOpen.selector, id));
        studies.signalInterest(id, _handle(ALICE), interest);
    }

    function test_withdrawal_by_a_stranger_is_refused_and_the_patient_withdraws_also_after_closing() public {
        uint256 id = _post();
        _enrol(id, ALICE, CONSENT);
        address alice = vm.addr(ALICE);
        bytes memory byBob = _sign(BOB, studies.hashWithdrawal(id, alice, studies.nonceOf(alice)));
        vm.expectRevert(abi.encodeWithSelector(Studies.NotPatient.selector, alice, vm.addr(BOB)));
        studies.withdraw(id, alice, byBob);
        vm.prank(researcher);
        studies.closeStudy(id);
        _withdraw(id, ALICE);
        (uint8 status,) = studies.getParticipation(id, alice);
        assertEq(status, 2, "withdrawn");
        (, uint32 enrolled) = _counts(id);
        assertEq(enrolled, 0, "count back to zero");
        bytes memory again = _sign(ALICE, studies.hashWithdrawal(id, alice, studies.nonceOf(alice)));
        vm.expectRevert(abi.encodeWithSelector(Studies.NotEnrolled.selector, id, alice));
        studies.withdraw(id, alice, again);
    }

    function test_a_withdrawn_patient_cannot_enrol_again() public {
        uint256 id = _post();
        _enrol(id, ALICE, CONSENT);
        _withdraw(id, ALICE);
        address alice = vm.addr(ALICE);
        bytes memory sig = _sign(ALICE, studies.hashEnrolment(id, alice, CONSENT, studies.nonceOf(alice)));
        vm.expectRevert(abi.encodeWithSelector(Studies.AlreadyParticipating.selector, id, alice));
        studies.enrol(id, alice, CONSENT, sig);
    }

    function testFuzz_only_the_patient_key_enrols(uint256 signerPk, uint256 patientPk) public {
        signerPk = bound(signerPk, 1, 2 ** 128);
        patientPk = bound(patientPk, 1, 2 ** 128);
        vm.assume(signerPk != patientPk);
        uint256 id = _post();
        address patient = vm.addr(patientPk);
        bytes memory sig = _sign(signerPk, studies.hashEnrolment(id, patient, CONSENT, 0));
        vm.expectRevert(abi.encodeWithSelector(Studies.NotPatient.selector, patient, vm.addr(signerPk)));
        studies.enrol(id, patient, CONSENT, sig);
    }
}

/// @dev Drives Studies as patients and relayers would, in any order, keeping ghost counts.
contract StudiesHandler is StudiesFixture {
    uint256 internal constant KEYS = 6;
    uint256 public id;
    mapping(uint256 => uint8) public ghostInterest;
    mapping(uint256 => uint8) public ghostParticipation;

    constructor() {
        _deploy();
        id = _post();
    }

    function _pk(uint256 seed) internal pure returns (uint256) {
        return 0x1000 + (seed % KEYS);
    }

    function signal(uint256 seed) external {
        uint256 pk = _pk(seed);
        if (ghostInterest[pk] != 0) return;
        _interest(id, pk);
        ghostInterest[pk] = 1;
    }

    function unsignal(uint256 seed) external {
        uint256 pk = _pk(seed);
        if (ghostInterest[pk] != 1) return;
        studies.withdrawInterest(id, _handle(pk), _sign(pk, studies.hashInterest(id, _handle(pk), false)));
        ghostInterest[pk] = 2;
    }

    function enrol(uint256 seed) external {
        uint256 pk = _pk(seed);
        if (ghostParticipation[pk] != 0) return;
        _enrol(id, pk, keccak256(abi.encode(pk)));
        ghostParticipation[pk] = 1;
    }

    function withdraw(uint256 seed) external {
        uint256 pk = _pk(seed);
        if (ghostParticipation[pk] != 1) return;
        _withdraw(id, pk);
        ghostParticipation[pk] = 2;
    }

    function expected() external view returns (uint256 interested, uint256 enrolled) {
        for (uint256 i = 0; i < KEYS; i++) {
            if (ghostInterest[0x1000 + i] == 1) interested++;
            if (ghostParticipation[0x1000 + i] == 1) enrolled++;
        }
    }
}

/// @notice Invariants: the on-chain counts equal the live interests and enrolments, whatever the order.
contract StudiesInvariantTest is TestBase {
    StudiesHandler internal handler;

    function setUp() public {
        handler = new StudiesHandler();
        targetContract(address(handler));
    }

    function invariant_counts_match_the_live_interests_and_enrolments() public view {
        (uint256 interested, uint256 enrolled) = handler.expected();
        (,,, uint32 onChainInterested, uint32 onChainEnrolled,) = handler.studies().getStudy(handler.id());
        assertEq(onChainInterested, interested, "interested");
        assertEq(onChainEnrolled, enrolled, "enrolled");
    }
}
