// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TestBase} from "./TestBase.sol";
import {MedToken} from "../MedToken.sol";
import {SearchIndex} from "../SearchIndex.sol";
import {DataMarket} from "../DataMarket.sol";
import {ICredentialsView, ISearchIndexView} from "../Interfaces.sol";
import {IERC20Minimal} from "../Common.sol";

/// @dev The log cheatcodes (not in TestBase's Vm): what a chain observer reads.
interface VmLogs {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory);
}

/// @dev A credential registry the tests switch by hand.
contract MockCredentials is ICredentialsView {
    mapping(address => bool) public certified;

    function set(address account, bool on) external {
        certified[account] = on;
    }

    function hasRole(address account, uint8) external view returns (bool) {
        return certified[account];
    }
}

/// @dev Shared set-up: a token, an index, a market, a certified researcher, and helpers that sign as entry keys.
abstract contract MarketFixture is TestBase {
    MedToken public token;
    SearchIndex internal index;
    DataMarket public market;
    MockCredentials internal creds;
    address internal researcher = address(0xBEEF);

    function _deploy() internal {
        token = new MedToken(1_000_000_000 ether);
        index = new SearchIndex();
        creds = new MockCredentials();
        market = new DataMarket(IERC20Minimal(address(token)), ICredentialsView(address(creds)), ISearchIndexView(address(index)));
        creds.set(researcher, true);
        token.transfer(researcher, 1_000_000 ether);
        vm.prank(researcher);
        token.approve(address(market), type(uint256).max);
    }

    function _handle(uint256 pk) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(vm.addr(pk)));
    }

    function _sign(uint256 pk, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev Lists an entry for entry key `pk` (any account may submit it).
    function _list(uint256 pk) internal returns (bytes32 handle) {
        handle = _handle(pk);
        string memory metadata = '{"contentType":"application/fhir+json"}';
        bytes memory sig = _sign(pk, index.hashUpdate(handle, 1, 0, keccak256(bytes(metadata))));
        index.publish(handle, keccak256("application/fhir+json"), metadata, sig);
    }

    function _post(uint128 price, uint32 places, uint32 cap) internal returns (uint256 id) {
        vm.prank(researcher);
        id = market.post(keccak256("criteria"), price, places, cap, uint64(block.timestamp + 7 days));
    }

    /// @dev Consents for entry key `pk`, sent by `sender`; when `err` is set, expects that revert.
    function _consentAs(address sender, uint256 id, uint256 pk, address payee, bytes memory err) internal {
        bytes memory sig = _sign(pk, market.hashConsent(id, _handle(pk), payee));
        if (err.length > 0) vm.expectRevert(err);
        vm.prank(sender);
        market.consent(id, _handle(pk), payee, sig);
    }

    function _consent(uint256 id, uint256 pk, address payee) internal {
        _consentAs(address(this), id, pk, payee, "");
    }

    /// @dev Releases for entry key `pk`, sent by `sender`; when `err` is set, expects that revert.
    function _releaseAs(address sender, uint256 id, uint256 pk, bytes memory err) internal {
        bytes memory keyRef = hex"c0ffee";
        bytes memory sig = _sign(pk, market.hashRelease(id, _handle(pk), keccak256(keyRef)));
        if (err.length > 0) vm.expectRevert(err);
        vm.prank(sender);
        market.release(id, _handle(pk), keyRef, sig);
    }

    function _release(uint256 id, uint256 pk) internal {
        _releaseAs(address(this), id, pk, "");
    }

    function _one(bytes32 h) internal pure returns (bytes32[] memory a) {
        a = new bytes32[](1);
        a[0] = h;
    }
}

