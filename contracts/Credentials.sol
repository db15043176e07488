// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Admin2Step} from "./Common.sol";
import {IMediPointsDeposits} from "./Interfaces.sol";

/// @title Credentials
/// @notice Who is a certified provider, emergency provider, researcher or insurer. Authorities, appointed by the admin,
///         certify an account for a role until an expiry and may revoke it. The other way in is peer vouching:
///         accounts an authority certified for a role vouch for a candidate, each locking a MediPoints deposit of
///         specific points; with enough fresh vouches the candidate is certified (issuer: this contract) until the
///         oldest counted vouch's term ends. Other contracts ask `hasRole`.
///
///         The promises (protocol v2):
///         - A revocation or a successful challenge is final for the account and role: no vouch ever certifies it
///           again (`isFinal`). Only an authority may deliberately certify it anew, as a new credential it answers for.
///         - Only accounts an authority certified (and that authority still appointed) vouch; a vouched account never
///           vouches. Each voucher has at most `maxLiveVouches` live vouches, each candidate at most `MAX_VOUCHERS`.
///         - A vouch's deposit is a MediPoints deposit (by id) of points that live past the vouch's term plus the
///           challenge window. The vouch keeps the rules in force when it was made (MediPoints contract, amount,
///           term, window), so changing the rules never strands a deposit nor changes when it can be released.
///         - Only the voucher releases its vouch, and only it decides when: a pending vouch at any time, a vouch that
///           certified a credential once its own term and challenge window passed. No later vouch counts an old
///           vouch again (it cannot be re-bonded), so a release cannot be front-run into a revert.
///         - A challenge slashes exactly the bonded deposits behind the candidate's vouched credential that are still
///           inside their challenge window, revokes the credential and makes it final.
/// @dev Roles: 1 = provider, 2 = emergency provider, 3 = researcher, 4 = insurer.
contract Credentials is Admin2Step {
    /// @dev issuer (160) | expiresAt (64) | revoked (8) in one slot; issuedAt in the next.
    struct Credential {
        address issuer;
        uint64 expiresAt;
        bool revoked;
        uint64 issuedAt;
    }

    /// @dev A vouch and the rules it was made under, in two slots: points (160) | madeAt (64) | bonded (8);
    ///      amount (64) | validUntil (64) | releasableAt (64) | depositId (64).
    struct Vouch {
        IMediPointsDeposits points;
        uint64 madeAt;
        bool bonded;
        uint64 amount;
        uint64 validUntil;
        uint64 releasableAt;
        uint64 depositId;
    }

    /// @dev The vouching rules in force for new vouches. points (160) | vouchesRequired (8) | maxLiveVouches (16)
    ///      | term (64); deposit (64) | challengeWindow (64).
    struct Rules {
        IMediPointsDeposits points;
        uint8 vouchesRequired;
        uint16 maxLiveVouches;
        uint64 term;
        uint64 deposit;
        uint64 challengeWindow;
    }

    /// @notice The role id of a certified provider.
    uint8 public constant PROVIDER = 1;
    /// @notice The role id of a certified emergency provider.
    uint8 public constant EMERGENCY_PROVIDER = 2;
    /// @notice The role id of a certified researcher.
    uint8 public constant RESEARCHER = 3;
    /// @notice The role id of a certified insurer (pays claims from a policy pool, see InsuranceClaims).
    uint8 public constant INSURER = 4;
    /// @notice At most this many vouches (pending or bonded) stand on one candidate and role.
    uint8 public constant MAX_VOUCHERS = 16;

    mapping(address authority => bool) private _authorities;
    mapping(address account => mapping(uint8 role => Credential)) private _credentials;
    mapping(address account => mapping(uint8 role => bool)) private _final;

    Rules private _rules;
    mapping(address candidate => mapping(uint8 role => address[])) private _vouchers;
    mapping(address candidate => mapping(uint8 role => mapping(address voucher => Vouch))) private _vouches;
    mapping(address voucher => uint256) private _liveVouches;

    /// @notice Only an authority may certify, revoke or challenge.
    error NotAuthority(address caller);
    /// @notice The role id is not 1, 2, 3 or 4.
    error InvalidRole(uint8 role);
    /// @notice A credential's expiry must lie in the future.
    error InvalidExpiry(uint64 expiresAt);
    /// @notice An address that must be set is zero.
    error ZeroAddress();
    /// @notice This contract issues vouched credentials and can never be an authority.
    error InvalidAuthority(address authority);
    /// @notice The account holds no credential for the role.
    error NotCertified(address account, uint8 role);
    /// @notice The credential is revoked already.
    error AlreadyRevoked(address account, uint8 role);

    /// @notice With a MediPoints contract set: threshold 1..MAX_VOUCHERS, deposit 1..2^64-1, term and cap at least 1.
    error InvalidVouchingRules();
    /// @notice Vouching is off (no MediPoints contract set).
    error VouchingDisabled();
    /// @notice Only an account holding a live credential for the role may vouch for it.
    error NotPeer(address voucher, uint8 role);
    /// @notice The voucher's credential was not issued by a (still appointed) authority: vouched accounts never vouch.
    error NotAuthorityCertified(address voucher, uint8 role);
    /// @notice An account may not vouch for itself.
    error SelfVouch(address account);
    /// @notice The voucher has a vouch on this candidate and role already (release it first).
    error AlreadyVouched(address candidate, uint8 role, address voucher);
    /// @notice The candidate holds a live credential for the role already.
    error AlreadyCertified(address candidate, uint8 role);
    /// @notice The candidate's credential for the role was revoked or successfully challenged: vouching cannot restore it.
    error CredentialFinal(address candidate, uint8 role);
    /// @notice The voucher has `maxLiveVouches` live vouches already.
    error VouchCapReached(address voucher, uint256 liveVouches);
    /// @notice `MAX_VOUCHERS` vouches stand on the candidate already.
    error TooManyVouchers(address candidate, uint8 role);
    /// @notice The voucher has no vouch on this candidate and role.
    error NoVouch(address candidate, uint8 role, address voucher);
    /// @notice The vouch certified a credential; its deposit stays locked until `releasableAt`.
    error VouchStillBonded(address candidate, uint8 role, uint64 releasableAt);
    /// @notice MediPoints returned a deposit id above 2^64-1, which a vouch cannot record.
    error DepositIdTooLarge(uint256 depositId);
    /// @notice No bonded deposit inside its challenge window stands behind the candidate: nothing to challenge.
    error NoVouches(address candidate, uint8 role);

    /// @notice The admin set the vouching rules for new vouches (existing vouches keep theirs).
    event VouchingConfigured(
        address points, uint8 vouchesRequired, uint64 deposit, uint64 term, uint64 challengeWindow, uint16 maxLiveVouches
    );
    /// @notice `voucher` vouched for `candidate` in `role` with deposit `depositId` of `amount` points, releasable
    ///         from `releasableAt` if it certifies; `count` fresh vouches stand now.
    event Vouched(
        address indexed candidate,
        uint8 indexed role,
        address indexed voucher,
        uint256 depositId,
        uint256 amount,
        uint64 releasableAt,
        uint256 count
    );
    /// @notice `voucher` released its vouch on `candidate` and deposit `depositId` went back to it.
    event VouchReleased(address indexed candidate, uint8 indexed role, address indexed voucher, uint256 depositId);
    /// @notice An authority challenged `candidate`: `vouchers` bonded deposits totalling `slashed` points were burned.
    event VouchChallenged(
        address indexed candidate, uint8 indexed role, address indexed by, bytes32 reason, uint256 vouchers, uint256 slashed
    );
    /// @notice An authority was appointed (`enabled`) or removed.
    event AuthoritySet(address indexed authority, bool enabled);
    /// @notice `account` was certified for `role` by `issuer` until `expiresAt`.
    event Certified(address indexed account, uint8 indexed role, address indexed issuer, uint64 expiresAt);
    /// @notice `account`'s credential for `role` was revoked by `by` for the reason whose hash is `reason`; final.
    event CredentialRevoked(address indexed account, uint8 indexed role, address indexed by, bytes32 reason);

    /// @notice Appoints or removes an authority. Admin only.
    /// @param authority The authority.
    /// @param enabled True to appoint, false to remove.
    function setAuthority(address authority, bool enabled) external onlyAdmin {
        if (authority == address(0)) revert ZeroAddress();
        if (authority == address(this)) revert InvalidAuthority(authority);
        _authorities[authority] = enabled;
        emit AuthoritySet(authority, enabled);
    }

    /// @notice Whether an account is an authority.
    /// @param account The account.
    /// @return True for an authority.
    function isAuthority(address account) external view returns (bool) {
        return _authorities[account];
    }

    /// @notice Certifies (or re-certifies) `account` for `role` until `expiresAt`. Authority only. Certifying an
    ///         account whose credential is final issues a new credential the authority answers for; the account
    ///         stays closed to vouching.
    /// @param account The certified account.
    /// @param role 1 provider, 2 emergency provider, 3 researcher, 4 insurer.
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

    /// @notice Revokes a credential; final: no vouch certifies the account for the role again. Authority only. The
    ///         deposits behind a vouched credential stay challengeable until their window ends.
    /// @param account The certified account.
    /// @param role The role.
    /// @param reason keccak256 of the reason (the text stays off chain).
    function revoke(address account, uint8 role, bytes32 reason) external {
        if (!_authorities[msg.sender]) revert NotAuthority(msg.sender);
        Credential storage c = _credentials[account][role];
        if (c.issuer == address(0)) revert NotCertified(account, role);
        if (c.revoked) revert AlreadyRevoked(account, role);
        c.revoked = true;
        _final[account][role] = true;
        emit CredentialRevoked(account, role, msg.sender, reason);
    }

    /// @notice Sets the vouching rules for new vouches. Admin only. This contract must be a locker on `points_`.
    ///         Existing vouches keep the rules they were made under.
    /// @param points_ The MediPoints contract (zero turns vouching off).
    /// @param vouchesRequired_ How many fresh vouches certify (1..MAX_VOUCHERS).
    /// @param deposit The MediPoints each voucher locks (at least 1, below 2^64).
    /// @param term How long a vouch counts, and at most how long the credential it makes lasts, in seconds (>= 1).
    /// @param challengeWindow How long after a vouch's term its deposit stays locked and challengeable, in seconds.
    /// @param maxLiveVouches How many live vouches one voucher may have (at least 1).
    function setVouching(
        IMediPointsDeposits points_,
        uint8 vouchesRequired_,
        uint256 deposit,
        uint64 term,
        uint64 challengeWindow,
        uint16 maxLiveVouches
    ) external onlyAdmin {
        if (
            address(points_) != address(0)
                && (vouchesRequired_ == 0 || vouchesRequired_ > MAX_VOUCHERS || deposit == 0 || deposit > type(uint64).max
                    || term == 0 || maxLiveVouches == 0 || uint256(term) + challengeWindow > type(uint64).max / 2)
        ) {
            revert InvalidVouchingRules();
        }
        _rules = Rules({
            points: points_,
            vouchesRequired: vouchesRequired_,
            maxLiveVouches: maxLiveVouches,
            term: term,
            deposit: uint64(deposit),
            challengeWindow: challengeWindow
        });
        emit VouchingConfigured(address(points_), vouchesRequired_, uint64(deposit), term, challengeWindow, maxLiveVouches);
    }

    /// @notice The vouching rules new vouches are made under.
    /// @return points_ The MediPoints contract holding deposits; zero while vouching is off.
    /// @return vouchesRequired_ How many fresh vouches certify.
    /// @return deposit The MediPoints each voucher locks.
    /// @return term How long a vouch counts, in seconds.
    /// @return challengeWindow How long after the term a deposit stays locked and challengeable, in seconds.
    /// @return maxLiveVouches How many live vouches one voucher may have.
    function vouchingRules()
        external
        view
        returns (
            address points_,
            uint8 vouchesRequired_,
            uint256 deposit,
            uint64 term,
            uint64 challengeWindow,
            uint16 maxLiveVouches
        )
    {
        Rules memory r = _rules;
        return (address(r.points), r.vouchesRequired, r.deposit, r.term, r.challengeWindow, r.maxLiveVouches);
    }

    /// @notice Vouches for `candidate` in `role`, locking a deposit of the sender's MediPoints that live past the
    ///         vouch's term plus the challenge window. The sender must hold a live credential for `role` issued by an
    ///         appointed authority. When `vouchesRequired` fresh, unbonded vouches stand, the candidate is certified
    ///         (issuer: this contract) until the oldest of them stops counting, and those vouches become bonded.
    /// @param candidate The candidate.
    /// @param role The role.
    function vouch(address candidate, uint8 role) external {
        Rules memory r = _rules;
        if (address(r.points) == address(0)) revert VouchingDisabled();
        if (candidate == address(0)) revert ZeroAddress();
        _checkRole(role);
        if (candidate == msg.sender) revert SelfVouch(msg.sender);
        if (!hasRole(msg.sender, role)) revert NotPeer(msg.sender, role);
        if (!_isAuthorityCertified(msg.sender, role)) revert NotAuthorityCertified(msg.sender, role);
        if (_final[candidate][role]) revert CredentialFinal(candidate, role);
        if (hasRole(candidate, role)) revert AlreadyCertified(candidate, role);
        mapping(address => Vouch) storage vouches = _vouches[candidate][role];
        if (vouches[msg.sender].amount != 0) revert AlreadyVouched(candidate, role, msg.sender);
        uint256 live = _liveVouches[msg.sender];
        if (live >= r.maxLiveVouches) revert VouchCapReached(msg.sender, live);
        address[] storage vouchers = _vouchers[candidate][role];
        if (vouchers.length >= MAX_VOUCHERS) revert TooManyVouchers(candidate, role);

        uint64 validUntil = uint64(block.timestamp) + r.term;
        uint64 releasableAt = validUntil + r.challengeWindow;
        uint256 depositId = r.points.lockDeposit(msg.sender, r.deposit, releasableAt);
        if (depositId > type(uint64).max) revert DepositIdTooLarge(depositId);
        vouches[msg.sender] = Vouch({
            points: r.points,
            madeAt: uint64(block.timestamp),
            bonded: false,
            amount: r.deposit,
            validUntil: validUntil,
            releasableAt: releasableAt,
            depositId: uint64(depositId)
        });
        vouchers.push(msg.sender);
        _liveVouches[msg.sender] = live + 1;

        (uint256 count, uint64 expiresAt) = _freshVouches(vouches, vouchers, role);
        emit Vouched(candidate, role, msg.sender, depositId, r.deposit, releasableAt, count);
        if (count >= r.vouchesRequired) {
            for (uint256 i = 0; i < vouchers.length; ++i) {
                Vouch storage v = vouches[vouchers[i]];
                if (!v.bonded && v.validUntil > block.timestamp && _isAuthorityCertified(vouchers[i], role)) {
                    v.bonded = true;
                }
            }
            _credentials[candidate][role] =
                Credential({issuer: address(this), expiresAt: expiresAt, revoked: false, issuedAt: uint64(block.timestamp)});
            emit Certified(candidate, role, address(this), expiresAt);
        }
    }

    /// @notice Releases the sender's vouch on `candidate` and returns its deposit: a pending vouch at any time (this
    ///         withdraws it), a bonded one from its `releasableAt` on. Only the voucher can release its own vouch.
    /// @param candidate The candidate.
    /// @param role The role.
    function releaseVouch(address candidate, uint8 role) external {
        Vouch storage v = _vouches[candidate][role][msg.sender];
        if (v.amount == 0) revert NoVouch(candidate, role, msg.sender);
        if (v.bonded && block.timestamp < v.releasableAt) revert VouchStillBonded(candidate, role, v.releasableAt);
        IMediPointsDeposits p = v.points;
        uint256 depositId = v.depositId;
        _removeVouch(candidate, role, msg.sender);
        p.releaseDeposit(depositId);
        emit VouchReleased(candidate, role, msg.sender, depositId);
    }

    /// @notice Challenges a vouched candidate on fraud: slashes every bonded deposit behind it still inside its
    ///         challenge window, revokes the candidate's credential if live, and makes it final. Pending vouches are
    ///         not slashed (they certified nothing); their vouchers may release them. Authority only.
    /// @param candidate The candidate.
    /// @param role The role.
    /// @param reason keccak256 of the reason (the text stays off chain).
    function challenge(address candidate, uint8 role, bytes32 reason) external {
        if (!_authorities[msg.sender]) revert NotAuthority(msg.sender);
        address[] storage vouchers = _vouchers[candidate][role];
        mapping(address => Vouch) storage vouches = _vouches[candidate][role];
        uint256 count;
        uint256 slashed;
        uint256 i = 0;
        while (i < vouchers.length) {
            address voucher = vouchers[i];
            Vouch storage v = vouches[voucher];
            if (v.bonded && block.timestamp < v.releasableAt) {
                IMediPointsDeposits p = v.points;
                uint256 depositId = v.depositId;
                slashed += v.amount;
                ++count;
                _removeVouch(candidate, role, voucher); // swaps the last voucher into slot i
                p.slashDeposit(depositId);
            } else {
                ++i;
            }
        }
        if (count == 0) revert NoVouches(candidate, role);
        _final[candidate][role] = true;
        Credential storage c = _credentials[candidate][role];
        if (c.issuer != address(0) && !c.revoked) {
            c.revoked = true;
            emit CredentialRevoked(candidate, role, msg.sender, reason);
        }
        emit VouchChallenged(candidate, role, msg.sender, reason, count, slashed);
    }

    /// @notice Who has a vouch (pending or bonded) on `candidate` in `role`.
    /// @param candidate The candidate.
    /// @param role The role.
    /// @return The vouchers (at most MAX_VOUCHERS).
    function vouchersOf(address candidate, uint8 role) external view returns (address[] memory) {
        return _vouchers[candidate][role];
    }

    /// @notice Reads a vouch.
    /// @param candidate The candidate.
    /// @param role The role.
    /// @param voucher The voucher.
    /// @return points_ The MediPoints contract holding its deposit (zero when there is no such vouch).
    /// @return depositId The deposit's id there.
    /// @return amount The deposit's points.
    /// @return madeAt When the vouch was made.
    /// @return validUntil Until when it counts towards a credential.
    /// @return releasableAt From when the voucher may release it once bonded.
    /// @return bonded Whether it certified a credential.
    function getVouch(address candidate, uint8 role, address voucher)
        external
        view
        returns (
            address points_,
            uint256 depositId,
            uint256 amount,
            uint64 madeAt,
            uint64 validUntil,
            uint64 releasableAt,
            bool bonded
        )
    {
        Vouch storage v = _vouches[candidate][role][voucher];
        return (address(v.points), v.depositId, v.amount, v.madeAt, v.validUntil, v.releasableAt, v.bonded);
    }

    /// @notice How many live vouches (pending or bonded, not yet released or slashed) `voucher` has.
    /// @param voucher The voucher.
    /// @return The count.
    function liveVouchesOf(address voucher) external view returns (uint256) {
        return _liveVouches[voucher];
    }

    /// @notice Whether `account`'s credential for `role` was revoked or successfully challenged: vouching can never
    ///         certify it again (only an authority can, deliberately).
    /// @param account The account.
    /// @param role The role.
    /// @return True when final.
    function isFinal(address account, uint8 role) external view returns (bool) {
        return _final[account][role];
    }

    /// @notice Whether `account` holds a live credential for `role`: certified, not revoked, not expired.
    /// @param account The account.
    /// @param role The role.
    /// @return True when the credential is live.
    function hasRole(address account, uint8 role) public view returns (bool) {
        return _isLive(_credentials[account][role]);
    }

    /// @notice Reads a credential.
    /// @param account The account.
    /// @param role The role.
    /// @return issuer The certifying authority (this contract for a vouched one), or zero when there is none.
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

    /// @dev A live credential issued by an authority that is still appointed (never this contract).
    function _isAuthorityCertified(address account, uint8 role) private view returns (bool) {
        Credential storage c = _credentials[account][role];
        return _isLive(c) && _authorities[c.issuer];
    }

    function _isLive(Credential storage c) private view returns (bool) {
        return c.issuer != address(0) && !c.revoked && c.expiresAt > block.timestamp;
    }

    /// @dev Counts the unbonded vouches still inside their term whose voucher still holds a live, authority-issued
    ///      credential for the role, and the earliest end of those terms.
    function _freshVouches(mapping(address => Vouch) storage vouches, address[] storage vouchers, uint8 role)
        private
        view
        returns (uint256 count, uint64 expiresAt)
    {
        expiresAt = type(uint64).max;
        for (uint256 i = 0; i < vouchers.length; ++i) {
            Vouch storage v = vouches[vouchers[i]];
            if (!v.bonded && v.validUntil > block.timestamp && _isAuthorityCertified(vouchers[i], role)) {
                ++count;
                if (v.validUntil < expiresAt) expiresAt = v.validUntil;
            }
        }
    }

    function _removeVouch(address candidate, uint8 role, address voucher) private {
        delete _vouches[candidate][role][voucher];
        --_liveVouches[voucher];
        address[] storage vouchers = _vouchers[candidate][role];
        uint256 last = vouchers.length - 1;
        for (uint256 i = 0; i <= last; ++i) {
            if (vouchers[i] == voucher) {
                vouchers[i] = vouchers[last];
                vouchers.pop();
                return;
            }
        }
    }

    function _checkRole(uint8 role) private pure {
        if (role == 0 || role > INSURER) revert InvalidRole(role);
    }
}
