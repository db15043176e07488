// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Admin2Step, IERC20Minimal, safeTransfer, safeTransferFrom} from "./Common.sol";
import {IMediPointsDeposits, IRecordRegistryView} from "./Interfaces.sol";

/// @title MediPoints
/// @notice Non-transferable points, always backed by MED. Points are minted two ways:
///         - **bought**: the buyer pays `medPerPoint` MED per point into this contract;
///         - **earned**: the author of a record a certified provider wrote into a patient's record claims the
///           reward of the record's content type, once per record id. Each reward reserves `medPerPoint` MED per point
///           from the reward pool (MED anyone deposited with `fundRewardPool`); with too little in the pool there is no
///           reward. Records an owner anchored for themselves earn nothing (anyone can anchor at will), and rewards are
///           capped per author and per patient in each week.
///         So every point outstanding has its MED in this contract: converting can only ever pay out MED that buyers
///         or pool funders put in (solvency: `med.balanceOf(this) >= outstandingPoints * medPerPoint + rewardPool`).
///
///         Time: points minted in week `w` (`w = timestamp / 7 days`, weeks start Thursday 00:00 UTC) form one lot.
///         A lot unlocks (may convert to MED) 90 days after the end of its week and expires 730 days after the end of
///         its week: every point is locked at least 90 days (3 months) and lives at least 730 days (24 months) and at
///         most 7 days more. An account therefore has at most 106 live lots, however many rewards or purchases it gets,
///         and every function walks at most those (a head cursor skips lots already spent or expired).
///
///         Deposits (`IMediPointsDeposits`): a locker the admin trusts (Credentials) moves specific points of an account
///         (from lots still live after the deposit's `until`) into a deposit. They stop counting as free points, keep
///         their lot (so their original unlock and expiry), and either return to the same account (`releaseDeposit`) or
///         are burned with their MED sent to the treasury (`slashDeposit`). Points never move between accounts.
///
///         The MED behind expired points is stranded; `sweepExpired` sends it to the treasury.
contract MediPoints is Admin2Step, IMediPointsDeposits {
    /// @notice How long a lot stays locked after the end of its week: 90 days (3 months of 30 days).
    uint64 public constant LOCK_PERIOD = 90 days;
    /// @notice How long a lot lives after the end of its week: 730 days (24 months: two years of 365 days).
    uint64 public constant LIFETIME = 730 days;
    /// @notice The span of one lot: every point minted to an account in one week (timestamp / 7 days) shares a lot.
    uint64 public constant LOT_PERIOD = 7 days;

    /// @notice Lot source of a record reward (`PointsMinted.reason`).
    uint8 public constant REASON_REWARD = 0;
    /// @notice Lot source of a purchase (`PointsMinted.reason`).
    uint8 public constant REASON_PURCHASE = 1;

    /// @dev state of a deposit.
    uint8 private constant HELD = 1;
    uint8 private constant RELEASED = 2;
    uint8 private constant SLASHED = 3;

    /// @dev One deposit: its account, locker, size and the week-lots its points came from (packed week << 128 | amount).
    struct Deposit {
        address account;
        uint64 until;
        uint8 state;
        address locker;
        uint128 points;
        uint256[] parts;
    }

    /// @notice The MED token.
    IERC20Minimal public immutable med;
    /// @notice The record registry whose provider-authored records earn rewards.
    IRecordRegistryView public immutable registry;
    /// @notice The price of one point in MED's smallest unit, when buying, converting and backing a reward.
    uint256 public immutable medPerPoint;

    /// @notice Who receives slashed deposits' MED, swept expired MED and withdrawn pool MED.
    address public treasury;
    /// @notice MED (smallest unit) in the reward pool that no reward reserved yet.
    uint256 public rewardPool;
    /// @notice Points minted and not yet converted, slashed or swept (free, deposited, or expired but unswept); each is
    ///         backed by `medPerPoint` MED held here.
    uint256 public outstandingPoints;
    /// @notice The most points one author may earn in rewards in one week.
    uint128 public authorCapPerWeek;
    /// @notice The most reward points the records of one patient may earn (for their authors) in one week.
    uint128 public patientCapPerWeek;
    /// @notice The first week whose outstanding points `sweepExpired` has not swept yet.
    uint256 public sweepCursor;

    uint256 private _nextDepositId = 1;

    mapping(bytes32 contentTypeId => uint128 points) private _rates;
    mapping(bytes32 recordId => bool) private _rewarded;
    mapping(address locker => bool) private _lockers;
    mapping(address account => mapping(uint256 week => uint256 points)) private _lots;
    mapping(address account => uint256 week) private _head;
    mapping(address account => uint256 points) private _locked;
    mapping(uint256 week => uint256 points) private _weekSupply;
    mapping(address author => mapping(uint256 week => uint256 points)) private _authorEarned;
    mapping(address patient => mapping(uint256 week => uint256 points)) private _patientEarned;
    mapping(uint256 depositId => Deposit) private _deposits;

    /// @notice An address that must be set is zero, or an amount is zero.
    error ZeroValue();
    /// @notice No record with this id is anchored.
    error UnknownRecord(bytes32 recordId);
    /// @notice Only records a provider wrote into another account's record earn rewards; records an owner anchored
    ///         for itself earn nothing.
    error NotProviderAuthored(bytes32 recordId);
    /// @notice The reward of a provider-authored record goes to its author alone.
    error NotRecordAuthor(bytes32 recordId, address author, address caller);
    /// @notice The record's reward was claimed already.
    error AlreadyRewarded(bytes32 recordId);
    /// @notice No reward rate is set for the record's content type.
    error NoRewardRate(bytes32 contentTypeId);
    /// @notice The author earned `earned` reward points this week; `cap` is the weekly most.
    error AuthorRewardCapReached(address author, uint256 earned, uint256 cap);
    /// @notice The patient's records earned `earned` reward points this week; `cap` is the weekly most.
    error PatientRewardCapReached(address patient, uint256 earned, uint256 cap);
    /// @notice The reward pool holds `available` MED, less than the `needed` MED that backs the reward.
    error RewardPoolExhausted(uint256 available, uint256 needed);
    /// @notice Fewer unlocked, unexpired, undeposited points than asked for.
    error InsufficientConvertible(uint256 available, uint256 needed);
    /// @notice Only a locker (a contract the admin trusts, such as Credentials) may make or slash deposits.
    error NotLocker(address caller);
    /// @notice Fewer free points living past the deposit's `until` than it asks for.
    error InsufficientPoints(uint256 available, uint256 needed);
    /// @notice No deposit with this id is held (never made, released or slashed).
    error DepositNotHeld(uint256 depositId);
    /// @notice Only the locker that made a deposit may release or slash it.
    error NotDepositLocker(uint256 depositId, address locker, address caller);

    /// @notice The reward for records of `contentTypeId` is now `points`.
    event RateSet(bytes32 indexed contentTypeId, uint128 points);
    /// @notice The weekly reward caps are now `perAuthor` and `perPatient` points.
    event RewardCapsSet(uint128 perAuthor, uint128 perPatient);
    /// @notice The treasury is now `treasury`.
    event TreasurySet(address indexed treasury);
    /// @notice The admin allowed (`enabled`) or stopped `locker` making deposits.
    event LockerSet(address indexed locker, bool enabled);
    /// @notice `funder` added `amount` MED to the reward pool, which now holds `pool`.
    event RewardPoolFunded(address indexed funder, uint256 amount, uint256 pool);
    /// @notice The admin moved `amount` unreserved MED from the reward pool to the treasury; the pool holds `pool`.
    event RewardPoolWithdrawn(uint256 amount, uint256 pool);
    /// @notice A lot was added to: `reason` 0 = record reward (of `recordId`), 1 = purchase; `lotWeek` names the lot.
    event PointsMinted(address indexed account, uint128 amount, uint8 reason, uint64 mintedAt, uint64 lotWeek, bytes32 recordId);
    /// @notice `points` were converted to `medAmount` MED.
    event PointsConverted(address indexed account, uint256 points, uint256 medAmount);
    /// @notice `locker` moved `points` of `account`'s points living past `until` into deposit `depositId`.
    event DepositLocked(uint256 indexed depositId, address indexed account, address indexed locker, uint256 points, uint64 until);
    /// @notice Deposit `depositId` went back to `account`'s lots (`expired` of its points had expired meanwhile).
    event DepositReleased(uint256 indexed depositId, address indexed account, uint256 points, uint256 expired);
    /// @notice Deposit `depositId` was slashed: `burned` live points were burned and their `medAmount` MED went to
    ///         the treasury (points that had expired meanwhile are left to `sweepExpired`).
    event DepositSlashed(uint256 indexed depositId, address indexed account, uint256 burned, uint256 medAmount);
    /// @notice The lots of weeks `fromWeek`..`toWeek - 1` had expired: their `points` were swept and `medAmount` MED
    ///         went to the treasury.
    event ExpiredSwept(uint256 fromWeek, uint256 toWeek, uint256 points, uint256 medAmount);

    /// @param med_ The MED token.
    /// @param registry_ The record registry.
    /// @param medPerPoint_ The price of one point in MED's smallest unit.
    /// @param treasury_ Who receives slashed, swept and withdrawn MED.
    constructor(IERC20Minimal med_, IRecordRegistryView registry_, uint256 medPerPoint_, address treasury_) {
        if (address(med_) == address(0) || address(registry_) == address(0) || medPerPoint_ == 0 || treasury_ == address(0)) {
            revert ZeroValue();
        }
        med = med_;
        registry = registry_;
        medPerPoint = medPerPoint_;
        treasury = treasury_;
        authorCapPerWeek = 10_000;
        patientCapPerWeek = 1_000;
        sweepCursor = block.timestamp / LOT_PERIOD;
        emit TreasurySet(treasury_);
        emit RewardCapsSet(10_000, 1_000);
    }

    // ----------------------------------------------------------------------------------------------- administration

    /// @notice Sets the points a provider-authored record of a content type earns (zero stops rewards). Admin only.
    /// @param contentTypeId keccak256 of the content type.
    /// @param points The reward.
    function setRate(bytes32 contentTypeId, uint128 points) external onlyAdmin {
        _rates[contentTypeId] = points;
        emit RateSet(contentTypeId, points);
    }

    /// @notice The reward for provider-authored records of a content type.
    /// @param contentTypeId keccak256 of the content type.
    /// @return The points.
    function rateOf(bytes32 contentTypeId) external view returns (uint128) {
        return _rates[contentTypeId];
    }

    /// @notice Sets the weekly reward caps. Admin only.
    /// @param perAuthor The most reward points one author earns per week.
    /// @param perPatient The most reward points one patient's records earn per week.
    function setRewardCaps(uint128 perAuthor, uint128 perPatient) external onlyAdmin {
        authorCapPerWeek = perAuthor;
        patientCapPerWeek = perPatient;
        emit RewardCapsSet(perAuthor, perPatient);
    }

    /// @notice Sets the treasury. Admin only.
    /// @param treasury_ The new treasury (non-zero).
    function setTreasury(address treasury_) external onlyAdmin {
        if (treasury_ == address(0)) revert ZeroValue();
        treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    /// @notice Allows or stops a contract making and slashing deposits. Admin only. A stopped locker can still
    ///         release the deposits it holds (so they are never stranded), but not make or slash any.
    /// @param locker The locking contract.
    /// @param enabled True to allow.
    function setLocker(address locker, bool enabled) external onlyAdmin {
        if (locker == address(0)) revert ZeroValue();
        _lockers[locker] = enabled;
        emit LockerSet(locker, enabled);
    }

    /// @notice Whether `account` may make deposits.
    /// @param account The account.
    /// @return True for a locker.
    function isLocker(address account) external view returns (bool) {
        return _lockers[account];
    }

    // ------------------------------------------------------------------------------------------------- reward pool

    /// @notice Adds MED to the reward pool; the sender must have approved `amount` MED to this contract.
    /// @param amount MED in its smallest unit.
    function fundRewardPool(uint256 amount) external {
        if (amount == 0) revert ZeroValue();
        safeTransferFrom(med, msg.sender, address(this), amount);
        uint256 pool = rewardPool + amount;
        rewardPool = pool;
        emit RewardPoolFunded(msg.sender, amount, pool);
    }

    /// @notice Moves unreserved MED from the reward pool to the treasury (MED backing points never leaves but by
    ///         conversion, slash or sweep). Admin only.
    /// @param amount MED in its smallest unit.
    function withdrawRewardPool(uint256 amount) external onlyAdmin {
        uint256 pool = rewardPool;
        if (amount == 0) revert ZeroValue();
        if (amount > pool) revert RewardPoolExhausted(pool, amount);
        rewardPool = pool - amount;
        emit RewardPoolWithdrawn(amount, pool - amount);
        safeTransfer(med, treasury, amount);
    }

    // ------------------------------------------------------------------------------------------- minting and paying

    /// @notice Claims the reward of a record a provider wrote into a patient's record; only its author, once per
    ///         record id, within the weekly caps, and only while the reward pool can back it.
    /// @param recordId The record id (keccak256(abi.encode(owner, commitment))).
    function claimRecordReward(bytes32 recordId) external {
        (address owner, address author, bytes32 typeId) = registry.getRecordParties(recordId);
        if (owner == address(0)) revert UnknownRecord(recordId);
        if (author == address(0) || author == owner) revert NotProviderAuthored(recordId);
        if (author != msg.sender) revert NotRecordAuthor(recordId, author, msg.sender);
        if (_rewarded[recordId]) revert AlreadyRewarded(recordId);
        uint128 points = _rates[typeId];
        if (points == 0) revert NoRewardRate(typeId);
        uint256 week = block.timestamp / LOT_PERIOD;
        uint256 byAuthor = _authorEarned[author][week] + points;
        if (byAuthor > authorCapPerWeek) revert AuthorRewardCapReached(author, byAuthor - points, authorCapPerWeek);
        uint256 byPatient = _patientEarned[owner][week] + points;
        if (byPatient > patientCapPerWeek) revert PatientRewardCapReached(owner, byPatient - points, patientCapPerWeek);
        uint256 backing = uint256(points) * medPerPoint;
        uint256 pool = rewardPool;
        if (pool < backing) revert RewardPoolExhausted(pool, backing);
        rewardPool = pool - backing;
        _authorEarned[author][week] = byAuthor;
        _patientEarned[owner][week] = byPatient;
        _rewarded[recordId] = true;
        _mint(author, points, REASON_REWARD, recordId);
    }

    /// @notice Whether a record's reward was claimed.
    /// @param recordId The record id.
    /// @return True once claimed.
    function isRewarded(bytes32 recordId) external view returns (bool) {
        return _rewarded[recordId];
    }

    /// @notice Reward points an author earned, and a patient's records earned, in the current week.
    /// @param author The author.
    /// @param patient The patient.
    /// @return byAuthor The author's points this week.
    /// @return byPatient The patient's records' points this week.
    function rewardedThisWeek(address author, address patient) external view returns (uint256 byAuthor, uint256 byPatient) {
        uint256 week = block.timestamp / LOT_PERIOD;
        return (_authorEarned[author][week], _patientEarned[patient][week]);
    }

    /// @notice Buys points with MED; the sender must have approved `points * medPerPoint` MED to this contract.
    /// @param points How many points.
    function buy(uint128 points) external {
        if (points == 0) revert ZeroValue();
        safeTransferFrom(med, msg.sender, address(this), uint256(points) * medPerPoint);
        _mint(msg.sender, points, REASON_PURCHASE, bytes32(0));
    }

    /// @notice Converts free, unlocked, unexpired points (oldest lots first) back to MED at `medPerPoint`.
    /// @dev Walks at most the account's live lots (≤ 106) and moves the head cursor past spent and expired ones.
    /// @param points How many points.
    function convert(uint256 points) external {
        if (points == 0) revert ZeroValue();
        uint256 start = _start(msg.sender, block.timestamp);
        uint256 end = _unlockedEnd(block.timestamp);
        uint256 remaining = points;
        uint256 newHead = type(uint256).max;
        uint256 w = start;
        for (; w < end && remaining > 0; ++w) {
            uint256 amount = _lots[msg.sender][w];
            if (amount == 0) continue;
            uint256 take = amount < remaining ? amount : remaining;
            _lots[msg.sender][w] = amount - take;
            _weekSupply[w] -= take;
            remaining -= take;
            if (amount > take && newHead == type(uint256).max) newHead = w;
        }
        if (remaining > 0) revert InsufficientConvertible(points - remaining, points);
        _head[msg.sender] = newHead == type(uint256).max ? w : newHead;
        outstandingPoints -= points;
        uint256 medAmount = points * medPerPoint;
        emit PointsConverted(msg.sender, points, medAmount);
        safeTransfer(med, msg.sender, medAmount);
    }

    /// @notice Sends the MED behind expired points to the treasury, for at most `maxWeeks` weeks of lots (anyone may
    ///         call it; call again while it returns a full batch).
    /// @param maxWeeks The most weeks to sweep in this call.
    /// @return points The expired points swept.
    function sweepExpired(uint256 maxWeeks) external returns (uint256 points) {
        uint256 from = sweepCursor;
        uint256 end = _firstLiveWeek(block.timestamp);
        if (end > from + maxWeeks) end = from + maxWeeks;
        if (end <= from) return 0;
        for (uint256 w = from; w < end; ++w) {
            uint256 supply = _weekSupply[w];
            if (supply != 0) {
                points += supply;
                _weekSupply[w] = 0;
            }
        }
        sweepCursor = end;
        outstandingPoints -= points;
        uint256 medAmount = points * medPerPoint;
        emit ExpiredSwept(from, end, points, medAmount);
        if (medAmount != 0) safeTransfer(med, treasury, medAmount);
    }

    // -------------------------------------------------------------------------------------------------- deposits

    /// @notice Moves `points` of `account`'s free points into a new deposit, taking only from lots that are still
    ///         live at `until` (oldest such lots first), so the deposit holds points that exist until then. Points
    ///         already deposited, and lots expiring by `until`, are never taken. Lockers only.
    /// @param account The depositor.
    /// @param points How many points (positive).
    /// @param until Until when the deposit's points must live.
    /// @return depositId The new deposit's id.
    function lockDeposit(address account, uint256 points, uint64 until) external returns (uint256 depositId) {
        if (!_lockers[msg.sender]) revert NotLocker(msg.sender);
        if (points == 0 || account == address(0)) revert ZeroValue();
        depositId = _nextDepositId++;
        Deposit storage d = _deposits[depositId];
        uint256 time_ = until > block.timestamp ? until : block.timestamp;
        uint256 start = _firstLiveWeek(time_);
        uint256 head = _head[account];
        if (head > start) start = head;
        uint256 end = block.timestamp / LOT_PERIOD + 1;
        uint256 remaining = points;
        for (uint256 w = start; w < end && remaining > 0; ++w) {
            uint256 amount = _lots[account][w];
            if (amount == 0) continue;
            uint256 take = amount < remaining ? amount : remaining;
            _lots[account][w] = amount - take;
            remaining -= take;
            d.parts.push((w << 128) | take);
        }
        if (remaining > 0) revert InsufficientPoints(points - remaining, points);
        d.account = account;
        d.until = until;
        d.state = HELD;
        d.locker = msg.sender;
        d.points = uint128(points);
        _locked[account] += points;
        emit DepositLocked(depositId, account, msg.sender, points, until);
    }

    /// @notice Returns a deposit's points to the lots they came from, in the same account, with their original unlock
    ///         and expiry. Only the locker that made it (even after the admin stopped it as a locker).
    /// @param depositId The deposit.
    function releaseDeposit(uint256 depositId) external {
        Deposit storage d = _held(depositId);
        d.state = RELEASED;
        address account = d.account;
        uint256 firstLive = _firstLiveWeek(block.timestamp);
        uint256 head = _head[account];
        uint256 expired;
        uint256[] storage parts = d.parts;
        uint256 n = parts.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 w = parts[i] >> 128;
            uint256 amount = uint128(parts[i]);
            if (w < firstLive) expired += amount; // back in an expired lot: counts nowhere, its MED is swept
            _lots[account][w] += amount;
            if (w < head) head = w;
        }
        _head[account] = head;
        _locked[account] -= d.points;
        emit DepositReleased(depositId, account, d.points, expired);
    }

    /// @notice Burns a deposit's points; the MED backing those still live goes to the treasury at once (points that
    ///         expired under the deposit are left to `sweepExpired`, so no MED is ever paid twice). Only the locker
    ///         that made it, while it is still a locker.
    /// @param depositId The deposit.
    function slashDeposit(uint256 depositId) external {
        if (!_lockers[msg.sender]) revert NotLocker(msg.sender);
        Deposit storage d = _held(depositId);
        d.state = SLASHED;
        uint256 firstLive = _firstLiveWeek(block.timestamp);
        uint256 burned;
        uint256[] storage parts = d.parts;
        uint256 n = parts.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 w = parts[i] >> 128;
            if (w < firstLive) continue;
            uint256 amount = uint128(parts[i]);
            _weekSupply[w] -= amount;
            burned += amount;
        }
        _locked[d.account] -= d.points;
        outstandingPoints -= burned;
        uint256 medAmount = burned * medPerPoint;
        emit DepositSlashed(depositId, d.account, burned, medAmount);
        if (medAmount != 0) safeTransfer(med, treasury, medAmount);
    }

    /// @notice A deposit.
    /// @param depositId The deposit.
    /// @return account The depositor (zero when no such deposit).
    /// @return locker The locker that made it.
    /// @return points Its points.
    /// @return until Until when its points were to live.
    /// @return state 0 none, 1 held, 2 released, 3 slashed.
    function getDeposit(uint256 depositId)
        external
        view
        returns (address account, address locker, uint256 points, uint64 until, uint8 state)
    {
        Deposit storage d = _deposits[depositId];
        return (d.account, d.locker, d.points, d.until, d.state);
    }

    /// @notice Points of `account` held in deposits (counted at their deposited size, even if some expire).
    /// @param account The account.
    /// @return The deposited points.
    function lockedOf(address account) external view returns (uint256) {
        return _locked[account];
    }

    // ------------------------------------------------------------------------------------------------------ views

    /// @notice Free points that have not expired (deposited points are not free: see `lockedOf`).
    /// @param account The account.
    /// @return total The free live balance.
    function balanceOf(address account) external view returns (uint256 total) {
        return _sum(account, _start(account, block.timestamp), block.timestamp / LOT_PERIOD + 1);
    }

    /// @notice Free points past their lock and not expired, so convertible now.
    /// @param account The account.
    /// @return The convertible balance.
    function convertibleOf(address account) external view returns (uint256) {
        return _sum(account, _start(account, block.timestamp), _unlockedEnd(block.timestamp));
    }

    /// @notice The account's live lots with free points, oldest first (at most 106).
    /// @param account The account.
    /// @return unlocksAt When each lot may convert.
    /// @return expiresAt When each lot expires.
    /// @return amounts The free points of each lot.
    function lotsOf(address account)
        external
        view
        returns (uint64[] memory unlocksAt, uint64[] memory expiresAt, uint256[] memory amounts)
    {
        uint256 start = _start(account, block.timestamp);
        uint256 end = block.timestamp / LOT_PERIOD + 1;
        uint256 n;
        for (uint256 w = start; w < end; ++w) {
            if (_lots[account][w] != 0) ++n;
        }
        unlocksAt = new uint64[](n);
        expiresAt = new uint64[](n);
        amounts = new uint256[](n);
        uint256 i;
        for (uint256 w = start; w < end; ++w) {
            uint256 amount = _lots[account][w];
            if (amount == 0) continue;
            uint64 weekEnd = uint64((w + 1) * LOT_PERIOD);
            unlocksAt[i] = weekEnd + LOCK_PERIOD;
            expiresAt[i] = weekEnd + LIFETIME;
            amounts[i++] = amount;
        }
    }

    /// @notice The free points of one of the account's lots, expired or not (lots are named by week: timestamp / 7 days).
    /// @param account The account.
    /// @param week The lot's week.
    /// @return The lot's free points.
    function lotAt(address account, uint256 week) external view returns (uint256) {
        return _lots[account][week];
    }

    /// @notice How many weeks of lots the account's reads and conversions walk now (at most 106).
    /// @param account The account.
    /// @return The number of weeks from the account's head (or the oldest live week) to the current week.
    function lotSpanOf(address account) external view returns (uint256) {
        uint256 start = _start(account, block.timestamp);
        uint256 end = block.timestamp / LOT_PERIOD + 1;
        return end > start ? end - start : 0;
    }

    // ---------------------------------------------------------------------------------------------------- private

    function _held(uint256 depositId) private view returns (Deposit storage d) {
        d = _deposits[depositId];
        if (d.state != HELD) revert DepositNotHeld(depositId);
        if (d.locker != msg.sender) revert NotDepositLocker(depositId, d.locker, msg.sender);
    }

    function _mint(address account, uint128 amount, uint8 reason, bytes32 recordId) private {
        uint256 week = block.timestamp / LOT_PERIOD;
        if (_head[account] == 0) _head[account] = week;
        _lots[account][week] += amount;
        _weekSupply[week] += amount;
        outstandingPoints += amount;
        emit PointsMinted(account, amount, reason, uint64(block.timestamp), uint64(week), recordId);
    }

    /// @dev The first week whose lots are still live at `time_`: lot w expires at (w + 1) * LOT_PERIOD + LIFETIME.
    function _firstLiveWeek(uint256 time_) private pure returns (uint256) {
        return time_ < LIFETIME ? 0 : (time_ - LIFETIME) / LOT_PERIOD;
    }

    /// @dev One past the last week whose lots are unlocked at `time_`: lot w unlocks at (w + 1) * LOT_PERIOD + LOCK_PERIOD.
    function _unlockedEnd(uint256 time_) private pure returns (uint256) {
        return time_ < LOCK_PERIOD ? 0 : (time_ - LOCK_PERIOD) / LOT_PERIOD;
    }

    /// @dev Where an account's walk starts: its head cursor, or the oldest live week when that is later.
    function _start(address account, uint256 time_) private view returns (uint256) {
        uint256 head = _head[account];
        uint256 firstLive = _firstLiveWeek(time_);
        return head > firstLive ? head : firstLive;
    }

    function _sum(address account, uint256 start, uint256 end) private view returns (uint256 total) {
        for (uint256 w = start; w < end; ++w) total += _lots[account][w];
    }
}
