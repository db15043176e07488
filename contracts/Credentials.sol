// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice The part of MediPoints that holds vouching deposits (Credentials must be one of its lockers).
interface IMediPointsDeposits {
    /// @notice See `MediPoints.lock`.
    function lock(address account, uint256 points) external;
    /// @notice See `MediPoints.unlock`.
    function unlock(address account, uint256 points) external;
    /// @notice See `MediPoints.slash`.
    function slash(address account, uint256 points) external;
}

/// @title Credentials
/// @notice Who is a certified provider, emergency provider or researcher. Authorities, appointed by the admin,
///         certify an account for a role until an expiry and may revoke it. The other way in is peer vouching:
///         accounts certified for a role vouch for a candidate, each locking a MediPoints deposit; with enough
///         vouches the candidate is certified (issuer: this contract) for a fixed term. An authority may challenge a
///         vouched candidate: every voucher's deposit is slashed and the credential revoked. Deposits stay locked
///         while the credential they vouched for is live; a voucher releases theirs afterwards (or before the
///         candidate is certified, withdrawing the vouch). Other contracts ask `hasRole`.
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

    /// @notice The MediPoints contract holding vouching deposits; zero while vouching is off.
    IMediPointsDeposits public points;
    /// @notice How many vouches certify a candidate.
    uint8 public vouchesRequired;
    /// @notice The MediPoints each voucher deposits.
    uint128 public vouchDeposit;
    /// @notice How long a vouched credential lasts, in seconds.
    uint64 public vouchTerm;
    mapping(address candidate => mapping(uint8 role => address[])) private _vouchers;
    mapping(address candidate => mapping(uint8 role => mapping(address voucher => uint256 deposit))) private _deposits;

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

    /// @notice With a MediPoints contract set, the threshold, deposit and term must each be at least 1.
    error InvalidVouchingRules();
    /// @notice Vouching is off (no MediPoints contract or threshold set).
    error VouchingDisabled();
    /// @notice Only an account holding a live credential for the role may vouch for it.
    error NotPeer(address voucher, uint8 role);
    /// @notice An account may not vouch for itself.
    error SelfVouch(address account);
    /// @notice The voucher vouched for this candidate and role already.
    error AlreadyVouched(address candidate, uint8 role, address voucher);
    /// @notice The candidate holds a live credential for the role already.
    error AlreadyCertified(address candidate, uint8 role);
    /// @notice The voucher has no deposit on this candidate and role.
    error NoVouch(address candidate, uint8 role, address voucher);
    /// @notice The deposit stays locked while the vouched credential is live.
    error VouchStillBonded(address candidate, uint8 role);
    /// @notice No one vouched for the candidate: nothing to challenge.
    error NoVouches(address candidate, uint8 role);

    /// @notice The admin set the vouching rules.
    event VouchingConfigured(address points, uint8 vouchesRequired, uint128 deposit, uint64 term);
    /// @notice `voucher` vouched for `candidate` in `role`, locking `deposit` points; `count` vouches so far.
    event Vouched(address indexed candidate, uint8 indexed role, address indexed voucher, uint256 deposit, uint256 count);
    /// @notice `voucher` released their deposit on `candidate`.
    event VouchReleased(address indexed candidate, uint8 indexed role, address indexed voucher, uint256 deposit);
    /// @notice An authority challenged `candidate`: `vouchers` deposits totalling `slashed` points were burned.
    event VouchChallenged(address indexed candidate, uint8 indexed role, address indexed by, bytes32 reason, uint256 vouchers, uint256 slashed);
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

    /// @notice Sets the vouching rules. Admin only. This contract must be a locker on `points_`.
    /// @param points_ The MediPoints contract (zero turns vouching off).
    /// @param vouchesRequired_ How many vouches certify (at least 1).
    /// @param deposit The MediPoints each voucher locks (at least 1).
    /// @param term How long a vouched credential lasts, in seconds (at least 1).
    function setVouching(IMediPointsDeposits points_, uint8 vouchesRequired_, uint128 deposit, uint64 term) external {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        if (address(points_) != address(0) && (vouchesRequired_ == 0 || deposit == 0 || term == 0)) {
            revert InvalidVouchingRules();
        }
        points = points_;
        vouchesRequired = vouchesRequired_;
        vouchDeposit = deposit;
        vouchTerm = term;
        emit VouchingConfigured(address(points_), vouchesRequired_, deposit, term);
    }

    /// @notice Vouches for `candidate` in `role`, locking `vouchDeposit` of the sender's MediPoints. The sender must
    ///         hold a live credential for `role`. The vouch that reaches `vouchesRequired` certifies the candidate
    ///         until `now + vouchTerm`, with this contract as issuer.
    /// @param candidate The candidate.
    /// @param role The role.
    function vouch(address candidate, uint8 role) external {
        IMediPointsDeposits p = points;
        if (address(p) == address(0)) revert VouchingDisabled();
        if (candidate == address(0)) revert ZeroAddress();
        _checkRole(role);
        if (candidate == msg.sender) revert SelfVouch(msg.sender);
        if (!hasRole(msg.sender, role)) revert NotPeer(msg.sender, role);
        if (hasRole(candidate, role)) revert AlreadyCertified(candidate, role);
        if (_deposits[candidate][role][msg.sender] != 0) revert AlreadyVouched(candidate, role, msg.sender);
        uint256 deposit = vouchDeposit;
        p.lock(msg.sender, deposit);
        _deposits[candidate][role][msg.sender] = deposit;
        address[] storage vouchers = _vouchers[candidate][role];
        vouchers.push(msg.sender);
        emit Vouched(candidate, role, msg.sender, deposit, vouchers.length);
        if (vouchers.length >= vouchesRequired) {
            uint64 expiresAt = uint64(block.timestamp) + vouchTerm;
            _credentials[candidate][role] =
                Credential({issuer: address(this), expiresAt: expiresAt, revoked: false, issuedAt: uint64(block.timestamp)});
            emit Certified(candidate, role, address(this), expiresAt);
        }
    }

    /// @notice Releases the sender's deposit on `candidate`: possible while the candidate holds no live credential
    ///         for `role` (before certification this withdraws the vouch; after expiry or revocation it ends it).
    /// @param candidate The candidate.
    /// @param role The role.
    function releaseVouch(address candidate, uint8 role) external {
        uint256 deposit = _deposits[candidate][role][msg.sender];
        if (deposit == 0) revert NoVouch(candidate, role, msg.sender);
        if (hasRole(candidate, role)) revert VouchStillBonded(candidate, role);
        delete _deposits[candidate][role][msg.sender];
        address[] storage vouchers = _vouchers[candidate][role];
        for (uint256 i = 0; i < vouchers.length; ++i) {
            if (vouchers[i] == msg.sender) {
                vouchers[i] = vouchers[vouchers.length - 1];
                vouchers.pop();
                break;
            }
        }
        points.unlock(msg.sender, deposit);
        emit VouchReleased(candidate, role, msg.sender, deposit);
    }

    /// @notice Challenges a vouched candidate on fraud: slashes every voucher's deposit and revokes the credential if
    ///         it is live. Authority only.
    /// @param candidate The candidate.
    /// @param role The role.
    /// @param reason keccak256 of the reason (the text stays off chain).
    function challenge(address candidate, uint8 role, bytes32 reason) external {
        if (!_authorities[msg.sender]) revert NotAuthority(msg.sender);
        address[] storage vouchers = _vouchers[candidate][role];
        uint256 count = vouchers.length;
        if (count == 0) revert NoVouches(candidate, role);
        uint256 slashed;
        for (uint256 i = 0; i < count; ++i) {
            address voucher = vouchers[i];
            uint256 deposit = _deposits[candidate][role][voucher];
            delete _deposits[candidate][role][voucher];
            points.slash(voucher, deposit);
            slashed += deposit;
        }
        delete _vouchers[candidate][role];
        Credential storage c = _credentials[candidate][role];
        if (c.issuer != address(0) && !c.revoked) {
            c.revoked = true;
            emit CredentialRevoked(candidate, role, msg.sender, reason);
        }
        emit VouchChallenged(candidate, role, msg.sender, reason, count, slashed);
    }

    /// @notice Who vouched for `candidate` in `role` and still has a deposit on it.
    /// @param candidate The candidate.
    /// @param role The role.
    /// @return The vouchers.
    function vouchersOf(address candidate, uint8 role) external view returns (address[] memory) {
        return _vouchers[candidate][role];
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
