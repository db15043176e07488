// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRecordRegistryView, ICredentialsView} from "./Interfaces.sol";

/// @title EmergencyAccess
/// @notice Break-the-glass: a certified emergency provider may read a patient's vital-info profile record without
///         the patient's approval. Every such access is an event, so the patient always sees it afterwards.
/// @dev Protocol v2. Against a credentialed paramedic who snoops: one access per (paramedic, patient) per
///      `PATIENT_INTERVAL`, and at most `DAILY_CAP` accesses per paramedic per UTC day (`block.timestamp / 1 days`).
///      The pointer follows `supersededBy` (at most `MAX_SUPERSEDE_HOPS` versions), so the glass opens the newest
///      version of the profile. Events name the patient by `patientTag(owner)` (keccak256 of the address), not in
///      clear. A profile named with `setVitalProfileWithRelease` carries a key-release manifest: key-release services
///      release its key shares only to a certified provider whose `BreakTheGlass` event this contract emitted.
contract EmergencyAccess {
    /// @notice The emergency-provider role id in `Credentials`.
    uint8 public constant EMERGENCY_PROVIDER = 2;
    /// @notice The least time between two accesses of one paramedic to one patient.
    uint64 public constant PATIENT_INTERVAL = 1 hours;
    /// @notice The most accesses one paramedic makes in one UTC day, over all patients.
    uint32 public constant DAILY_CAP = 20;
    /// @notice How many newer versions the pointer follows at most (a longer chain stops at the last one reached).
    uint256 public constant MAX_SUPERSEDE_HOPS = 16;

    struct DayCount {
        uint64 day;
        uint32 count;
    }

    /// @notice The record registry.
    IRecordRegistryView public immutable registry;
    /// @notice The credential registry.
    ICredentialsView public immutable credentials;

    mapping(address owner => bytes32 recordId) private _vitalProfiles;
    mapping(bytes32 recordId => string manifestCid) private _releaseManifests;
    mapping(bytes32 pairKey => uint64 accessedAt) private _lastAccess;
    mapping(address provider => DayCount) private _days;

    /// @notice An address that must be set is zero.
    error ZeroAddress();
    /// @notice Only the record's owner may name it as their vital-info profile.
    error NotRecordOwner(bytes32 recordId, address caller);
    /// @notice The caller is not a certified emergency provider.
    error NotEmergencyProvider(address caller);
    /// @notice The patient has named no vital-info profile record.
    error NoVitalProfile(bytes32 patientTag);
    /// @notice A key-release manifest CID must be 1 to 128 bytes.
    error InvalidManifestCid();
    /// @notice A break-the-glass access must state a reason.
    error EmptyReason();
    /// @notice This paramedic opened this patient's glass less than `PATIENT_INTERVAL` ago; try again at `retryAt`.
    error PatientRateLimited(uint64 retryAt);
    /// @notice This paramedic reached `DAILY_CAP` accesses today; try again at `retryAt`.
    error DailyCapReached(uint32 cap, uint64 retryAt);

    /// @notice The patient whose tag is `patientTag` named `recordId` as their vital-info profile (zero clears it).
    event VitalProfileSet(bytes32 indexed patientTag, bytes32 recordId);
    /// @notice `provider` broke the glass on the vital-info profile of the patient whose tag is `patientTag`, for the
    ///         reason whose hash is `reason`.
    event BreakTheGlass(bytes32 indexed patientTag, address indexed provider, bytes32 reason, uint64 accessedAt);

    /// @param registry_ The record registry.
    /// @param credentials_ The credential registry.
    constructor(IRecordRegistryView registry_, ICredentialsView credentials_) {
        if (address(registry_) == address(0) || address(credentials_) == address(0)) revert ZeroAddress();
        registry = registry_;
        credentials = credentials_;
    }

    /// @notice The tag events use for a patient: keccak256(abi.encode(owner)).
    /// @param owner The patient.
    /// @return The tag.
    function patientTag(address owner) public pure returns (bytes32) {
        return keccak256(abi.encode(owner));
    }

    /// @notice Names the sender's vital-info profile record (one the sender owns), or clears it with zero. Its newer
    ///         versions are followed automatically.
    /// @param recordId The record's id, or zero.
    function setVitalProfile(bytes32 recordId) external {
        if (recordId != bytes32(0)) {
            (address owner,,,) = registry.getRecord(recordId);
            if (owner != msg.sender) revert NotRecordOwner(recordId, msg.sender);
        }
        _vitalProfiles[msg.sender] = recordId;
        emit VitalProfileSet(patientTag(msg.sender), recordId);
    }

    /// @notice Names the sender's vital-info profile record (one the sender owns, non-zero) together with its
    ///         key-release manifest: the content-store CID of the manifest whose shares, released by key-release
    ///         services only after an accepted `breakTheGlass`, open that record. The manifest stays bound to this
    ///         record id: a newer version of the record has none until it is named here too.
    /// @param recordId The record's id.
    /// @param manifestCid The manifest's CID (text, 1 to 128 bytes).
    function setVitalProfileWithRelease(bytes32 recordId, string calldata manifestCid) external {
        if (recordId == bytes32(0)) revert NotRecordOwner(recordId, msg.sender);
        (address owner,,,) = registry.getRecord(recordId);
        if (owner != msg.sender) revert NotRecordOwner(recordId, msg.sender);
        if (bytes(manifestCid).length == 0 || bytes(manifestCid).length > 128) revert InvalidManifestCid();
        _releaseManifests[recordId] = manifestCid;
        _vitalProfiles[msg.sender] = recordId;
        emit VitalProfileSet(patientTag(msg.sender), recordId);
    }

    /// @notice The key-release manifest of a patient's current vital-info profile record (the newest version).
    /// @param owner The patient.
    /// @return The manifest's CID, or empty when the profile has none (or none is named).
    function releaseManifestOf(address owner) external view returns (string memory) {
        bytes32 id = vitalProfileOf(owner);
        return id == bytes32(0) ? "" : _releaseManifests[id];
    }

    /// @notice The newest version of a patient's vital-info profile record.
    /// @param owner The patient.
    /// @return The record id, or zero when none is named.
    function vitalProfileOf(address owner) public view returns (bytes32) {
        bytes32 id = _vitalProfiles[owner];
        if (id == bytes32(0)) return id;
        for (uint256 i = 0; i < MAX_SUPERSEDE_HOPS; ++i) {
            (,,, bytes32 newer) = registry.getRecord(id);
            if (newer == bytes32(0)) break;
            (address newerOwner,,,) = registry.getRecord(newer);
            if (newerOwner != owner) break;
            id = newer;
        }
        return id;
    }

    /// @notice When `provider` may next break the glass on `owner` (zero when now), given both rate limits.
    /// @param provider The paramedic.
    /// @param owner The patient.
    /// @return The earliest time of the next access.
    function nextAccessAt(address provider, address owner) public view returns (uint64) {
        uint64 last = _lastAccess[_pairKey(provider, owner)];
        uint64 next = last == 0 ? 0 : last + PATIENT_INTERVAL;
        DayCount storage d = _days[provider];
        uint64 today = uint64(block.timestamp / 1 days);
        if (d.day == today && d.count >= DAILY_CAP) {
            uint64 tomorrow = (today + 1) * 1 days;
            if (tomorrow > next) next = tomorrow;
        }
        return next <= block.timestamp ? 0 : next;
    }

    /// @notice Breaks the glass: records that the sender, a certified emergency provider, accesses `owner`'s
    ///         vital-info profile now, and returns the newest version of that record. Rate-limited per patient and
    ///         per day.
    /// @param owner The patient.
    /// @param reason keccak256 of the stated reason (non-zero; the text stays off chain).
    /// @return recordId The newest version of the vital-info profile record.
    function breakTheGlass(address owner, bytes32 reason) external returns (bytes32 recordId) {
        if (!credentials.hasRole(msg.sender, EMERGENCY_PROVIDER)) revert NotEmergencyProvider(msg.sender);
        if (reason == bytes32(0)) revert EmptyReason();
        recordId = vitalProfileOf(owner);
        bytes32 tag = patientTag(owner);
        if (recordId == bytes32(0)) revert NoVitalProfile(tag);
        uint64 nowTs = uint64(block.timestamp);
        bytes32 pair = _pairKey(msg.sender, owner);
        uint64 last = _lastAccess[pair];
        if (last != 0 && last + PATIENT_INTERVAL > nowTs) revert PatientRateLimited(last + PATIENT_INTERVAL);
        DayCount storage d = _days[msg.sender];
        uint64 today = nowTs / 1 days;
        if (d.day != today) {
            d.day = today;
            d.count = 1;
        } else {
            if (d.count >= DAILY_CAP) revert DailyCapReached(DAILY_CAP, (today + 1) * 1 days);
            d.count += 1;
        }
        _lastAccess[pair] = nowTs;
        emit BreakTheGlass(tag, msg.sender, reason, nowTs);
    }

    function _pairKey(address provider, address owner) private pure returns (bytes32) {
        return keccak256(abi.encode(provider, owner));
    }
}
