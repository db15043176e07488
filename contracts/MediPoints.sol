// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRecordRegistryView} from "./Interfaces.sol";
import {IERC20Minimal} from "./Common.sol";

/// @title MediPoints
/// @notice Non-transferable points. Minted when a record is created (once per record, at a rate set per content
///         type, to its creator: the owner for a record the owner anchored, the author for a record a certified provider
///         wrote into a patient's record) or bought with MED at a fixed price. Each mint is a lot: it can be converted back to MED
///         only after a 3-month lock, and it expires 24 months after it was minted. There is no transfer function.
/// @dev Balances walk the account's lots; an account gains one lot per reward or purchase.
contract MediPoints {
    /// @dev amount (128) | mintedAt (64) in one slot.
    struct Lot {
        uint128 amount;
        uint64 mintedAt;
    }

    /// @notice How long a lot is locked before it converts to MED (3 months of 30 days).
    uint64 public constant LOCK_PERIOD = 90 days;
    /// @notice How long a lot lives (24 months: two years of 365 days).
    uint64 public constant LIFETIME = 730 days;

    /// @notice The MED token.
    IERC20Minimal public immutable med;
    /// @notice The record registry whose records earn points.
    IRecordRegistryView public immutable registry;
    /// @notice The price of one point in MED's smallest unit, when buying and converting.
    uint256 public immutable medPerPoint;
    /// @notice The account that sets reward rates.
    address public immutable admin;

    mapping(bytes32 contentTypeId => uint128 points) private _rates;
    mapping(bytes32 commitment => bool) private _rewarded;
    mapping(address account => Lot[]) private _lots;
    mapping(address locker => bool) private _lockers;
    mapping(address account => uint256 points) private _locked;

    /// @notice Only the admin may set rates.
    error NotAdmin(address caller);
    /// @notice An address that must be set is zero, or an amount is zero.
    error ZeroValue();
    /// @notice Only the record's owner may claim the reward of a record the owner anchored.
    error NotRecordOwner(bytes32 commitment, address owner, address caller);
    /// @notice The reward of a provider-authored record goes to its author alone.
    error NotRecordAuthor(bytes32 commitment, address author, address caller);
    /// @notice The record's reward was claimed already.
    error AlreadyRewarded(bytes32 commitment);
    /// @notice No reward rate is set for the record's content type.
    error NoRewardRate(bytes32 contentTypeId);
    /// @notice Fewer unlocked, unexpired points than asked for.
    error InsufficientConvertible(uint256 available, uint256 needed);
    /// @notice Only a locker (a contract the admin trusts, such as Credentials for vouching deposits) may lock,
    ///         unlock or slash points.
    error NotLocker(address caller);
    /// @notice Fewer live, unlocked points than a lock asks for.
    error InsufficientPoints(uint256 available, uint256 needed);
    /// @notice Fewer locked points than an unlock or slash names.
    error InsufficientLocked(uint256 locked, uint256 needed);

    /// @notice The reward for records of `contentTypeId` is now `points`.
    event RateSet(bytes32 indexed contentTypeId, uint128 points);
    /// @notice A lot was minted: `reason` 0 = record reward, 1 = purchase.
    event PointsMinted(address indexed account, uint128 amount, uint8 reason, uint64 mintedAt, bytes32 commitment);
    /// @notice `points` were converted to `medAmount` MED.
    event PointsConverted(address indexed account, uint256 points, uint256 medAmount);
    /// @notice The admin allowed (`enabled`) or stopped `locker` locking points.
    event LockerSet(address indexed locker, bool enabled);
    /// @notice `locker` locked `points` of `account` (a deposit): they stay in the balance but cannot convert.
    event PointsLocked(address indexed account, address indexed locker, uint256 points);
    /// @notice `locker` released `points` of `account`'s locked points.
    event PointsUnlocked(address indexed account, address indexed locker, uint256 points);
    /// @notice `locker` burned `burned` of `account`'s locked points (a slashed deposit).
    event PointsSlashed(address indexed account, address indexed locker, uint256 burned);

    /// @param med_ The MED token.
    /// @param registry_ The record registry.
    /// @param medPerPoint_ The price of one point in MED's smallest unit.
    constructor(IERC20Minimal med_, IRecordRegistryView registry_, uint256 medPerPoint_) {
        if (address(med_) == address(0) || address(registry_) == address(0) || medPerPoint_ == 0) revert ZeroValue();
        med = med_;
        registry = registry_;
        medPerPoint = medPerPoint_;
        admin = msg.sender;
    }

    /// @notice Sets the points a record of a content type earns (zero stops rewards). Admin only.
    /// @param contentTypeId The registry's content-type id.
    /// @param points The reward.
    function setRate(bytes32 contentTypeId, uint128 points) external {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        _rates[contentTypeId] = points;
        emit RateSet(contentTypeId, points);
    }

    /// @notice The reward for records of a content type.
    /// @param contentTypeId The registry's content-type id.
    /// @return The points.
    function rateOf(bytes32 contentTypeId) external view returns (uint128) {
        return _rates[contentTypeId];
    }

    /// @notice Allows or stops a contract locking points (deposits). Admin only.
    /// @param locker The locking contract.
    /// @param enabled True to allow.
    function setLocker(address locker, bool enabled) external {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        if (locker == address(0)) revert ZeroValue();
        _lockers[locker] = enabled;
        emit LockerSet(locker, enabled);
    }

    /// @notice Whether `account` may lock points.
    /// @param account The account.
    /// @return True for a locker.
    function isLocker(address account) external view returns (bool) {
        return _lockers[account];
    }

    /// @notice Locks `points` of `account`'s live, unlocked points as a deposit. Lockers only.
    /// @param account The depositor.
    /// @param points How many.
    function lock(address account, uint256 points) external {
        _onlyLocker();
        uint256 balance = balanceOf(account);
        uint256 locked = _locked[account];
        uint256 available = balance > locked ? balance - locked : 0;
        if (available < points) revert InsufficientPoints(available, points);
        _locked[account] = locked + points;
        emit PointsLocked(account, msg.sender, points);
    }

    /// @notice Releases `points` of `account`'s locked points. Lockers only.
    /// @param account The depositor.
    /// @param points How many.
    function unlock(address account, uint256 points) external {
        _onlyLocker();
        uint256 locked = _locked[account];
        if (locked < points) revert InsufficientLocked(locked, points);
        _locked[account] = locked - points;
        emit PointsUnlocked(account, msg.sender, points);
    }

    /// @notice Burns `points` of `account`'s locked points (oldest live lots first; points that expired under the
    ///         lock are gone already). Lockers only.
    /// @param account The depositor.
    /// @param points How many.
    function slash(address account, uint256 points) external {
        _onlyLocker();
        uint256 locked = _locked[account];
        if (locked < points) revert InsufficientLocked(locked, points);
        _locked[account] = locked - points;
        Lot[] storage lots = _lots[account];
        uint256 remaining = points;
        for (uint256 i = 0; i < lots.length && remaining > 0; ++i) {
            Lot storage lot = lots[i];
            if (lot.mintedAt + LIFETIME <= block.timestamp) continue;
            uint256 take = lot.amount < remaining ? lot.amount : remaining;
            lot.amount -= uint128(take);
            remaining -= take;
        }
        emit PointsSlashed(account, msg.sender, points - remaining);
    }

    /// @notice Points of `account` locked as deposits.
    /// @param account The account.
    /// @return The locked points.
    function lockedOf(address account) external view returns (uint256) {
        return _locked[account];
    }

    /// @notice Claims the points for a record the sender created, once per record: a record the sender anchored as
    ///         its owner, or one the sender authored into a patient's record (whose owner then earns nothing for it).
    /// @param commitment The record's id, keccak256(abi.encode(owner, commitment)).
    function claimRecordReward(bytes32 commitment) external {
        (address owner, address author, bytes32 typeId) = registry.getRecordParties(commitment);
        if (author != address(0)) {
            if (author != msg.sender) revert NotRecordAuthor(commitment, author, msg.sender);
        } else if (owner != msg.sender) {
            revert NotRecordOwner(commitment, owner, msg.sender);
        }
        if (_rewarded[commitment]) revert AlreadyRewarded(commitment);
        uint128 points = _rates[typeId];
        if (points == 0) revert NoRewardRate(typeId);
        _rewarded[commitment] = true;
        _mint(msg.sender, points, 0, commitment);
    }

    /// @notice Buys points with MED; the sender must have approved `points * medPerPoint` MED to this contract.
    /// @param points How many points.
    function buy(uint128 points) external {
        if (points == 0) revert ZeroValue();
        med.transferFrom(msg.sender, address(this), uint256(points) * medPerPoint);
        _mint(msg.sender, points, 1, bytes32(0));
    }

    /// @notice Converts unlocked, unexpired points (oldest first) back to MED at `medPerPoint`.
    /// @param points How many points.
    function convert(uint256 points) external {
        if (points == 0) revert ZeroValue();
        uint256 available = convertibleOf(msg.sender);
        if (available < points) revert InsufficientConvertible(available, points);
        Lot[] storage lots = _lots[msg.sender];
        uint256 remaining = points;
        for (uint256 i = 0; i < lots.length && remaining > 0; ++i) {
            Lot storage lot = lots[i];
            if (!_unlocked(lot)) continue;
            uint256 take = lot.amount < remaining ? lot.amount : remaining;
            lot.amount -= uint128(take);
            remaining -= take;
        }
        uint256 medAmount = points * medPerPoint;
        med.transfer(msg.sender, medAmount);
        emit PointsConverted(msg.sender, points, medAmount);
    }

    /// @notice Points that have not expired.
    /// @param account The account.
    /// @return total The live balance.
    function balanceOf(address account) public view returns (uint256 total) {
        Lot[] storage lots = _lots[account];
        for (uint256 i = 0; i < lots.length; ++i) {
            if (lots[i].mintedAt + LIFETIME > block.timestamp) total += lots[i].amount;
        }
    }

    /// @notice Points that are past their 3-month lock, not expired and not held as a deposit, so convertible now.
    /// @param account The account.
    /// @return total The convertible balance.
    function convertibleOf(address account) public view returns (uint256 total) {
        Lot[] storage lots = _lots[account];
        uint256 live;
        for (uint256 i = 0; i < lots.length; ++i) {
            if (_unlocked(lots[i])) total += lots[i].amount;
            if (lots[i].mintedAt + LIFETIME > block.timestamp) live += lots[i].amount;
        }
        uint256 locked = _locked[account];
        uint256 free = live > locked ? live - locked : 0;
        if (free < total) total = free;
    }

    function _onlyLocker() private view {
        if (!_lockers[msg.sender]) revert NotLocker(msg.sender);
    }

    function _unlocked(Lot storage lot) private view returns (bool) {
        return lot.mintedAt + LOCK_PERIOD <= block.timestamp && lot.mintedAt + LIFETIME > block.timestamp;
    }

    function _mint(address account, uint128 amount, uint8 reason, bytes32 commitment) private {
        uint64 now_ = uint64(block.timestamp);
        _lots[account].push(Lot({amount: amount, mintedAt: now_}));
        emit PointsMinted(account, amount, reason, now_, commitment);
    }
}
