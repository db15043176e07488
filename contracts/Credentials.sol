// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Credentials
/// @notice Who is a certified provider, emergency provider or researcher. Authorities, appointed by the admin,
///         certify an account for a role until an expiry and may revoke it. Other contracts ask `hasRole`.
/// @dev Roles: 1 = provider, 2 = emergency provider, 3 = researcher.
contract Credentials {
    /// @dev issuer (160) | expiresAt (64) | revoked (8) in one slot; issuedAt in the next.
    struct Credential {
        address issuer;
        uint64 expiresAt;
        bool revoked;
        uint64 issuedAt;
    }

    /// @notice The role id of a certified provider.
    uint8 public constant PROVIDER = 1;
    /// @notice The role id of a certified emergency provider.
    uint8 public constant EMERGENCY_PROVIDER = 2;
    /// @notice The role id of a certified researcher.
    uint8 public constant RESEARCHER = 3;

    /// @notice The account that appoints authorities.
    address public immutable admin;

    mapping(address authority => bool) private _authorities;
    mapping(address account => mapping(uint8 role => Credential)) private _credentials;

    /// @notice Only the admin may appoint or remove authorities.
    error NotAdmin(address caller);
    /// @notice Only an authority may certify or revoke.
    error NotAuthority(address caller);
    /// @notice The role id is not 1, 2 or 3.
    error InvalidRole(uint8 role);
    /// @notice A credential's expiry must lie in the future.
    error InvalidExpiry(uint64 expiresAt);
    /// @notice An address that must be set is zero.
    error ZeroAddress();
    /// @notice The account holds no credential for the role.
    error NotCertified(address account, uint8 role);
    /// @notice The credential is revoked already.
    error AlreadyRevoked(address account, uint8 role);

    /// @notice An authority was appointed (`enabled`) or removed.
    event AuthoritySet(address indexed authority, bool enabled);
    /// @notice `account` was certified for `role` by `issuer` until `expiresAt`.
    event Certified(address indexed account, uint8 indexed role, address indexed issuer, uint64 expiresAt);
    /// @notice `account`'s credential for `role` was revoked by `by` for the reason whose hash is `reason`.
    event CredentialRevoked(address indexed account, uint8 indexed role, address indexed by, bytes32 reason);

    constructor() {
        admin = msg.sender;
    }

    /// @notice Appoints or removes an authority. Admin only.
    /// @param authority The authority.
    /// @param enabled True to appoint, false to remove.
    function setAuthority(address authority, bool enabled) external {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        if (authority == address(0)) revert ZeroAddress();
        _authorities[authority] = enabled;
        emit AuthoritySet(authority, enabled);
    }

    /// @notice Whether an account is an authority.
    /// @param account The account.
    /// @return True for an authority.
    function isAuthority(address account) external view returns (bool) {
        return _authorities[account];
    }

    /// @notice Certifies (or re-certifies) `account` for `role` until `expiresAt`. Authority only.
    /// @param account The certified account.
    /// @param role 1 provider, 2 emergency provider, 3 researcher.
    /// @param expiresAt When the credential ends (seconds since the Unix epoch, in the future).
    function certify(address account, uint8 role, uint64 expiresAt) external {
        if (!_authorities[msg.sender]) revert NotAuthority(msg.sender);
        if (account == address(0)) revert ZeroAddress();
        _checkRole(role);
        if (expiresAt <= block.timestamp) revert InvalidExpiry(expiresAt);
        _credentials[account][role] =
            Credential({issuer: msg.sender, expiresAt: expiresAt, revoked: false, issuedAt: uint64(block.timestamp)});
        emit Certified(account, role, msg.sender, expiresAt);
    }

    /// @notice Revokes a credential. Authority only.
    /// @param account The certified account.
    /// @param role The role.
    /// @param reason keccak256 of the reason (the text stays off chain).
    function revoke(address account, uint8 role, bytes32 reason) external {
        if (!_authorities[msg.sender]) revert NotAuthority(msg.sender);
        Credential storage c = _credentials[account][role];
        if (c.issuer == address(0)) revert NotCertified(account, role);
        if (c.revoked) revert AlreadyRevoked(account, role);
        c.revoked = true;
        emit CredentialRevoked(account, role, msg.sender, reason);
    }

    /// @notice Whether `account` holds a live credential for `role`: certified, not revoked, not expired.
    /// @param account The account.
    /// @param role The role.
    /// @return True when the credential is live.
    function hasRole(address account, uint8 role) public view returns (bool) {
        Credential storage c = _credentials[account][role];
        return c.issuer != address(0) && !c.revoked && c.expiresAt > block.timestamp;
    }

    /// @notice Reads a credential.
    /// @param account The account.
    /// @param role The role.
    /// @return issuer The certifying authority, or zero when there is none.
    /// @return issuedAt When it was (last) certified.
    /// @return expiresAt When it ends.
    /// @return revoked Whether it was revoked.
    function getCredential(address account, uint8 role)
        external
        view
        returns (address issuer, uint64 issuedAt, uint64 expiresAt, bool revoked)
    {
        Credential storage c = _credentials[account][role];
        return (c.issuer, c.issuedAt, c.expiresAt, c.revoked);
    }

    function _checkRole(uint8 role) private pure {
        if (role == 0 || role > RESEARCHER) revert InvalidRole(role);
    }
}
