// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ICredentialsView, IRecordRegistryView} from "./Interfaces.sol";
import {IERC20Minimal, safeTransfer, safeTransferFrom} from "./Common.sol";

/// @title InsuranceClaims
/// @notice Insurance claims paid in MED from a policy pool. A certified insurer opens a policy (the hash of its
///         declared adjudication rules, a coverage period, a per-claim cap), enrols members and funds the policy's
///         pool. A member files a claim naming a claim record and the encounter record (the anchored record holding
///         the Encounter the claim bills), both anchored by the member in the record registry (a record id carries
///         its owner, so nobody can file on another patient's records), and a payee; the claim id is
///         keccak256(abi.encode(policyId, claimRecordId)), so a claim is filed once, and an encounter record is
///         claimed at most once per policy. Filing reserves the claimed amount in the pool. The policy's insurer, while certified, pays (at most the claimed amount, to the payee)
///         or denies with a reason code; either decision is final and releases the reservation. A member holds at most
///         the policy's `maxOpenClaims` undecided claims at once, and may withdraw an undecided claim of its own once
///         the policy's `decisionWindow` has passed since filing (releasing the reservation; the encounter stays
///         claimed).
///
///         The promises:
///         - Only the policy's insurer funds, withdraws, pays or denies; paying and denying need a live insurer
///           credential.
///         - A claim is filed once and decided once: paying twice, denying after paying, filing the same claim twice
///           are refused.
///         - One claim per encounter: a second claim naming the same encounter record under the same policy is
///           refused, whatever its claim record (a re-published encounter gets a new record id: the insurer's
///           off-chain duplicate ledger catches that).
///         - A withdrawal takes only the unreserved part of the pool: it can never strand a filed claim.
///         - No member locks the pool: one member's undecided claims reserve at most maxOpenClaims x maxClaim, and a
///           claim left undecided for decisionWindow can be withdrawn by its claimant (only by it, once, and never
///           after a decision; a withdrawn claim can no longer be paid or denied).
///         - Pool conservation: a policy's pool == funded - paid - withdrawn; reserved <= pool; this contract's MED
///           balance == the sum of the pools.
contract InsuranceClaims {
    /// @dev insurer (160) | startsAt (64) | maxOpenClaims (32) ; endsAt (64) | maxClaim (128) | decisionWindow (64) ;
    ///      pool (128) | reserved (128) ; funded (128) | paid (128) ; withdrawn (128) ; rules.
    struct Policy {
        address insurer;
        uint64 startsAt;
        uint32 maxOpenClaims;
        uint64 endsAt;
        uint128 maxClaim;
        uint64 decisionWindow;
        uint128 pool;
        uint128 reserved;
        uint128 funded;
        uint128 paid;
        uint128 withdrawn;
        bytes32 rules;
    }

    /// @dev patient (160) | status (8) | reason (16) | filedAt (64) ; payee (160) ; amount (128) | paid (128) ;
    ///      policyId ; claimRecordId ; encounterRecordId.
    struct Claim {
        address patient;
        uint8 status;
        uint16 reason;
        uint64 filedAt;
        address payee;
        uint128 amount;
        uint128 paid;
        uint256 policyId;
        bytes32 claimRecordId;
        bytes32 encounterRecordId;
    }

    /// @notice The credential role of an insurer (see `Credentials`).
    uint8 public constant INSURER = 4;
    /// @notice Claim status: none.
    uint8 public constant NONE = 0;
    /// @notice Claim status: filed, awaiting the insurer's decision; its amount is reserved in the pool.
    uint8 public constant FILED = 1;
    /// @notice Claim status: paid (final).
    uint8 public constant PAID = 2;
    /// @notice Claim status: denied with a reason code (final).
    uint8 public constant DENIED = 3;
    /// @notice Claim status: withdrawn by its claimant after the decision window passed undecided (final).
    uint8 public constant WITHDRAWN = 4;
    /// @notice The longest decision document reference (a CID) a payment or denial carries, in bytes.
    uint256 public constant MAX_DECISION_REF = 128;

    /// @notice The MED token.
    IERC20Minimal public immutable med;
    /// @notice The credential registry that certifies insurers.
    ICredentialsView public immutable credentials;
    /// @notice The record registry where claim records are anchored.
    IRecordRegistryView public immutable registry;

    /// @notice How many policies were opened; ids run from 1.
    uint256 public policyCount;

    mapping(uint256 policyId => Policy) private _policies;
    mapping(uint256 policyId => mapping(address member => bool)) private _members;
    mapping(bytes32 claimId => Claim) private _claims;
    mapping(uint256 policyId => mapping(bytes32 encounterRecordId => bytes32 claimId)) private _encounterClaims;
    mapping(uint256 policyId => mapping(address member => uint256)) private _openClaims;

    /// @notice An address that must be set is zero, or an amount is zero.
    error ZeroValue();
    /// @notice The caller holds no live insurer credential.
    error NotInsurer(address caller);
    /// @notice No policy has this id.
    error UnknownPolicy(uint256 policyId);
    /// @notice Only the policy's insurer may do this.
    error NotPolicyInsurer(uint256 policyId, address caller);
    /// @notice The coverage period is empty, or the per-claim cap, the open-claim limit or the decision window is zero.
    error InvalidPolicy();
    /// @notice The account is not a member of the policy.
    error NotMember(uint256 policyId, address account);
    /// @notice The claim record or the encounter record is not anchored by the filing account.
    error NotRecordOwner(bytes32 recordId, address caller);
    /// @notice This claim was filed already.
    error AlreadyFiled(bytes32 claimId);
    /// @notice A claim naming this encounter record was filed already under the policy.
    error EncounterAlreadyClaimed(uint256 policyId, bytes32 encounterRecordId, bytes32 claimId);
    /// @notice The claimed amount exceeds the policy's per-claim cap.
    error AboveMaxClaim(uint256 policyId, uint256 amount, uint256 maxClaim);
    /// @notice The policy's coverage period is over or has not started.
    error OutsideCoverage(uint256 policyId);
    /// @notice The pool's unreserved MED does not cover the amount.
    error InsufficientPool(uint256 policyId, uint256 available, uint256 amount);
    /// @notice No claim has this id.
    error UnknownClaim(bytes32 claimId);
    /// @notice The claim was decided already (paid or denied).
    error AlreadyDecided(bytes32 claimId, uint8 status);
    /// @notice A payment must be positive and at most the claimed amount.
    error InvalidAmount(bytes32 claimId, uint256 amount);
    /// @notice A denial needs a reason code (non-zero).
    error MissingReason(bytes32 claimId);
    /// @notice The decision document's CID is longer than `MAX_DECISION_REF` bytes.
    error BadDecisionRef(uint256 length);
    /// @notice The member holds the policy's `maxOpenClaims` undecided claims already.
    error TooManyOpenClaims(uint256 policyId, address member, uint256 maxOpenClaims);
    /// @notice Only the claim's claimant may withdraw it.
    error NotClaimant(bytes32 claimId, address caller);
    /// @notice The insurer's decision window is still open: the claim can be withdrawn from `withdrawableAt` on.
    error DecisionPending(bytes32 claimId, uint256 withdrawableAt);

    /// @notice A certified insurer opened a policy.
    event PolicyOpened(
        uint256 indexed policyId,
        address indexed insurer,
        bytes32 rules,
        uint64 startsAt,
        uint64 endsAt,
        uint128 maxClaim,
        uint32 maxOpenClaims,
        uint64 decisionWindow
    );
    /// @notice The insurer enrolled (`covered`) or removed a member.
    event MemberSet(uint256 indexed policyId, address indexed member, bool covered);
    /// @notice The insurer added `amount` MED to the pool.
    event PoolFunded(uint256 indexed policyId, uint128 amount, uint128 pool);
    /// @notice The insurer took `amount` unreserved MED back.
    event PoolWithdrawn(uint256 indexed policyId, uint128 amount, uint128 pool);
    /// @notice A member filed a claim for `amount` MED, reserved in the pool, for the encounter `encounterRecordId`.
    event ClaimFiled(
        bytes32 indexed claimId,
        uint256 indexed policyId,
        address indexed patient,
        bytes32 claimRecordId,
        bytes32 encounterRecordId,
        address payee,
        uint128 amount
    );
    /// @notice The insurer paid `amount` MED of a claim to its payee; `decisionCid` names its sealed decision
    ///         document (ClaimResponse and ExplanationOfBenefit) in the content store.
    event ClaimPaid(bytes32 indexed claimId, uint256 indexed policyId, address indexed payee, uint128 amount, string decisionCid);
    /// @notice The insurer denied a claim with a reason code; `decisionCid` names its sealed decision document.
    event ClaimDenied(bytes32 indexed claimId, uint256 indexed policyId, uint16 reason, string decisionCid);
    /// @notice The claimant withdrew an undecided claim after the decision window; its `amount` is no longer reserved.
    event ClaimWithdrawn(bytes32 indexed claimId, uint256 indexed policyId, address indexed patient, uint128 amount);

    /// @param med_ The MED token.
    /// @param credentials_ The credential registry.
    /// @param registry_ The record registry.
    constructor(IERC20Minimal med_, ICredentialsView credentials_, IRecordRegistryView registry_) {
        if (address(med_) == address(0) || address(credentials_) == address(0) || address(registry_) == address(0)) {
            revert ZeroValue();
        }
        med = med_;
        credentials = credentials_;
        registry = registry_;
    }

    /// @notice Opens a policy. Certified insurers only.
    /// @param rules keccak256 (or a CID digest) of the declared adjudication rules document.
    /// @param startsAt Start of the coverage period (chain time).
    /// @param endsAt End of the coverage period (exclusive, after `startsAt`).
    /// @param maxClaim The most one claim may ask for (positive).
    /// @param maxOpenClaims The most undecided claims one member may hold under the policy at once (positive).
    /// @param decisionWindow Seconds the insurer has to decide a claim before its claimant may withdraw it (positive).
    /// @return policyId The new policy's id.
    function openPolicy(
        bytes32 rules,
        uint64 startsAt,
        uint64 endsAt,
        uint128 maxClaim,
        uint32 maxOpenClaims,
        uint64 decisionWindow
    ) external returns (uint256 policyId) {
        if (!credentials.hasRole(msg.sender, INSURER)) revert NotInsurer(msg.sender);
        if (endsAt <= startsAt || maxClaim == 0 || maxOpenClaims == 0 || decisionWindow == 0) revert InvalidPolicy();
        policyId = ++policyCount;
        Policy storage p = _policies[policyId];
        p.insurer = msg.sender;
        p.startsAt = startsAt;
        p.endsAt = endsAt;
        p.maxClaim = maxClaim;
        p.maxOpenClaims = maxOpenClaims;
        p.decisionWindow = decisionWindow;
        p.rules = rules;
        emit PolicyOpened(policyId, msg.sender, rules, startsAt, endsAt, maxClaim, maxOpenClaims, decisionWindow);
    }

    /// @notice Enrols or removes a member. The policy's insurer only. Claims filed before a removal stay payable.
    /// @param policyId The policy.
    /// @param member The member's account.
    /// @param covered True to enrol, false to remove.
    function setMember(uint256 policyId, address member, bool covered) external {
        _ownPolicy(policyId);
        if (member == address(0)) revert ZeroValue();
        _members[policyId][member] = covered;
        emit MemberSet(policyId, member, covered);
    }

    /// @notice Adds `amount` MED to the pool (approve it to this contract first). The policy's insurer only.
    /// @param policyId The policy.
    /// @param amount The MED (positive).
    function fund(uint256 policyId, uint128 amount) external {
        Policy storage p = _ownPolicy(policyId);
        if (amount == 0) revert ZeroValue();
        p.pool += amount;
        p.funded += amount;
        emit PoolFunded(policyId, amount, p.pool);
        safeTransferFrom(med, msg.sender, address(this), amount);
    }

    /// @notice Takes `amount` unreserved MED back to the insurer. The policy's insurer only.
    /// @param policyId The policy.
    /// @param amount The MED (positive, at most pool - reserved).
    function withdraw(uint256 policyId, uint128 amount) external {
        Policy storage p = _ownPolicy(policyId);
        if (amount == 0) revert ZeroValue();
        uint128 available = p.pool - p.reserved;
        if (amount > available) revert InsufficientPool(policyId, available, amount);
        p.pool -= amount;
        p.withdrawn += amount;
        emit PoolWithdrawn(policyId, amount, p.pool);
        safeTransfer(med, msg.sender, amount);
    }

    /// @notice Files a claim: the sender must be a member and own the anchored claim record and encounter record;
    ///         no claim may name the encounter record under the policy yet; the sender must hold fewer than the
    ///         policy's `maxOpenClaims` undecided claims; `amount` is reserved.
    /// @param policyId The policy.
    /// @param claimRecordId The record id of the claim record the sender anchored.
    /// @param encounterRecordId The record id of the sender's anchored record holding the claim's Encounter.
    /// @param payee Who receives the payment.
    /// @param amount The MED claimed (positive, at most the policy's cap and its unreserved pool).
    /// @return claimId keccak256(abi.encode(policyId, claimRecordId)).
    function fileClaim(uint256 policyId, bytes32 claimRecordId, bytes32 encounterRecordId, address payee, uint128 amount)
        external
        returns (bytes32 claimId)
    {
        Policy storage p = _policies[policyId];
        if (p.insurer == address(0)) revert UnknownPolicy(policyId);
        if (!_members[policyId][msg.sender]) revert NotMember(policyId, msg.sender);
        if (payee == address(0) || amount == 0) revert ZeroValue();
        if (block.timestamp < p.startsAt || block.timestamp >= p.endsAt) revert OutsideCoverage(policyId);
        if (amount > p.maxClaim) revert AboveMaxClaim(policyId, amount, p.maxClaim);
        uint256 open = _openClaims[policyId][msg.sender];
        if (open >= p.maxOpenClaims) revert TooManyOpenClaims(policyId, msg.sender, p.maxOpenClaims);
        _openClaims[policyId][msg.sender] = open + 1;
        (address owner,,,) = registry.getRecord(claimRecordId);
        if (owner != msg.sender) revert NotRecordOwner(claimRecordId, msg.sender);
        claimId = claimIdOf(policyId, claimRecordId);
        if (_claims[claimId].status != NONE) revert AlreadyFiled(claimId);
        (owner,,,) = registry.getRecord(encounterRecordId);
        if (owner != msg.sender) revert NotRecordOwner(encounterRecordId, msg.sender);
        bytes32 earlier = _encounterClaims[policyId][encounterRecordId];
        if (earlier != bytes32(0)) revert EncounterAlreadyClaimed(policyId, encounterRecordId, earlier);
        _encounterClaims[policyId][encounterRecordId] = claimId;
        uint128 available = p.pool - p.reserved;
        if (amount > available) revert InsufficientPool(policyId, available, amount);
        p.reserved += amount;
        _claims[claimId] = Claim({
            patient: msg.sender,
            status: FILED,
            reason: 0,
            filedAt: uint64(block.timestamp),
            payee: payee,
            amount: amount,
            paid: 0,
            policyId: policyId,
            claimRecordId: claimRecordId,
            encounterRecordId: encounterRecordId
        });
        emit ClaimFiled(claimId, policyId, msg.sender, claimRecordId, encounterRecordId, payee, amount);
    }

    /// @notice Pays a filed claim `amount` MED (at most the claimed amount) to its payee; final. The policy's insurer
    ///         only, holding a live insurer credential.
    /// @param claimId The claim.
    /// @param amount The MED paid (positive, at most the claimed amount).
    /// @param decisionCid The CID of the sealed decision document (may be empty, at most `MAX_DECISION_REF` bytes).
    function pay(bytes32 claimId, uint128 amount, string calldata decisionCid) external {
        if (bytes(decisionCid).length > MAX_DECISION_REF) revert BadDecisionRef(bytes(decisionCid).length);
        Claim storage c = _filed(claimId);
        Policy storage p = _ownPolicy(c.policyId);
        if (!credentials.hasRole(msg.sender, INSURER)) revert NotInsurer(msg.sender);
        if (amount == 0 || amount > c.amount) revert InvalidAmount(claimId, amount);
        c.status = PAID;
        c.paid = amount;
        p.reserved -= c.amount;
        --_openClaims[c.policyId][c.patient];
        p.pool -= amount;
        p.paid += amount;
        emit ClaimPaid(claimId, c.policyId, c.payee, amount, decisionCid);
        safeTransfer(med, c.payee, amount);
    }

    /// @notice Denies a filed claim with a reason code; final. The policy's insurer only, holding a live insurer
    ///         credential (a revoked insurer can neither pay nor deny: what filed claims reserve stays in the pool).
    /// @param claimId The claim.
    /// @param reason The denial reason code (non-zero; the SDK's ClaimDenialReason values).
    /// @param decisionCid The CID of the sealed decision document (may be empty, at most `MAX_DECISION_REF` bytes).
    function deny(bytes32 claimId, uint16 reason, string calldata decisionCid) external {
        if (bytes(decisionCid).length > MAX_DECISION_REF) revert BadDecisionRef(bytes(decisionCid).length);
        Claim storage c = _filed(claimId);
        Policy storage p = _ownPolicy(c.policyId);
        if (!credentials.hasRole(msg.sender, INSURER)) revert NotInsurer(msg.sender);
        if (reason == 0) revert MissingReason(claimId);
        c.status = DENIED;
        c.reason = reason;
        p.reserved -= c.amount;
        --_openClaims[c.policyId][c.patient];
        emit ClaimDenied(claimId, c.policyId, reason, decisionCid);
    }

    /// @notice Withdraws an undecided claim whose decision window has passed (from filedAt + the policy's
    ///         `decisionWindow` on); final. Its claimant only. The reservation is released; the encounter record
    ///         stays claimed under the policy.
    /// @param claimId The claim.
    function withdrawClaim(bytes32 claimId) external {
        Claim storage c = _claims[claimId];
        if (c.status == NONE) revert UnknownClaim(claimId);
        if (c.patient != msg.sender) revert NotClaimant(claimId, msg.sender);
        if (c.status != FILED) revert AlreadyDecided(claimId, c.status);
        Policy storage p = _policies[c.policyId];
        uint256 withdrawableAt = uint256(c.filedAt) + p.decisionWindow;
        if (block.timestamp < withdrawableAt) revert DecisionPending(claimId, withdrawableAt);
        c.status = WITHDRAWN;
        p.reserved -= c.amount;
        --_openClaims[c.policyId][msg.sender];
        emit ClaimWithdrawn(claimId, c.policyId, msg.sender, c.amount);
    }

    /// @notice The claim id of a claim record filed under a policy.
    /// @param policyId The policy.
    /// @param claimRecordId The claim record's id.
    /// @return keccak256(abi.encode(policyId, claimRecordId)).
    function claimIdOf(uint256 policyId, bytes32 claimRecordId) public pure returns (bytes32) {
        return keccak256(abi.encode(policyId, claimRecordId));
    }

    /// @notice The claim filed under a policy for an encounter record (zero when there is none).
    /// @param policyId The policy.
    /// @param encounterRecordId The encounter record's id.
    /// @return The claim id, or zero.
    function claimOfEncounter(uint256 policyId, bytes32 encounterRecordId) external view returns (bytes32) {
        return _encounterClaims[policyId][encounterRecordId];
    }

    /// @notice Reads a policy (zero insurer when there is none).
    /// @param policyId The policy.
    /// @return The policy.
    function getPolicy(uint256 policyId) external view returns (Policy memory) {
        return _policies[policyId];
    }

    /// @notice Reads a claim (status NONE when there is none).
    /// @param claimId The claim.
    /// @return The claim.
    function getClaim(bytes32 claimId) external view returns (Claim memory) {
        return _claims[claimId];
    }

    /// @notice How many undecided claims `member` holds under the policy (at most its `maxOpenClaims`).
    /// @param policyId The policy.
    /// @param member The member's account.
    /// @return The count of the member's filed, undecided claims.
    function openClaimsOf(uint256 policyId, address member) external view returns (uint256) {
        return _openClaims[policyId][member];
    }

    /// @notice Whether `account` is a member of the policy.
    /// @param policyId The policy.
    /// @param account The account.
    /// @return True when enrolled.
    function isMember(uint256 policyId, address account) external view returns (bool) {
        return _members[policyId][account];
    }

    function _ownPolicy(uint256 policyId) private view returns (Policy storage p) {
        p = _policies[policyId];
        if (p.insurer == address(0)) revert UnknownPolicy(policyId);
        if (p.insurer != msg.sender) revert NotPolicyInsurer(policyId, msg.sender);
    }

    function _filed(bytes32 claimId) private view returns (Claim storage c) {
        c = _claims[claimId];
        if (c.status == NONE) revert UnknownClaim(claimId);
        if (c.status != FILED) revert AlreadyDecided(claimId, c.status);
    }
}
