// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20Minimal, safeTransferFrom} from "./Common.sol";

/// @title StorageQuota
/// @notice How many bytes of off-chain storage an account may use: a free quota for everyone (1 GB on the SDK's
///         deployments, set at deployment), more bought with MED in whole gigabytes at a fixed price. The MED paid goes to the treasury named at deployment; a payment the
///         token refuses (reverts or returns false) reverts the purchase (`MedTransferFailed`).
/// @dev One slot per buyer (the bought bytes); accounts that never bought cost nothing.
contract StorageQuota {
    /// @notice The unit of purchase: 1 GB (10^9 bytes).
    uint256 public constant GIGABYTE = 1_000_000_000;

    /// @notice The MED token.
    IERC20Minimal public immutable med;
    /// @notice Who receives the MED paid for quota.
    address public immutable treasury;
    /// @notice The price of one gigabyte in MED's smallest unit.
    uint256 public immutable medPerGigabyte;
    /// @notice The free quota of every account, in bytes.
    uint256 public immutable freeQuota;

    mapping(address account => uint256 bytes_) private _bought;

    /// @notice An address that must be set is zero, or an amount is zero.
    error ZeroValue();

    /// @notice `account` bought `gigabytes` GB for `medPaid` MED; its quota is now `quota` bytes.
    event QuotaBought(address indexed account, uint256 gigabytes, uint256 medPaid, uint256 quota);

    /// @param med_ The MED token.
    /// @param treasury_ Who receives the MED paid.
    /// @param medPerGigabyte_ The price of one gigabyte in MED's smallest unit.
    /// @param freeQuota_ The free quota of every account, in bytes (may be zero).
    constructor(IERC20Minimal med_, address treasury_, uint256 medPerGigabyte_, uint256 freeQuota_) {
        if (address(med_) == address(0) || treasury_ == address(0) || medPerGigabyte_ == 0) revert ZeroValue();
        med = med_;
        treasury = treasury_;
        medPerGigabyte = medPerGigabyte_;
        freeQuota = freeQuota_;
    }

    /// @notice Buys `gigabytes` GB more quota; the sender must have approved `gigabytes * medPerGigabyte` MED to
    ///         this contract.
    /// @param gigabytes How many gigabytes.
    function buy(uint256 gigabytes) external {
        if (gigabytes == 0) revert ZeroValue();
        uint256 cost = gigabytes * medPerGigabyte;
        safeTransferFrom(med, msg.sender, treasury, cost);
        uint256 bought = _bought[msg.sender] + gigabytes * GIGABYTE;
        _bought[msg.sender] = bought;
        emit QuotaBought(msg.sender, gigabytes, cost, freeQuota + bought);
    }

    /// @notice An account's quota in bytes: the free quota plus what it bought.
    /// @param account The account.
    /// @return The quota in bytes.
    function quotaOf(address account) external view returns (uint256) {
        return freeQuota + _bought[account];
    }
}
