// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {eip712Digest, recoverSigner} from "./Common.sol";
import {ICredentialsView} from "./Interfaces.sol";

/// @title Studies (clinical-trial recruitment)
/// @notice Certified researchers register clinical studies here: the SHA-256 of a public study document (a FHIR
///         ResearchStudy with its eligibility criteria, content-addressed off chain; it holds no PHI). Patients'
///         apps evaluate eligibility on the device and may say they are interested without saying who they are: an
///         interest is signed by a key the patient derives for that study alone, whose only trace is an opaque handle
///         (keccak256 of the key's address), and is sent through a relayer. The chain keeps per-study counts; the
///         events carry counts, never a handle or an address. A patient who enrols signs an enrolment (EIP-712,
///         bound to the study and a per-patient nonce) naming the hash of the consent; from then on the patient's
///         address is public for that study. The patient may withdraw at any time, also after the study closed.
/// @dev Study status: 1 open, 2 closed (final). Participation: 0 none, 1 enrolled, 2 withdrawn (final).
///      Interest: 0 none, 1 interested, 2 withdrawn (final for that handle).
contract Studies {
    struct Study {
        address researcher;
        uint64 postedAt;
        uint8 status;
        uint32 interested;
        uint32 enrolled;
        bytes32 documentDigest;
    }

    struct Participation {
        uint8 status;
        bytes32 consentDigest;
    }

    /// @notice The credentials role researchers hold.
    uint8 public constant RESEARCHER = 3;
    /// @notice A study that accepts interest and enrolments.
    uint8 public constant OPEN = 1;
    /// @notice A study its researcher closed (final): no new interest or enrolments; withdrawals still work.
    uint8 public constant CLOSED = 2;
    /// @notice A participant who enrolled.
    uint8 public constant ENROLLED = 1;
    /// @notice A participant who withdrew (final).
    uint8 public constant WITHDRAWN = 2;

    /// @notice keccak256 of the EIP-712 type a study-interest key signs.
    bytes32 public constant INTEREST_TYPEHASH = keccak256("StudyInterest(uint256 studyId,bytes32 handle,bool interested)");
    /// @notice keccak256 of the EIP-712 type a patient signs to enrol.
    bytes32 public constant ENROLMENT_TYPEHASH =
        keccak256("StudyEnrolment(uint256 studyId,address patient,bytes32 consentDigest,uint256 nonce)");
    /// @notice keccak256 of the EIP-712 type a patient signs to withdraw.
    bytes32 public constant WITHDRAWAL_TYPEHASH = keccak256("StudyWithdrawal(uint256 studyId,address patient,uint256 nonce)");

    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("MediBloc Studies");
    bytes32 private constant VERSION_HASH = keccak256("1");

    /// @notice The credentials contract that says who is a researcher.
    ICredentialsView public immutable credentials;

    /// @notice How many studies were posted; ids run from 1 to this.
    uint256 public studyCount;

    mapping(uint256 studyId => Study) private _studies;
    mapping(uint256 studyId => mapping(bytes32 handle => uint8)) private _interest;
    mapping(uint256 studyId => mapping(address patient => Participation)) private _participants;
    mapping(address patient => uint256) private _nonces;

    /// @notice The caller holds no live researcher credential.
    error NotResearcher(address caller);
    /// @notice The caller is not the study's researcher.
    error NotStudyResearcher(uint256 studyId, address caller);
    /// @notice No study has this id.
    error UnknownStudy(uint256 studyId);
    /// @notice The study is closed (interest and enrolments are refused).
    error StudyNotOpen(uint256 studyId);
    /// @notice The document digest is zero.
    error InvalidDocument();
    /// @notice The handle is not keccak256 of the signer's address.
    error NotInterestKey(bytes32 handle, address signer);
    /// @notice The handle already signalled (or withdrew) interest in this study.
    error InterestExists(uint256 studyId, bytes32 handle);
    /// @notice The handle has no live interest in this study.
    error NoInterest(uint256 studyId, bytes32 handle);
    /// @notice The signature is not the patient's over this study, this consent and the patient's current nonce.
    error NotPatient(address patient, address signer);
    /// @notice The patient enrolled in (or withdrew from) this study before.
    error AlreadyParticipating(uint256 studyId, address patient);
    /// @notice The patient is not enrolled in this study.
    error NotEnrolled(uint256 studyId, address patient);

    /// @notice A study was posted; its document's SHA-256 is `documentDigest`.
    event StudyPosted(uint256 indexed studyId, address indexed researcher, bytes32 documentDigest);
    /// @notice A study was closed.
    event StudyClosed(uint256 indexed studyId);
    /// @notice The number of live interests in a study changed. No handle and no address: counts only.
    event InterestCountChanged(uint256 indexed studyId, uint32 interested);
    /// @notice A patient enrolled, consenting under the document with SHA-256 `consentDigest`.
    event Enrolled(uint256 indexed studyId, address indexed patient, bytes32 consentDigest, uint32 enrolled);
    /// @notice A patient withdrew.
    event Withdrawn(uint256 indexed studyId, address indexed patient, uint32 enrolled);

    /// @param credentials_ The credentials contract.
    constructor(ICredentialsView credentials_) {
        credentials = credentials_;
    }

    /// @notice The EIP-712 domain separator (name "MediBloc Studies", version "1", this chain, this contract).
    /// @return The separator.
    function domainSeparator() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    /// @notice The digest a study-interest key signs.
    /// @param studyId The study.
    /// @param handle keccak256 of the interest key's address.
    /// @param interested True to signal interest, false to withdraw it.
    /// @return The EIP-712 digest.
    function hashInterest(uint256 studyId, bytes32 handle, bool interested) public view returns (bytes32) {
        return eip712Digest(domainSeparator(), keccak256(abi.encode(INTEREST_TYPEHASH, studyId, handle, interested)));
    }

    /// @notice The digest a patient signs to enrol.
    /// @param studyId The study.
    /// @param patient The patient.
    /// @param consentDigest SHA-256 of the consent document.
    /// @param nonce The patient's current nonce (`nonceOf`).
    /// @return The EIP-712 digest.
    function hashEnrolment(uint256 studyId, address patient, bytes32 consentDigest, uint256 nonce) public view returns (bytes32) {
        return eip712Digest(domainSeparator(), keccak256(abi.encode(ENROLMENT_TYPEHASH, studyId, patient, consentDigest, nonce)));
    }

    /// @notice The digest a patient signs to withdraw.
    /// @param studyId The study.
    /// @param patient The patient.
    /// @param nonce The patient's current nonce.
    /// @return The EIP-712 digest.
    function hashWithdrawal(uint256 studyId, address patient, uint256 nonce) public view returns (bytes32) {
        return eip712Digest(domainSeparator(), keccak256(abi.encode(WITHDRAWAL_TYPEHASH, studyId, patient, nonce)));
    }

    /// @notice Posts a study. Certified researchers only.
    /// @param documentDigest SHA-256 of the study document.
    /// @return studyId The new study's id.
    function postStudy(bytes32 documentDigest) external returns (uint256 studyId) {
        if (!credentials.hasRole(msg.sender, RESEARCHER)) revert NotResearcher(msg.sender);
        if (documentDigest == bytes32(0)) revert InvalidDocument();
        studyId = ++studyCount;
        _studies[studyId] = Study(msg.sender, uint64(block.timestamp), OPEN, 0, 0, documentDigest);
        emit StudyPosted(studyId, msg.sender, documentDigest);
    }

    /// @notice Closes a study for good. Its researcher only.
    /// @param studyId The study.
    function closeStudy(uint256 studyId) external {
        Study storage s = _open(studyId);
        if (s.researcher != msg.sender) revert NotStudyResearcher(studyId, msg.sender);
        s.status = CLOSED;
        emit StudyClosed(studyId);
    }

    /// @notice Counts one interest in an open study. Anyone may submit; the interest key's signature decides.
    /// @param studyId The study.
    /// @param handle keccak256 of the interest key's address.
    /// @param signature The interest key's signature over `hashInterest(studyId, handle, true)`.
    function signalInterest(uint256 studyId, bytes32 handle, bytes calldata signature) external {
        Study storage s = _open(studyId);
        if (_interest[studyId][handle] != 0) revert InterestExists(studyId, handle);
        _checkInterestKey(handle, hashInterest(studyId, handle, true), signature);
        _interest[studyId][handle] = 1;
        s.interested += 1;
        emit InterestCountChanged(studyId, s.interested);
    }

    /// @notice Takes an interest back (final for that handle). Anyone may submit; the interest key's signature decides.
    /// @param studyId The study.
    /// @param handle The interest's handle.
    /// @param signature The interest key's signature over `hashInterest(studyId, handle, false)`.
    function withdrawInterest(uint256 studyId, bytes32 handle, bytes calldata signature) external {
        Study storage s = _study(studyId);
        if (_interest[studyId][handle] != 1) revert NoInterest(studyId, handle);
        _checkInterestKey(handle, hashInterest(studyId, handle, false), signature);
        _interest[studyId][handle] = 2;
        s.interested -= 1;
        emit InterestCountChanged(studyId, s.interested);
    }

    /// @notice Enrols a patient in an open study. Anyone may submit; the patient's signature decides.
    /// @param studyId The study.
    /// @param patient The patient.
    /// @param consentDigest SHA-256 of the consent document the patient signed for.
    /// @param signature The patient's signature over `hashEnrolment(studyId, patient, consentDigest, nonceOf(patient))`.
    function enrol(uint256 studyId, address patient, bytes32 consentDigest, bytes calldata signature) external {
        Study storage s = _open(studyId);
        if (consentDigest == bytes32(0)) revert InvalidDocument();
        Participation storage p = _participants[studyId][patient];
        if (p.status != 0) revert AlreadyParticipating(studyId, patient);
        uint256 nonce = _nonces[patient];
        _checkPatient(patient, hashEnrolment(studyId, patient, consentDigest, nonce), signature);
        _nonces[patient] = nonce + 1;
        p.status = ENROLLED;
        p.consentDigest = consentDigest;
        s.enrolled += 1;
        emit Enrolled(studyId, patient, consentDigest, s.enrolled);
    }

    /// @notice Withdraws an enrolled patient (also from a closed study). Anyone may submit; the patient's signature decides.
    /// @param studyId The study.
    /// @param patient The patient.
    /// @param signature The patient's signature over `hashWithdrawal(studyId, patient, nonceOf(patient))`.
    function withdraw(uint256 studyId, address patient, bytes calldata signature) external {
        Study storage s = _study(studyId);
        Participation storage p = _participants[studyId][patient];
        if (p.status != ENROLLED) revert NotEnrolled(studyId, patient);
        uint256 nonce = _nonces[patient];
        _checkPatient(patient, hashWithdrawal(studyId, patient, nonce), signature);
        _nonces[patient] = nonce + 1;
        p.status = WITHDRAWN;
        s.enrolled -= 1;
        emit Withdrawn(studyId, patient, s.enrolled);
    }

    /// @notice Reads a study.
    /// @param studyId The study.
    /// @return researcher Who posted it (zero when unknown).
    /// @return postedAt When (block time).
    /// @return status 0 unknown, 1 open, 2 closed.
    /// @return interested Live interests.
    /// @return enrolled Enrolled, not withdrawn, participants.
    /// @return documentDigest SHA-256 of the study document.
    function getStudy(uint256 studyId)
        external
        view
        returns (address researcher, uint64 postedAt, uint8 status, uint32 interested, uint32 enrolled, bytes32 documentDigest)
    {
        Study storage s = _studies[studyId];
        return (s.researcher, s.postedAt, s.status, s.interested, s.enrolled, s.documentDigest);
    }

    /// @notice Reads a patient's participation in a study.
    /// @param studyId The study.
    /// @param patient The patient.
    /// @return status 0 none, 1 enrolled, 2 withdrawn.
    /// @return consentDigest SHA-256 of the consent document, or zero.
    function getParticipation(uint256 studyId, address patient) external view returns (uint8 status, bytes32 consentDigest) {
        Participation storage p = _participants[studyId][patient];
        return (p.status, p.consentDigest);
    }

    /// @notice Reads an interest's state.
    /// @param studyId The study.
    /// @param handle The interest's handle.
    /// @return 0 none, 1 interested, 2 withdrawn.
    function getInterest(uint256 studyId, bytes32 handle) external view returns (uint8) {
        return _interest[studyId][handle];
    }

    /// @notice The nonce a patient's next enrolment or withdrawal is signed with.
    /// @param patient The patient.
    /// @return The nonce.
    function nonceOf(address patient) external view returns (uint256) {
        return _nonces[patient];
    }

    function _study(uint256 studyId) private view returns (Study storage s) {
        s = _studies[studyId];
        if (s.status == 0) revert UnknownStudy(studyId);
    }

    function _open(uint256 studyId) private view returns (Study storage s) {
        s = _study(studyId);
        if (s.status != OPEN) revert StudyNotOpen(studyId);
    }

    function _checkInterestKey(bytes32 handle, bytes32 digest, bytes calldata signature) private pure {
        address signer = recoverSigner(digest, signature);
        if (keccak256(abi.encodePacked(signer)) != handle) revert NotInterestKey(handle, signer);
    }

    function _checkPatient(address patient, bytes32 digest, bytes calldata signature) private pure {
        address signer = recoverSigner(digest, signature);
        if (signer != patient) revert NotPatient(patient, signer);
    }
}
