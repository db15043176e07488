// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IMediPointsDeposits} from "../Interfaces.sol";

/// @dev A stand-in for MediPoints' deposits in the Credentials suite: free points per account, deposits by id, the
///      locker that made a deposit is the only one that releases or slashes it. `until` is recorded, not enforced on
///      lots (MediPoints' own suite covers lot lifetimes).
contract DepositsStandIn is IMediPointsDeposits {
    struct Deposit {
        address account;
        address locker;
        uint256 points;
        uint64 until;
        bool live;
    }

    mapping(address => uint256) public free;
    mapping(address => uint256) public lockedOf;
    mapping(uint256 => Deposit) private _deposits;
    uint256 public lastId;
    uint256 public burned;

    error Insufficient(address account, uint256 free, uint256 needed);
    error NotMaker(uint256 depositId, address caller);
    error NotLive(uint256 depositId);

    function mint(address account, uint256 points) external {
        free[account] += points;
    }

    function lockDeposit(address account, uint256 points, uint64 until) external returns (uint256 depositId) {
        if (free[account] < points) revert Insufficient(account, free[account], points);
        free[account] -= points;
        lockedOf[account] += points;
        depositId = ++lastId;
        _deposits[depositId] = Deposit(account, msg.sender, points, until, true);
    }

    function releaseDeposit(uint256 depositId) external {
        Deposit storage d = _take(depositId);
        free[d.account] += d.points;
    }

    function slashDeposit(uint256 depositId) external {
        Deposit storage d = _take(depositId);
        burned += d.points;
    }

    function getDeposit(uint256 depositId)
        external
        view
        returns (address account, address locker, uint256 points, uint64 until, bool live)
    {
        Deposit storage d = _deposits[depositId];
        return (d.account, d.locker, d.points, d.until, d.live);
    }

    function _take(uint256 depositId) private returns (Deposit storage d) {
        d = _deposits[depositId];
        if (!d.live) revert NotLive(depositId);
        if (d.locker != msg.sender) revert NotMaker(depositId, msg.sender);
        d.live = false;
        lockedOf[d.account] -= d.points;
    }
}
