// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title MedToken
/// @notice MED, the platform's ERC-20 token (18 decimals, fixed supply minted to the deployer). It pays for
///         MediPoints, storage beyond the free quota and data-market escrow.
/// @dev Errors follow ERC-6093. An allowance of type(uint256).max is never decreased.
contract MedToken {
    /// @notice The token's name.
    string public constant name = "MediBloc Token";
    /// @notice The token's symbol.
    string public constant symbol = "MED";
    /// @notice The token's decimals.
    uint8 public constant decimals = 18;

    /// @notice The total supply.
    uint256 public immutable totalSupply;

    mapping(address account => uint256) private _balances;
    mapping(address owner => mapping(address spender => uint256)) private _allowances;

    /// @notice The sender's balance is below the amount.
    error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed);
    /// @notice The spender's allowance is below the amount.
    error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    /// @notice Tokens cannot be sent to the zero address.
    error ERC20InvalidReceiver(address receiver);
    /// @notice The zero address cannot be approved.
    error ERC20InvalidSpender(address spender);

    /// @notice ERC-20 transfer.
    event Transfer(address indexed from, address indexed to, uint256 value);
    /// @notice ERC-20 approval.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @param initialSupply The whole supply, in the smallest unit, minted to the deployer.
    constructor(uint256 initialSupply) {
        totalSupply = initialSupply;
        _balances[msg.sender] = initialSupply;
        emit Transfer(address(0), msg.sender, initialSupply);
    }

    /// @notice An account's balance.
    /// @param account The account.
    /// @return The balance in the smallest unit.
    function balanceOf(address account) external view returns (uint256) {
        return _balances[account];
    }

    /// @notice How much `spender` may still move from `owner`.
    /// @param owner The token holder.
    /// @param spender The approved spender.
    /// @return The remaining allowance.
    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @notice Moves `value` from the sender to `to`.
    /// @param to The receiver (non-zero).
    /// @param value The amount.
    /// @return Always true (failures revert).
    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /// @notice Lets `spender` move up to `value` of the sender's tokens (replacing any earlier allowance).
    /// @param spender The spender (non-zero).
    /// @param value The allowance; type(uint256).max for unlimited.
    /// @return Always true.
    function approve(address spender, uint256 value) external returns (bool) {
        if (spender == address(0)) revert ERC20InvalidSpender(spender);
        _allowances[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    /// @notice Moves `value` from `from` to `to` out of the sender's allowance.
    /// @param from The token holder.
    /// @param to The receiver (non-zero).
    /// @param value The amount.
    /// @return Always true (failures revert).
    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = _allowances[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < value) revert ERC20InsufficientAllowance(msg.sender, allowed, value);
            unchecked {
                _allowances[from][msg.sender] = allowed - value;
            }
        }
        _transfer(from, to, value);
        return true;
    }

    function _transfer(address from, address to, uint256 value) private {
        if (to == address(0)) revert ERC20InvalidReceiver(to);
        uint256 balance = _balances[from];
        if (balance < value) revert ERC20InsufficientBalance(from, balance, value);
        unchecked {
            _balances[from] = balance - value;
            _balances[to] += value;
        }
        emit Transfer(from, to, value);
    }
}
