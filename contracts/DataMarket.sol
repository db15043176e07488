// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRecordRegistryView, ICredentialsView} from "./Interfaces.sol";
import {IERC20Minimal} from "./Common.sol";

/// @title DataMarket
/// @notice A certified researcher posts a data request (criteria as a hash or CID digest, price per record, maximum
///         records, deadline) and escrows `price * maxRecords` MED. Before the deadline, patients consent per record:
///         the consent names the request and the record's commitment, and points at the record key wrapped to the
///         researcher. When the researcher confirms delivery of a consented record, its price goes to the patient.
///         After the deadline the researcher takes back whatever is left; a cancellation stops new consents and
///         returns the escrow of the places no one took at once (consented records stay payable). A patient may
///         withdraw a consent until its delivery is confirmed: the place is free again and the record is not paid for.
contract DataMarket {
    /// @dev researcher (160) | deadline (64) | maxRecords (32) in slot 0; counters, flags in slot 1.
    struct Request {
        address researcher;
        uint64 deadline;
        uint32 maxRecords;
        uint32 consented;
        uint32 delivered;
        bool cancelled;
        bool closed;
        uint128 pricePerRecord;
        uint128 escrow;
        bytes32 criteria;
    }

    /// @dev patient (160) | delivered (8) in one slot.
    struct Consent {
        address patient;
        bool delivered;
    }

    /// @notice The credential role of a researcher (see `Credentials`).
    uint8 public constant RESEARCHER = 3;

    /// @notice The MED token.
    IERC20Minimal public immutable med;
    /// @notice The record registry that names each record's owner.
    IRecordRegistryView public immutable registry;
    /// @notice The credential registry that certifies researchers.
    ICredentialsView public immutable credentials;

    /// @notice How many requests were posted; ids run from 1.
    uint256 public requestCount;

    mapping(uint256 requestId => Request) private _requests;
    mapping(uint256 requestId => mapping(bytes32 commitment => Consent)) private _consents;

    /// @notice An address that must be set is zero, or an amount is zero.
    error ZeroValue();
    /// @notice Only a certified researcher may post a request.
    error NotResearcher(address caller);
    /// @notice The deadline must lie in the future.
    error InvalidDeadline(uint64 deadline);
    /// @notice No request has this id.
    error UnknownRequest(uint256 requestId);
    /// @notice Only the researcher who posted the request may do this.
    error NotRequestResearcher(uint256 requestId, address caller);
    /// @notice The request was cancelled: no new consents.
    error RequestCancelled(uint256 requestId);
    /// @notice The request's deadline has passed: no new consents.
    error RequestExpired(uint256 requestId, uint64 deadline);
    /// @notice The request has as many consents as it asked for.
    error RequestFull(uint256 requestId);
    /// @notice The escrow was refunded: the request is closed.
    error RequestClosed(uint256 requestId);
    /// @notice Only the record's owner may consent to share it.
    error NotRecordOwner(bytes32 commitment, address owner, address caller);
    /// @notice The record was consented to this request already.
    error AlreadyConsented(uint256 requestId, bytes32 commitment);
    /// @notice No consent for this record on this request.
    error NotConsented(uint256 requestId, bytes32 commitment);
    /// @notice Only the patient who gave a consent may withdraw it.
    error NotConsentingPatient(uint256 requestId, bytes32 commitment, address caller);
    /// @notice The record's delivery was confirmed (and paid) already.
    error AlreadyDelivered(uint256 requestId, bytes32 commitment);
    /// @notice The escrow can be refunded only once the deadline has passed.
    error DeadlineNotReached(uint256 requestId, uint64 deadline);

    /// @notice A request was posted with `escrow` MED.
    event RequestPosted(
        uint256 indexed requestId,
        address indexed researcher,
        bytes32 criteria,
        uint128 pricePerRecord,
        uint32 maxRecords,
        uint64 deadline,
        uint128 escrow
    );
    /// @notice `patient` consented to share the record `commitment`; `keyCid` locates its key wrapped to the researcher.
    event ConsentGiven(uint256 indexed requestId, bytes32 indexed commitment, address indexed patient, string keyCid);
    /// @notice `patient` withdrew the consent to share `commitment` before its delivery was confirmed.
    event ConsentWithdrawn(uint256 indexed requestId, bytes32 indexed commitment, address indexed patient);
    /// @notice The researcher confirmed delivery of `commitment`; `amount` MED went to `patient`.
    event DeliveryConfirmed(uint256 indexed requestId, bytes32 indexed commitment, address indexed patient, uint128 amount);
    /// @notice The researcher cancelled; `refunded` MED came back at once.
    event RequestWithdrawn(uint256 indexed requestId, uint128 refunded);
    /// @notice After the deadline the researcher took back the remaining `refunded` MED; the request is closed.
    event EscrowRefunded(uint256 indexed requestId, uint128 refunded);

    /// @param med_ The MED token.
    /// @param registry_ The record registry.
    /// @param credentials_ The credential registry.
    constructor(IERC20Minimal med_, IRecordRegistryView registry_, ICredentialsView credentials_) {
        if (address(med_) == address(0) || address(registry_) == address(0) || address(credentials_) == address(0)) {
            revert ZeroValue();
        }
        med = med_;
        registry = registry_;
        credentials = credentials_;
    }

    /// @notice Posts a request and escrows `pricePerRecord * maxRecords` MED (approve it to this contract first).
    ///         Certified researchers only.
    /// @param criteria The hash (or CID digest) of the criteria document.
    /// @param pricePerRecord MED paid per delivered record.
    /// @param maxRecords How many records at most.
    /// @param deadline The last moment (exclusive) to consent; seconds since the Unix epoch.
    /// @return requestId The new request's id.
    function post(bytes32 criteria, uint128 pricePerRecord, uint32 maxRecords, uint64 deadline)
        external
        returns (uint256 requestId)
    {
        if (!credentials.hasRole(msg.sender, RESEARCHER)) revert NotResearcher(msg.sender);
        if (pricePerRecord == 0 || maxRecords == 0) revert ZeroValue();
        if (deadline <= block.timestamp) revert InvalidDeadline(deadline);
        uint128 escrow = pricePerRecord * maxRecords;
        requestId = ++requestCount;
        _requests[requestId] = Request({
            researcher: msg.sender,
            deadline: deadline,
            maxRecords: maxRecords,
            consented: 0,
            delivered: 0,
            cancelled: false,
            closed: false,
            pricePerRecord: pricePerRecord,
            escrow: escrow,
            criteria: criteria
        });
        med.transferFrom(msg.sender, address(this), escrow);
        emit RequestPosted(requestId, msg.sender, criteria, pricePerRecord, maxRecords, deadline, escrow);
    }

    /// @notice Consents to share one record the sender owns with the request's researcher.
    /// @param requestId The request.
    /// @param commitment The record's commitment.
    /// @param keyCid Where the record key wrapped to the researcher is stored (may be empty if sent otherwise).
    function consent(uint256 requestId, bytes32 commitment, string calldata keyCid) external {
        Request storage r = _existing(requestId);
        if (r.cancelled) revert RequestCancelled(requestId);
        if (block.timestamp >= r.deadline) revert RequestExpired(requestId, r.deadline);
        if (r.consented >= r.maxRecords) revert RequestFull(requestId);
        (address owner,,,) = registry.getRecord(commitment);
        if (owner != msg.sender) revert NotRecordOwner(commitment, owner, msg.sender);
        Consent storage c = _consents[requestId][commitment];
        if (c.patient != address(0)) revert AlreadyConsented(requestId, commitment);
        c.patient = msg.sender;
        r.consented += 1;
        emit ConsentGiven(requestId, commitment, msg.sender, keyCid);
    }

    /// @notice Withdraws a consent before its delivery is confirmed: the researcher can no longer confirm it (nor pay
    ///         for it), and its place is free again. The consenting patient only. A record key already handed over
    ///         stays handed over: withdrawing is forward-only, as revoking a grant is.
    /// @param requestId The request.
    /// @param commitment The record's commitment.
    function withdrawConsent(uint256 requestId, bytes32 commitment) external {
        Request storage r = _existing(requestId);
        Consent storage c = _consents[requestId][commitment];
        if (c.patient == address(0)) revert NotConsented(requestId, commitment);
        if (c.patient != msg.sender) revert NotConsentingPatient(requestId, commitment, msg.sender);
        if (c.delivered) revert AlreadyDelivered(requestId, commitment);
        delete _consents[requestId][commitment];
        r.consented -= 1;
        emit ConsentWithdrawn(requestId, commitment, msg.sender);
    }

    /// @notice Confirms receipt of a consented record; its price goes to the patient. The request's researcher only;
    ///         possible until the escrow is refunded.
    /// @param requestId The request.
    /// @param commitment The delivered record's commitment.
    function confirmDelivery(uint256 requestId, bytes32 commitment) external {
        Request storage r = _existing(requestId);
        if (msg.sender != r.researcher) revert NotRequestResearcher(requestId, msg.sender);
        if (r.closed) revert RequestClosed(requestId);
        Consent storage c = _consents[requestId][commitment];
        if (c.patient == address(0)) revert NotConsented(requestId, commitment);
        if (c.delivered) revert AlreadyDelivered(requestId, commitment);
        c.delivered = true;
        r.delivered += 1;
        uint128 price = r.pricePerRecord;
        r.escrow -= price;
        med.transfer(c.patient, price);
        emit DeliveryConfirmed(requestId, commitment, c.patient, price);
    }

    /// @notice Cancels a request: no new consents; the escrow of the places not consented comes back at once.
    ///         Consented records stay payable until the refund after the deadline. The request's researcher only.
    /// @param requestId The request.
    function cancel(uint256 requestId) external {
        Request storage r = _existing(requestId);
        if (msg.sender != r.researcher) revert NotRequestResearcher(requestId, msg.sender);
        if (r.closed) revert RequestClosed(requestId);
        if (r.cancelled) revert RequestCancelled(requestId);
        r.cancelled = true;
        uint128 refunded = r.pricePerRecord * (r.maxRecords - r.consented);
        r.escrow -= refunded;
        if (refunded > 0) med.transfer(r.researcher, refunded);
        emit RequestWithdrawn(requestId, refunded);
    }

    /// @notice After the deadline, returns the unspent escrow to the researcher and closes the request.
    ///         The request's researcher only.
    /// @param requestId The request.
    function refund(uint256 requestId) external {
        Request storage r = _existing(requestId);
        if (msg.sender != r.researcher) revert NotRequestResearcher(requestId, msg.sender);
        if (r.closed) revert RequestClosed(requestId);
        if (block.timestamp < r.deadline) revert DeadlineNotReached(requestId, r.deadline);
        r.closed = true;
        uint128 refunded = r.escrow;
        r.escrow = 0;
        if (refunded > 0) med.transfer(r.researcher, refunded);
        emit EscrowRefunded(requestId, refunded);
    }

    /// @notice Reads a request.
    /// @param requestId The request.
    /// @return The request (all zero for an unknown id).
    function getRequest(uint256 requestId) external view returns (Request memory) {
        return _requests[requestId];
    }

    /// @notice Reads a consent.
    /// @param requestId The request.
    /// @param commitment The record's commitment.
    /// @return patient The consenting patient, or zero when there is no consent.
    /// @return delivered Whether delivery was confirmed and paid.
    function getConsent(uint256 requestId, bytes32 commitment) external view returns (address patient, bool delivered) {
        Consent storage c = _consents[requestId][commitment];
        return (c.patient, c.delivered);
    }

    function _existing(uint256 requestId) private view returns (Request storage r) {
        r = _requests[requestId];
        if (r.researcher == address(0)) revert UnknownRequest(requestId);
    }
}
