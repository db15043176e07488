// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice The ERC-20 functions the MediBloc contracts call on the MED token.
interface IERC20Minimal {
    /// @notice Moves `value` tokens from the caller to `to`.
    function transfer(address to, uint256 value) external returns (bool);

    /// @notice Moves `value` tokens from `from` to `to` under the caller's allowance.
    function transferFrom(address from, address to, uint256 value) external returns (bool);

    /// @notice The token balance of `account`.
    function balanceOf(address account) external view returns (uint256);
}

/// @notice A MED transfer failed: the token reverted without a reason, returned false, or returned something that is
///         not a bool (a token's own revert reason, such as ERC-6093's errors, is passed on unchanged).
/// @param token The token contract.
/// @param to The intended recipient.
/// @param value The amount.
error MedTransferFailed(address token, address to, uint256 value);

/// @notice A signature is not 65 bytes, has a high `s`, a bad `v`, or recovers to no address.
error BadSignature();

/// @dev Transfers `value` of `token` to `to` and checks the result (a missing return value counts as success, as
///      with tokens that predate ERC-20's bool; a `false` or a revert fails; a revert with a reason re-raises that reason).
function safeTransfer(IERC20Minimal token, address to, uint256 value) {
    _checkTransfer(token, to, value, abi.encodeCall(IERC20Minimal.transfer, (to, value)));
}

/// @dev Transfers `value` of `token` from `from` to `to` under the caller's allowance and checks the result.
function safeTransferFrom(IERC20Minimal token, address from, address to, uint256 value) {
    _checkTransfer(token, to, value, abi.encodeCall(IERC20Minimal.transferFrom, (from, to, value)));
}

function _checkTransfer(IERC20Minimal token, address to, uint256 value, bytes memory data) {
    (bool ok, bytes memory ret) = address(token).call(data);
    if (!ok && ret.length != 0) {
        // The token reverted with a reason (e.g. ERC-6093's ERC20InsufficientAllowance): pass it on unchanged.
        assembly ("memory-safe") {
            revert(add(ret, 32), mload(ret))
        }
    }
    if (!ok || (ret.length != 0 && (ret.length != 32 || abi.decode(ret, (uint256)) != 1))) {
        revert MedTransferFailed(address(token), to, value);
    }
    if (ret.length == 0 && address(token).code.length == 0) revert MedTransferFailed(address(token), to, value);
}

/// @dev The EIP-712 digest of `structHash` under `domainSeparator`.
function eip712Digest(bytes32 domainSeparator, bytes32 structHash) pure returns (bytes32) {
    return keccak256(abi.encodePacked(bytes2(0x1901), domainSeparator, structHash));
}

/// @dev Recovers the signer of `digest` from a 65-byte r || s || v signature; refuses high-s (malleable) signatures.
function recoverSigner(bytes32 digest, bytes calldata signature) pure returns (address signer) {
    if (signature.length != 65) revert BadSignature();
    bytes32 r = bytes32(signature[0:32]);
    bytes32 s = bytes32(signature[32:64]);
    uint8 v = uint8(signature[64]);
    if (v < 27) v += 27;
    if ((v != 27 && v != 28) || uint256(s) > 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0) {
        revert BadSignature();
    }
    signer = ecrecover(digest, v, r, s);
    if (signer == address(0)) revert BadSignature();
}

/// @title Admin2Step
/// @notice An admin key that moves in two steps: the admin proposes a successor, the successor accepts. A mistyped
///         address never receives the role, and the admin can propose again (or propose zero to cancel) until then.
abstract contract Admin2Step {
    /// @notice The account allowed to call admin functions.
    address public admin;

    /// @notice The proposed successor, or zero when no transfer is pending.
    address public pendingAdmin;

    /// @notice Only the admin may call this.
    error NotAdmin(address caller);

    /// @notice Only the proposed successor may accept the admin role.
    error NotPendingAdmin(address caller);

    /// @notice The admin proposed a successor (zero cancels a pending proposal).
    event AdminTransferStarted(address indexed admin, address indexed pendingAdmin);

    /// @notice The admin role moved (from zero at deployment).
    event AdminTransferred(address indexed previousAdmin, address indexed newAdmin);

    constructor() {
        admin = msg.sender;
        emit AdminTransferred(address(0), msg.sender);
    }

    modifier onlyAdmin() {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        _;
    }

    /// @notice Proposes `newAdmin` as the next admin (zero cancels). Admin only.
    function transferAdmin(address newAdmin) external onlyAdmin {
        pendingAdmin = newAdmin;
        emit AdminTransferStarted(msg.sender, newAdmin);
    }

    /// @notice Accepts the admin role; only the proposed successor may call it.
    function acceptAdmin() external {
        if (msg.sender != pendingAdmin || msg.sender == address(0)) revert NotPendingAdmin(msg.sender);
        emit AdminTransferred(admin, msg.sender);
        admin = msg.sender;
        pendingAdmin = address(0);
    }
}