/// @dev Drives the market as researchers, relayers and entry keys would, in any order, keeping ghost totals.
contract DataMarketHandler is MarketFixture {
    uint256 internal constant KEYS = 8;
    uint256[] public ids;
    mapping(uint256 => uint256) public deposited;
    mapping(uint256 => uint256) public paid;
    mapping(uint256 => uint256) public refunded;
    mapping(uint256 => uint32) public live;
    mapping(uint256 => uint32) public releasedCount;
    uint256 public totalPaidToPayees;

    constructor() {
        _deploy();
        for (uint256 pk = 1; pk <= KEYS; ++pk) _list(pk);
    }

    function requestCount() external view returns (uint256) {
        return ids.length;
    }

    function post(uint128 price, uint32 places, uint32 cap) external {
        price = uint128(bound(price, 1, 1000 ether));
        places = uint32(bound(places, 1, 6));
        cap = uint32(bound(cap, 1, places));
        uint256 id = _post(price, places, cap);
        ids.push(id);
        deposited[id] = uint256(price) * places;
    }

    function consent(uint256 idSeed, uint256 pkSeed, uint256 senderSeed) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        uint256 pk = 1 + pkSeed % KEYS;
        _consentAs(address(uint160(0x1000 + senderSeed % 3)), id, pk, address(uint160(0xA000 + pk)), "");
        live[id] += 1;
    }

    function accept(uint256 idSeed, uint256 pkSeed) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        vm.prank(researcher);
        market.accept(id, _one(_handle(1 + pkSeed % KEYS)));
    }

    function reject(uint256 idSeed, uint256 pkSeed) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        vm.prank(researcher);
        market.reject(id, _one(_handle(1 + pkSeed % KEYS)));
        live[id] -= 1;
    }

    function release(uint256 idSeed, uint256 pkSeed) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        uint256 pk = 1 + pkSeed % KEYS;
        address payee = address(uint160(0xA000 + pk));
        uint256 before = token.balanceOf(payee);
        _release(id, pk);
        uint256 got = token.balanceOf(payee) - before;
        paid[id] += got;
        totalPaidToPayees += got;
        live[id] -= 1;
        releasedCount[id] += 1;
        (,,,,,,,, uint128 price,,) = _unpack(id);
        assertEq(got, price, "a released place was not paid its price");
    }

    function withdraw(uint256 idSeed, uint256 pkSeed) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        uint256 pk = 1 + pkSeed % KEYS;
        market.withdraw(id, _handle(pk), _sign(pk, market.hashWithdraw(id, _handle(pk))));
        live[id] -= 1;
    }

    function cancel(uint256 idSeed) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        uint256 before = token.balanceOf(researcher);
        vm.prank(researcher);
        market.cancel(id);
        refunded[id] += token.balanceOf(researcher) - before;
    }

    function refund(uint256 idSeed) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        uint256 before = token.balanceOf(researcher);
        vm.prank(researcher);
        market.refund(id);
        refunded[id] += token.balanceOf(researcher) - before;
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 1, 6 days));
    }

    function certify(bool on) external {
        creds.set(researcher, on);
    }

    function _unpack(uint256 id)
        internal
        view
        returns (address, uint64, uint32, uint32, uint32, uint32, uint32, bool, uint128, uint128, bytes32)
    {
        DataMarket.Request memory r = market.getRequest(id);
        return (r.researcher, r.deadline, r.maxRecords, r.maxPerSubmitter, r.reserved, r.released, r.refunded, r.cancelled,
            r.pricePerRecord, r.escrow, r.criteria);
    }
}

/// @notice Escrow conservation and the promises to patients, under any order of posts, consents, reviews, releases,
///         withdrawals, cancellations, refunds, credential changes and time.
contract DataMarketInvariants is TestBase {
    DataMarketHandler private handler;

    function setUp() public {
        handler = new DataMarketHandler();
        targetContract(address(handler));
    }

    /// @notice MED in the market = Σ held escrow, and per request: deposited = paid + refunded + held.
    function invariant_escrowConservation() public view {
        DataMarket market = handler.market();
        uint256 held;
        uint256 n = handler.requestCount();
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = handler.ids(i);
            DataMarket.Request memory r = market.getRequest(id);
            held += r.escrow;
            assertEq(handler.deposited(id), handler.paid(id) + handler.refunded(id) + r.escrow, "deposited != paid + refunded + held");
            assertEq(r.escrow, uint256(r.pricePerRecord) * (r.maxRecords - r.released - r.refunded), "escrow != price * open places");
        }
        assertEq(handler.token().balanceOf(address(market)), held, "market balance != sum of escrows");
    }

    /// @notice Every released place was paid its price (release pays in the same step), and no other MED reached payees.
    function invariant_releasedIsPaid() public view {
        DataMarket market = handler.market();
        uint256 n = handler.requestCount();
        uint256 owed;
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = handler.ids(i);
            DataMarket.Request memory r = market.getRequest(id);
            assertEq(r.released, handler.releasedCount(id), "released count drifted");
            owed += uint256(r.pricePerRecord) * r.released;
            assertEq(handler.paid(id), uint256(r.pricePerRecord) * r.released, "a released place is unpaid");
        }
        assertEq(handler.totalPaidToPayees(), owed, "payees got other than the released prices");
    }

    /// @notice No refund takes a reserved place before the release window closes, nor a released one ever.
    function invariant_noRefundTakesAConsentedPlace() public view {
        DataMarket market = handler.market();
        uint256 n = handler.requestCount();
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = handler.ids(i);
            DataMarket.Request memory r = market.getRequest(id);
            assertLe(uint256(r.reserved) + r.released + r.refunded, r.maxRecords, "places overbooked");
            if (block.timestamp < market.releaseBy(id)) {
                assertEq(r.reserved, handler.live(id), "a live reservation was refunded");
            } else {
                assertTrue(r.reserved == handler.live(id) || r.reserved == 0, "reservations miscounted");
            }
        }
    }
}

