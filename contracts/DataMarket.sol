// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ICredentialsView, ISearchIndexView} from "./Interfaces.sol";
import {IERC20Minimal, safeTransfer, safeTransferFrom, eip712Digest, recoverSigner} from "./Common.sol";

/// @title DataMarket (protocol v2)
/// @notice A certified researcher posts a data request (criteria hash, price per record, places, a cap per submitting
///         account, deadline) and escrows `price * maxRecords` MED. A consent names no patient and no record: it is
///         an EIP-712 message signed by the key of a listed search-index entry (the handle is keccak256 of that key's
///         address), naming a fresh payee address, and any account (a relayer) may submit it.
///
///         1. `consent` reserves a place (before the deadline, only while the researcher holds a live credential).
///         2. For `REVIEW_WINDOW` after the reservation the researcher may `reject` it (the place is free again) or
///            `accept` it; silence is acceptance.
///         3. Once accepted, the entry key `release`s the record key (an opaque reference, sealed to the researcher
///            off chain) and the place's price goes to the payee in the same transaction: no key without payment.
///         4. Unreserved places come back to the researcher after a cancellation or the deadline (`refund`);
///            reservations never released by `releaseBy` lapse and come back too. A released place never does.
///
///         Escrow conservation: every request's escrow = price * (maxRecords - released - refunded places), and the
///         contract's MED balance is the sum of the escrows.
contract DataMarket {
    /// @dev Slot 0: researcher | deadline | maxRecords. Slot 1: counters and flags. Slot 2: price | escrow.
    struct Request {
        address researcher;
        uint64 deadline;
        uint32 maxRecords;
        uint32 maxPerSubmitter;
        uint32 reserved;
        uint32 released;
        uint32 refunded;
        bool cancelled;
        uint128 pricePerRecord;
        uint128 escrow;
        bytes32 criteria;
    }

    /// @dev status (8) | reservedAt (64) | payee (160) in one slot. `reservedAt` is the reservation time.
    struct Consent {
        uint8 status;
        uint64 reservedAt;
        address payee;
    }

    /// @notice The credential role of a researcher (see `Credentials`).
    uint8 public constant RESEARCHER = 3;
    /// @notice Consent status: none.
    uint8 public constant NONE = 0;
    /// @notice Consent status: a place is reserved, the researcher may still reject it.
    uint8 public constant PENDING = 1;
    /// @notice Consent status: the researcher accepted it; the entry key may release the record key.
    uint8 public constant ACCEPTED = 2;
    /// @notice Consent status: the record key was released and the payee paid (final).
    uint8 public constant RELEASED = 3;
    /// @notice Consent status: the researcher rejected it (final).
    uint8 public constant REJECTED = 4;
    /// @notice Consent status: the entry key withdrew it before release (final).
    uint8 public constant WITHDRAWN = 5;

    /// @notice How long after a reservation the researcher may reject it; silence after that is acceptance.
    uint64 public constant REVIEW_WINDOW = 3 days;
    /// @notice How long after the deadline's review window an accepted consent may still be released.
    uint64 public constant RELEASE_WINDOW = 14 days;
    /// @notice The furthest deadline a request may have, from its posting.
    uint64 public constant MAX_DURATION = 366 days;
    /// @notice The most handles one `accept` or `reject` takes.
    uint256 public constant MAX_BATCH = 64;
    /// @notice The longest key reference a release carries, in bytes.
    uint256 public constant MAX_KEY_REF = 1024;

    /// @notice keccak256 of the EIP-712 type a consent is signed under.
    bytes32 public constant CONSENT_TYPEHASH = keccak256("Consent(uint256 requestId,bytes32 handle,address payee)");
    /// @notice keccak256 of the EIP-712 type a key release is signed under.
    bytes32 public constant RELEASE_TYPEHASH = keccak256("Release(uint256 requestId,bytes32 handle,bytes32 keyRefHash)");
    /// @notice keccak256 of the EIP-712 type a withdrawal is signed under.
    bytes32 public constant WITHDRAW_TYPEHASH = keccak256("Withdraw(uint256 requestId,bytes32 handle)");

    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    uint8 private constant LISTED = 1;

    /// @notice The MED token.
    IERC20Minimal public immutable med;
    /// @notice The credential registry that certifies researchers.
    ICredentialsView public immutable credentials;
    /// @notice The search index whose listed entries may consent.
    ISearchIndexView public immutable searchIndex;

    /// @notice How many requests were posted; ids run from 1.
    uint256 public requestCount;

    mapping(uint256 requestId => Request) private _requests;
    mapping(uint256 requestId => mapping(bytes32 handle => Consent)) private _consents;
    mapping(uint256 requestId => mapping(address submitter => uint32)) private _submitted;

    /// @notice An address that must be set is zero, or an amount is zero.
    error ZeroValue();
    /// @notice Only a certified researcher may post a request.
    error NotResearcher(address caller);
    /// @notice The request's researcher no longer holds a live credential: no new consents, no key releases.
    error ResearcherNotCertified(uint256 requestId, address researcher);
    /// @notice The deadline must lie in the future, at most `MAX_DURATION` away.
    error InvalidDeadline(uint64 deadline);
    /// @notice The cap per submitting account must lie between 1 and `maxRecords`.
    error InvalidCap(uint32 maxPerSubmitter);
    /// @notice No request has this id.
    error UnknownRequest(uint256 requestId);
    /// @notice Only the researcher who posted the request may do this.
    error NotRequestResearcher(uint256 requestId, address caller);
    /// @notice The request was cancelled: no new consents.
    error RequestCancelled(uint256 requestId);
    /// @notice The request's deadline has passed: no new consents.
    error RequestExpired(uint256 requestId, uint64 deadline);
    /// @notice Every place of the request is reserved or paid.
    error RequestFull(uint256 requestId);
    /// @notice The submitting account used up its cap of consents on this request.
    error SubmitterCapReached(uint256 requestId, address submitter);
    /// @notice The handle names no listed search-index entry.
    error NotListed(bytes32 handle);
    /// @notice The signature does not come from the entry key the handle names.
    error NotEntryKey(bytes32 handle, address signer);
    /// @notice This handle consented to this request already (a handle consents once per request).
    error AlreadyConsented(uint256 requestId, bytes32 handle);
    /// @notice The consent is not in a state that allows this (see the status constants).
    error WrongStatus(uint256 requestId, bytes32 handle, uint8 status);
    /// @notice The review window of the consent is over: it counts as accepted.
    error ReviewOver(uint256 requestId, bytes32 handle);
    /// @notice The consent is pending and its review window is not over: the researcher has not accepted it yet.
    error UnderReview(uint256 requestId, bytes32 handle);
    /// @notice The request's release window is over: unreleased consents lapsed.
    error ReleaseClosed(uint256 requestId, uint64 releaseBy);
    /// @notice A refund needs a cancelled request or a passed deadline.
    error DeadlineNotReached(uint256 requestId, uint64 deadline);
    /// @notice Too many handles (more than `MAX_BATCH`) or none.
    error BadBatch(uint256 length);
    /// @notice The key reference is empty or longer than `MAX_KEY_REF` bytes.
    error BadKeyRef(uint256 length);

    /// @notice A request was posted with `escrow` MED.
    event RequestPosted(
        uint256 indexed requestId,
        address indexed researcher,
        bytes32 criteria,
        uint128 pricePerRecord,
        uint32 maxRecords,
        uint32 maxPerSubmitter,
        uint64 deadline,
        uint128 escrow
    );
    /// @notice The listed entry `handle` reserved a place; `payee` will be paid when its key is released.
    event ConsentReserved(uint256 indexed requestId, bytes32 indexed handle, address payee);
    /// @notice The researcher accepted the consent of `handle`.
    event ConsentAccepted(uint256 indexed requestId, bytes32 indexed handle);
    /// @notice The researcher rejected the consent of `handle`; its place is free again.
    event ConsentRejected(uint256 indexed requestId, bytes32 indexed handle);
    /// @notice The entry key withdrew the consent of `handle` before releasing; its place is free again.
    event ConsentWithdrawn(uint256 indexed requestId, bytes32 indexed handle);
    /// @notice The entry key released the record key (`keyRef`, sealed to the researcher) and `amount` MED went to `payee`.
    event KeyReleased(uint256 indexed requestId, bytes32 indexed handle, address payee, uint128 amount, bytes keyRef);
    /// @notice The researcher cancelled: no new consents.
    event RequestWithdrawn(uint256 indexed requestId);
    /// @notice `places` unreserved (or lapsed) places came back to the researcher as `amount` MED.
    event EscrowRefunded(uint256 indexed requestId, uint32 places, uint128 amount);

    /// @param med_ The MED token.
    /// @param credentials_ The credential registry.
    /// @param searchIndex_ The search index.
    constructor(IERC20Minimal med_, ICredentialsView credentials_, ISearchIndexView searchIndex_) {
        if (address(med_) == address(0) || address(credentials_) == address(0) || address(searchIndex_) == address(0)) {
            revert ZeroValue();
        }
        med = med_;
        credentials = credentials_;
        searchIndex = searchIndex_;
    }

    /// @notice The EIP-712 domain separator (name "MediBloc DataMarket", version "2", this chain, this contract).
    /// @return The separator.
    function domainSeparator() public view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("MediBloc DataMarket"), keccak256("2"), block.chainid, address(this))
        );
    }

    /// @notice Posts a request and escrows `pricePerRecord * maxRecords` MED (approve it to this contract first).
    ///         Certified researchers only.
    /// @param criteria The hash (or CID digest) of the criteria document.
    /// @param pricePerRecord MED paid per released record.
    /// @param maxRecords How many records at most.
    /// @param maxPerSubmitter How many consents one submitting account may send to this request (1..maxRecords).
    /// @param deadline The last moment (exclusive) to consent; seconds since the Unix epoch.
    /// @return requestId The new request's id.
    function post(bytes32 criteria, uint128 pricePerRecord, uint32 maxRecords, uint32 maxPerSubmitter, uint64 deadline)
        external
        returns (uint256 requestId)
    {
        if (!credentials.hasRole(msg.sender, RESEARCHER)) revert NotResearcher(msg.sender);
        if (pricePerRecord == 0 || maxRecords == 0) revert ZeroValue();
        if (maxPerSubmitter == 0 || maxPerSubmitter > maxRecords) revert InvalidCap(maxPerSubmitter);
        if (deadline <= block.timestamp || deadline > block.timestamp + MAX_DURATION) revert InvalidDeadline(deadline);
        uint128 escrow = pricePerRecord * maxRecords;
        requestId = ++requestCount;
        Request storage r = _requests[requestId];
        r.researcher = msg.sender;
        r.deadline = deadline;
        r.maxRecords = maxRecords;
        r.maxPerSubmitter = maxPerSubmitter;
        r.pricePerRecord = pricePerRecord;
        r.escrow = escrow;
        r.criteria = criteria;
        safeTransferFrom(med, msg.sender, address(this), escrow);
        emit RequestPosted(requestId, msg.sender, criteria, pricePerRecord, maxRecords, maxPerSubmitter, deadline, escrow);
    }

    /// @notice Reserves a place for a listed search-index entry. Anyone may submit; the entry key's signature decides.
    /// @param requestId The request.
    /// @param handle The entry's handle (keccak256 of the entry key's address).
    /// @param payee Where the price goes when the key is released (a fresh address is best).
    /// @param signature The entry key's 65-byte signature over `hashConsent(requestId, handle, payee)`.
    function consent(uint256 requestId, bytes32 handle, address payee, bytes calldata signature) external {
        Request storage r = _existing(requestId);
        if (r.cancelled) revert RequestCancelled(requestId);
        if (block.timestamp >= r.deadline) revert RequestExpired(requestId, r.deadline);
        if (payee == address(0)) revert ZeroValue();
        _checkResearcher(requestId, r);
        if (r.reserved + r.released + r.refunded >= r.maxRecords) revert RequestFull(requestId);
        Consent storage c = _consents[requestId][handle];
        if (c.status != NONE) revert AlreadyConsented(requestId, handle);
        (uint8 listed,) = searchIndex.getEntry(handle);
        if (listed != LISTED) revert NotListed(handle);
        _checkEntryKey(handle, hashConsent(requestId, handle, payee), signature);
        uint32 submitted = _submitted[requestId][msg.sender];
        if (submitted >= r.maxPerSubmitter) revert SubmitterCapReached(requestId, msg.sender);
        _submitted[requestId][msg.sender] = submitted + 1;
        c.status = PENDING;
        c.reservedAt = uint64(block.timestamp);
        c.payee = payee;
        r.reserved += 1;
        emit ConsentReserved(requestId, handle, payee);
    }

    /// @notice Accepts pending consents at once (otherwise they count as accepted after `REVIEW_WINDOW`).
    ///         The request's researcher only.
    /// @param requestId The request.
    /// @param handles The consenting entries (1..MAX_BATCH), each pending.
    function accept(uint256 requestId, bytes32[] calldata handles) external {
        Request storage r = _researcherOf(requestId);
        _checkBatch(handles.length);
        _checkReleaseOpen(requestId, r);
        for (uint256 i = 0; i < handles.length; ++i) {
            Consent storage c = _consents[requestId][handles[i]];
            if (c.status != PENDING) revert WrongStatus(requestId, handles[i], c.status);
            c.status = ACCEPTED;
            emit ConsentAccepted(requestId, handles[i]);
        }
    }

    /// @notice Rejects pending consents within their review window: their places are free again. The request's
    ///         researcher only. The researcher sees only the entries' public metadata then, never a record key.
    /// @param requestId The request.
    /// @param handles The consenting entries (1..MAX_BATCH), each pending and in its review window.
    function reject(uint256 requestId, bytes32[] calldata handles) external {
        Request storage r = _researcherOf(requestId);
        _checkBatch(handles.length);
        for (uint256 i = 0; i < handles.length; ++i) {
            Consent storage c = _consents[requestId][handles[i]];
            if (c.status != PENDING) revert WrongStatus(requestId, handles[i], c.status);
            if (block.timestamp >= c.reservedAt + REVIEW_WINDOW) revert ReviewOver(requestId, handles[i]);
            c.status = REJECTED;
            emit ConsentRejected(requestId, handles[i]);
        }
        r.reserved -= uint32(handles.length);
    }

    /// @notice Releases the record key of an accepted consent and pays its price to the consent's payee, in one
    ///         step. Anyone may submit; the entry key's signature decides. Refused once the request's release
    ///         window is over or when the researcher no longer holds a live credential.
    /// @param requestId The request.
    /// @param handle The consenting entry.
    /// @param keyRef Where the record key re-wrapped to the researcher is, sealed so only the researcher reads it.
    /// @param signature The entry key's signature over `hashRelease(requestId, handle, keccak256(keyRef))`.
    function release(uint256 requestId, bytes32 handle, bytes calldata keyRef, bytes calldata signature) external {
        Request storage r = _existing(requestId);
        if (keyRef.length == 0 || keyRef.length > MAX_KEY_REF) revert BadKeyRef(keyRef.length);
        Consent storage c = _consents[requestId][handle];
        uint8 status = c.status;
        if (status != PENDING && status != ACCEPTED) revert WrongStatus(requestId, handle, status);
        if (status == PENDING && block.timestamp < c.reservedAt + REVIEW_WINDOW) revert UnderReview(requestId, handle);
        _checkReleaseOpen(requestId, r);
        _checkResearcher(requestId, r);
        _checkEntryKey(handle, hashRelease(requestId, handle, keccak256(keyRef)), signature);
        c.status = RELEASED;
        r.reserved -= 1;
        r.released += 1;
        uint128 price = r.pricePerRecord;
        r.escrow -= price;
        address payee = c.payee;
        safeTransfer(med, payee, price);
        emit KeyReleased(requestId, handle, payee, price, keyRef);
    }

    /// @notice Withdraws a consent before its key is released: the place is free again. Anyone may submit; the entry
    ///         key's signature decides.
    /// @param requestId The request.
    /// @param handle The consenting entry.
    /// @param signature The entry key's signature over `hashWithdraw(requestId, handle)`.
    function withdraw(uint256 requestId, bytes32 handle, bytes calldata signature) external {
        Request storage r = _existing(requestId);
        Consent storage c = _consents[requestId][handle];
        uint8 status = c.status;
        if (status != PENDING && status != ACCEPTED) revert WrongStatus(requestId, handle, status);
        _checkReleaseOpen(requestId, r);
        _checkEntryKey(handle, hashWithdraw(requestId, handle), signature);
        c.status = WITHDRAWN;
        r.reserved -= 1;
        emit ConsentWithdrawn(requestId, handle);
    }

    /// @notice Cancels a request: no new consents; the escrow of the unreserved places comes back at once. Reserved
    ///         places stay payable until the release window closes. The request's researcher only.
    /// @param requestId The request.
    function cancel(uint256 requestId) external {
        Request storage r = _researcherOf(requestId);
        if (r.cancelled) revert RequestCancelled(requestId);
        r.cancelled = true;
        emit RequestWithdrawn(requestId);
        _refund(requestId, r);
    }

    /// @notice Returns the escrow of the places nobody holds: unreserved places once the request is cancelled or its
    ///         deadline passed, and reservations never released once the release window is over. A released place is
    ///         never refunded. May be called again as places free up. The request's researcher only.
    /// @param requestId The request.
    function refund(uint256 requestId) external {
        Request storage r = _researcherOf(requestId);
        if (!r.cancelled && block.timestamp < r.deadline) revert DeadlineNotReached(requestId, r.deadline);
        _refund(requestId, r);
    }

    /// @notice The digest an entry key signs to consent.
    /// @param requestId The request.
    /// @param handle The entry.
    /// @param payee The payee.
    /// @return The EIP-712 digest.
    function hashConsent(uint256 requestId, bytes32 handle, address payee) public view returns (bytes32) {
        return eip712Digest(domainSeparator(), keccak256(abi.encode(CONSENT_TYPEHASH, requestId, handle, payee)));
    }

    /// @notice The digest an entry key signs to release its record key.
    /// @param requestId The request.
    /// @param handle The entry.
    /// @param keyRefHash keccak256 of the key reference.
    /// @return The EIP-712 digest.
    function hashRelease(uint256 requestId, bytes32 handle, bytes32 keyRefHash) public view returns (bytes32) {
        return eip712Digest(domainSeparator(), keccak256(abi.encode(RELEASE_TYPEHASH, requestId, handle, keyRefHash)));
    }

    /// @notice The digest an entry key signs to withdraw its consent.
    /// @param requestId The request.
    /// @param handle The entry.
    /// @return The EIP-712 digest.
    function hashWithdraw(uint256 requestId, bytes32 handle) public view returns (bytes32) {
        return eip712Digest(domainSeparator(), keccak256(abi.encode(WITHDRAW_TYPEHASH, requestId, handle)));
    }

    /// @notice The moment from which unreleased consents lapse: deadline + REVIEW_WINDOW + RELEASE_WINDOW.
    /// @param requestId The request.
    /// @return The moment (0 for an unknown request).
    function releaseBy(uint256 requestId) public view returns (uint64) {
        uint64 deadline = _requests[requestId].deadline;
        return deadline == 0 ? 0 : deadline + REVIEW_WINDOW + RELEASE_WINDOW;
    }

    /// @notice Reads a request.
    /// @param requestId The request.
    /// @return The request (all zero for an unknown id).
    function getRequest(uint256 requestId) external view returns (Request memory) {
        return _requests[requestId];
    }

    /// @notice Reads a consent.
    /// @param requestId The request.
    /// @param handle The consenting entry.
    /// @return status The consent's status (see the constants).
    /// @return reservedAt When the place was reserved (zero when none).
    /// @return payee The payee.
    function getConsent(uint256 requestId, bytes32 handle) external view returns (uint8 status, uint64 reservedAt, address payee) {
        Consent storage c = _consents[requestId][handle];
        return (c.status, c.reservedAt, c.payee);
    }

    /// @notice How many consents an account submitted to a request (its cap is the request's `maxPerSubmitter`).
    /// @param requestId The request.
    /// @param submitter The submitting account.
    /// @return The count.
    function submittedBy(uint256 requestId, address submitter) external view returns (uint32) {
        return _submitted[requestId][submitter];
    }

    function _refund(uint256 requestId, Request storage r) private {
        uint32 places = r.maxRecords - r.reserved - r.released - r.refunded;
        if (block.timestamp >= releaseBy(requestId)) {
            // Reservations never released lapse: nobody's key went to the researcher.
            places += r.reserved;
            r.reserved = 0;
        }
        r.refunded += places;
        uint128 amount = r.pricePerRecord * places;
        r.escrow -= amount;
        if (amount > 0) safeTransfer(med, r.researcher, amount);
        emit EscrowRefunded(requestId, places, amount);
    }

    function _checkResearcher(uint256 requestId, Request storage r) private view {
        if (!credentials.hasRole(r.researcher, RESEARCHER)) revert ResearcherNotCertified(requestId, r.researcher);
    }

    function _checkReleaseOpen(uint256 requestId, Request storage r) private view {
        uint64 by = r.deadline + REVIEW_WINDOW + RELEASE_WINDOW;
        if (block.timestamp >= by) revert ReleaseClosed(requestId, by);
    }

    function _checkEntryKey(bytes32 handle, bytes32 digest, bytes calldata signature) private pure {
        address signer = recoverSigner(digest, signature);
        if (keccak256(abi.encodePacked(signer)) != handle) revert NotEntryKey(handle, signer);
    }

    function _checkBatch(uint256 length) private pure {
        if (length == 0 || length > MAX_BATCH) revert BadBatch(length);
    }

    function _existing(uint256 requestId) private view returns (Request storage r) {
        r = _requests[requestId];
        if (r.researcher == address(0)) revert UnknownRequest(requestId);
    }

    function _researcherOf(uint256 requestId) private view returns (Request storage r) {
        r = _existing(requestId);
        if (msg.sender != r.researcher) revert NotRequestResearcher(requestId, msg.sender);
    }
}