/// @notice The attacks of issue 13 on the market (5 unpaid data, 6 participation on chain, 8 griefing, 13 revoked
///         researcher), each performed and refused.
contract DataMarketAttackTest is MarketFixture {
    address internal relayer = address(0x7E1A);
    address internal attacker = address(0xBAD);

    function setUp() public {
        _deploy();
        _list(1);
        _list(2);
    }

    /// @notice 5: the researcher accepts, the key is released, then it tries refund and cancel: the payee keeps the price.
    function test_attack_unpaidData_refundAfterRelease() public {
        uint256 id = _post(10 ether, 2, 2);
        address payee = address(0xA1);
        vm.prank(relayer);
        _consent(id, 1, payee);
        vm.prank(researcher);
        market.accept(id, _one(_handle(1)));
        _release(id, 1);
        assertEq(token.balanceOf(payee), 10 ether, "released without payment");
        vm.prank(researcher);
        market.cancel(id);
        vm.warp(block.timestamp + 30 days);
        vm.prank(researcher);
        market.refund(id);
        assertEq(token.balanceOf(payee), 10 ether, "refund took the payment back");
        assertEq(token.balanceOf(address(market)), 0, "escrow left behind");
    }

    /// @notice 5: a researcher that never reviews (never confirms) cannot withhold payment: silence is acceptance.
    function test_attack_unpaidData_neverConfirm() public {
        uint256 id = _post(10 ether, 1, 1);
        _consent(id, 1, address(0xA1));
        _releaseAs(address(this), id, 1, abi.encodeWithSelector(DataMarket.UnderReview.selector, id, _handle(1)));
        vm.warp(block.timestamp + market.REVIEW_WINDOW());
        _release(id, 1);
        assertEq(token.balanceOf(address(0xA1)), 10 ether, "silence left the patient unpaid");
    }

    /// @notice 5: rejecting after the review window (when the key could already be out) is refused.
    function test_attack_unpaidData_lateReject() public {
        uint256 id = _post(10 ether, 1, 1);
        _consent(id, 1, address(0xA1));
        vm.warp(block.timestamp + market.REVIEW_WINDOW());
        vm.prank(researcher);
        vm.expectRevert(abi.encodeWithSelector(DataMarket.ReviewOver.selector, id, _handle(1)));
        market.reject(id, _one(_handle(1)));
        _release(id, 1);
        assertEq(token.balanceOf(address(0xA1)), 10 ether, "late reject withheld payment");
    }

    /// @notice 5: a refund after the deadline does not take a reserved (unreleased) place before the release window ends.
    function test_attack_unpaidData_refundTakesReservation() public {
        uint256 id = _post(10 ether, 2, 2);
        _consent(id, 1, address(0xA1));
        vm.warp(block.timestamp + 8 days);
        uint256 before = token.balanceOf(researcher);
        vm.prank(researcher);
        market.refund(id);
        assertEq(token.balanceOf(researcher) - before, 10 ether, "refund took the reserved place");
        _release(id, 1);
        assertEq(token.balanceOf(address(0xA1)), 10 ether, "reserved place unpaid");
    }

    /// @notice 6: nothing the market logs or stores names the patient's account or a record id; the relayer sends.
    function test_attack_participationOnChain() public {
        address patient = address(0x9A7);
        bytes32 recordId = keccak256(abi.encode(patient, bytes32(uint256(42))));
        uint256 id = _post(10 ether, 1, 1);
        VmLogs(address(vm)).recordLogs();
        _consentAs(relayer, id, 1, address(0xA1), "");
        vm.prank(researcher);
        market.accept(id, _one(_handle(1)));
        _releaseAs(relayer, id, 1, "");
        VmLogs.Log[] memory logs = VmLogs(address(vm)).getRecordedLogs();
        assertTrue(logs.length >= 3, "flow logged nothing");
        for (uint256 i = 0; i < logs.length; ++i) {
            for (uint256 t = 0; t < logs[i].topics.length; ++t) {
                assertTrue(logs[i].topics[t] != bytes32(uint256(uint160(patient))), "patient in a topic");
                assertTrue(logs[i].topics[t] != recordId, "record id in a topic");
            }
            assertTrue(!_contains(logs[i].data, abi.encode(patient)), "patient in log data");
            assertTrue(!_contains(logs[i].data, abi.encode(recordId)), "record id in log data");
        }
        (, , address payee) = market.getConsent(id, _handle(1));
        assertEq(payee, address(0xA1), "payee is the fresh address");
    }

    /// @notice 8: junk consents from one account stop at the request's cap; the researcher rejects them; an honest
    ///         consent still gets a place and is paid.
    function test_attack_junkConsentsFillRequest() public {
        uint256 id = _post(1 ether, 3, 2);
        for (uint256 pk = 10; pk < 13; ++pk) _list(pk);
        _consentAs(attacker, id, 10, attacker, "");
        _consentAs(attacker, id, 11, attacker, "");
        _consentAs(attacker, id, 12, attacker, abi.encodeWithSelector(DataMarket.SubmitterCapReached.selector, id, attacker));
        bytes32[] memory junk = new bytes32[](2);
        junk[0] = _handle(10);
        junk[1] = _handle(11);
        vm.prank(researcher);
        market.reject(id, junk);
        _consentAs(attacker, id, 12, attacker, abi.encodeWithSelector(DataMarket.SubmitterCapReached.selector, id, attacker));
        _consentAs(relayer, id, 1, address(0xA1), "");
        vm.prank(researcher);
        market.accept(id, _one(_handle(1)));
        _release(id, 1);
        assertEq(token.balanceOf(address(0xA1)), 1 ether, "honest consent blocked");
        _releaseAs(attacker, id, 10, abi.encodeWithSelector(DataMarket.WrongStatus.selector, id, _handle(10), 4));
    }

    /// @notice 8: a consent must come from a listed entry's key: a forged signature, an unlisted handle and a replay fail.
    function test_attack_forgedAndReplayedConsents() public {
        uint256 id = _post(1 ether, 2, 2);
        bytes32 h = _handle(1);
        bytes memory forged = _sign(99, market.hashConsent(id, h, attacker));
        vm.expectRevert(abi.encodeWithSelector(DataMarket.NotEntryKey.selector, h, vm.addr(99)));
        market.consent(id, h, attacker, forged);
        _consentAs(attacker, id, 99, attacker, abi.encodeWithSelector(DataMarket.NotListed.selector, _handle(99)));
        _consent(id, 1, address(0xA1));
        bytes memory w = _sign(1, market.hashWithdraw(id, h));
        market.withdraw(id, h, w);
        _consentAs(attacker, id, 1, address(0xA1), abi.encodeWithSelector(DataMarket.AlreadyConsented.selector, id, h));
    }

    /// @notice 13: a researcher whose credential was revoked receives no new consent and no key.
    function test_attack_revokedResearcherGetsNoConsent() public {
        uint256 id = _post(1 ether, 2, 2);
        _consent(id, 1, address(0xA1));
        creds.set(researcher, false);
        _consentAs(relayer, id, 2, address(0xA2), abi.encodeWithSelector(DataMarket.ResearcherNotCertified.selector, id, researcher));
        vm.warp(block.timestamp + market.REVIEW_WINDOW());
        _releaseAs(relayer, id, 1, abi.encodeWithSelector(DataMarket.ResearcherNotCertified.selector, id, researcher));
        vm.warp(market.releaseBy(id));
        vm.prank(researcher);
        market.refund(id);
        assertEq(token.balanceOf(address(market)), 0, "lapsed places not refunded");
    }

    function _contains(bytes memory hay, bytes memory needle) private pure returns (bool) {
        if (needle.length > hay.length) return false;
        for (uint256 i = 0; i + needle.length <= hay.length; ++i) {
            bool same = true;
            for (uint256 j = 0; j < needle.length && same; ++j) same = hay[i + j] == needle[j];
            if (same) return true;
        }
        return false;
    }
}
