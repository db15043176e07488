// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TestBase} from "./TestBase.sol";
import {RecordRegistry} from "../RecordRegistry.sol";
import {IWriteConsents, ICredentialsView} from "../Interfaces.sol";
import {Admin2Step} from "../Common.sol";

/// @dev Write grants and credentials for the registry's provider authoring: every pair granted, a set of certified providers.
contract MockAuthoring is IWriteConsents, ICredentialsView {
    mapping(address => bool) public certified;
    mapping(address => mapping(address => bool)) public granted;

    function certify(address provider) external {
        certified[provider] = true;
    }

    function grant(address owner, address author) external {
        granted[owner][author] = true;
    }

    function canWrite(address owner, address author, bytes32, bytes32) external view returns (bool) {
        return granted[owner][author];
    }

    function hasRole(address account, uint8) external view returns (bool) {
        return certified[account];
    }
}

/// @dev Merkle trees over the registry's leaves, built the way the SDK builds them (pairs sorted, 0x01-prefixed).
abstract contract MerkleKit {
    function _pair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encodePacked(bytes1(0x01), a, b)) : keccak256(abi.encodePacked(bytes1(0x01), b, a));
    }
}

/// @dev Several actors anchor fresh and copied commitments, anchor batches (fresh and copied roots) and register
///      their records with real proofs, supersede, and write into each other's records; ghosts remember the first
///      owner of every id and the first `supersededBy` of every record.
contract RecordRegistryHandler is TestBase, MerkleKit {
    RecordRegistry public immutable registry;
    address[] public actors;
    address public immutable provider;

    string internal constant CID = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";
    string internal constant TYPE = "application/fhir+json";

    bytes32[] public commitments; // every commitment anyone anchored (copies come from here)
    bytes32[] public recordIds;
    mapping(bytes32 => address) public firstOwner;
    mapping(bytes32 => bytes32) public firstSupersededBy;
    bytes32[] public batchIds;
    mapping(bytes32 => address) public firstBatchOwner;

    struct Batch {
        bytes32 root;
        bytes32 c0;
        bytes32 c1;
    }

    Batch[] internal _batches;
    uint256 internal _nonce;

    constructor(RecordRegistry registry_, address[] memory actors_, address provider_) {
        registry = registry_;
        actors = actors_;
        provider = provider_;
    }

    function recordCount() external view returns (uint256) {
        return recordIds.length;
    }

    function batchCount() external view returns (uint256) {
        return batchIds.length;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function _fresh() internal returns (bytes32) {
        return keccak256(abi.encode("commitment", ++_nonce));
    }

    function _pick(uint256 seed) internal returns (bytes32) {
        return commitments.length == 0 || seed % 3 == 0 ? _fresh() : commitments[seed % commitments.length];
    }

    function _track(address owner, bytes32 commitment) internal {
        bytes32 id = registry.recordIdOf(owner, commitment);
        if (firstOwner[id] == address(0)) {
            firstOwner[id] = owner;
            recordIds.push(id);
        }
        commitments.push(commitment);
    }

    /// @dev Anchors a fresh commitment or a copy of one anyone anchored before.
    function anchor(uint256 actorSeed, uint256 commitmentSeed) external {
        address a = _actor(actorSeed);
        bytes32 c = _pick(commitmentSeed);
        vm.prank(a);
        try registry.anchor(c, CID, TYPE) {
            _track(a, c);
        } catch {}
    }

    /// @dev The provider writes a fresh or copied commitment into an actor's record (every actor granted it writes).
    function anchorFor(uint256 ownerSeed, uint256 commitmentSeed) external {
        address owner = _actor(ownerSeed);
        bytes32 c = _pick(commitmentSeed);
        vm.prank(provider);
        try registry.anchorFor(owner, c, CID, TYPE, keccak256("TREAT")) {
            _track(owner, c);
        } catch {}
    }

    /// @dev Supersedes one of the sender's records (or tries another's commitment) with a fresh or copied commitment.
    function supersede(uint256 actorSeed, uint256 previousSeed, uint256 commitmentSeed) external {
        if (commitments.length == 0) return;
        address a = _actor(actorSeed);
        bytes32 previous = commitments[previousSeed % commitments.length];
        bytes32 c = _pick(commitmentSeed);
        vm.prank(a);
        try registry.supersede(previous, c, CID, TYPE) {
            bytes32 previousId = registry.recordIdOf(a, previous);
            if (firstSupersededBy[previousId] == bytes32(0)) firstSupersededBy[previousId] = registry.recordIdOf(a, c);
            _track(a, c);
        } catch {}
    }

    /// @dev Anchors a two-leaf batch of fresh or copied commitments, or copies a root another actor anchored; one batch
    ///      in five the provider writes into the actor's record (`anchorBatchFor`).
    function anchorBatch(uint256 actorSeed, uint256 seed0, uint256 seed1, bool copyRoot) external {
        address a = _actor(actorSeed);
        Batch memory b;
        if (copyRoot && _batches.length > 0) {
            b = _batches[seed0 % _batches.length];
        } else {
            b.c0 = _pick(seed0);
            b.c1 = _pick(seed1);
            b.root = _pair(registry.leafHash(b.c0, CID, TYPE), registry.leafHash(b.c1, CID, TYPE));
        }
        bool ok;
        vm.prank(actorSeed % 5 == 4 ? provider : a);
        if (actorSeed % 5 == 4) {
            try registry.anchorBatchFor(a, b.root, 2, CID, keccak256("TREAT")) { ok = true; } catch {}
        } else {
            try registry.anchorBatch(b.root, 2, CID) { ok = true; } catch {}
        }
        if (ok) {
            bytes32 id = registry.batchIdOf(a, b.root);
            if (firstBatchOwner[id] == address(0)) {
                firstBatchOwner[id] = a;
                batchIds.push(id);
            }
            _batches.push(b);
        }
    }

    /// @dev Registers one leaf of a batch (the sender's own, or one anchored by another actor) with its real proof.
    function registerFromBatch(uint256 actorSeed, uint256 batchSeed, bool second) external {
        if (_batches.length == 0) return;
        address a = _actor(actorSeed);
        Batch memory b = _batches[batchSeed % _batches.length];
        bytes32[] memory proof = new bytes32[](1);
        proof[0] = registry.leafHash(second ? b.c0 : b.c1, CID, TYPE);
        bytes32 c = second ? b.c1 : b.c0;
        vm.prank(a);
        try registry.registerFromBatch(b.root, c, CID, TYPE, proof) {
            _track(a, c);
        } catch {}
    }

    /// @dev Registers a commitment from a one-leaf "batch" whose root is the leaf itself, with an empty proof.
    function oneLeafBatch(uint256 actorSeed, uint256 commitmentSeed) external {
        address a = _actor(actorSeed);
        bytes32 c = _pick(commitmentSeed);
        bytes32 root = registry.leafHash(c, CID, TYPE);
        vm.startPrank(a);
        try registry.anchorBatch(root, 1, CID) {
            bytes32 id = registry.batchIdOf(a, root);
            if (firstBatchOwner[id] == address(0)) {
                firstBatchOwner[id] = a;
                batchIds.push(id);
            }
        } catch {}
        try registry.registerFromBatch(root, c, CID, TYPE, new bytes32[](0)) {
            vm.stopPrank();
            _track(a, c);
        } catch {
            vm.stopPrank();
        }
    }
}

/// @notice Records and batches belong to the account whose anchor made them, forever; `supersededBy` never changes.
contract RecordRegistryInvariants is TestBase, MerkleKit {
    RecordRegistry internal registry;
    MockAuthoring internal authoring;
    RecordRegistryHandler internal handler;

    string internal constant CID = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";
    string internal constant TYPE = "application/fhir+json";

    address internal patient = vm.addr(0xA11CE);
    address internal watcher = vm.addr(0xBAD);
    address internal provider = vm.addr(0xD0C);

    function setUp() public {
        registry = new RecordRegistry();
        authoring = new MockAuthoring();
        registry.configureAuthoring(authoring, authoring);
        authoring.certify(provider);
        address[] memory actors = new address[](3);
        actors[0] = patient;
        actors[1] = watcher;
        actors[2] = vm.addr(0xCA7);
        for (uint256 i = 0; i < actors.length; ++i) authoring.grant(actors[i], provider);
        handler = new RecordRegistryHandler(registry, actors, provider);
        targetContract(address(handler));
    }

    function invariant_recordOwnershipNeverChangesHands() public view {
        uint256 n = handler.recordCount();
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = handler.recordIds(i);
            (address owner,,,) = registry.getRecord(id);
            assertEq(owner, handler.firstOwner(id), "a record changed hands");
        }
    }

    function invariant_batchOwnershipNeverChangesHands() public view {
        uint256 n = handler.batchCount();
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = handler.batchIds(i);
            (address owner,,) = registry.getBatch(id);
            assertEq(owner, handler.firstBatchOwner(id), "a batch changed hands");
        }
    }

    function invariant_supersededByNeverChanges() public view {
        uint256 n = handler.recordCount();
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = handler.recordIds(i);
            (,,, bytes32 supersededBy) = registry.getRecord(id);
            assertEq(supersededBy, handler.firstSupersededBy(id), "supersededBy changed");
        }
    }

    // ---- attacks 2-4 of issue 13, performed by a watcher with its own key ----

    /// @dev Attack 2: the watcher copies the patient's pending anchor and lands first.
    function test_attack_frontRunAnchor() public {
        bytes32 c = keccak256("patient record");
        vm.prank(watcher);
        registry.anchor(c, CID, TYPE);
        vm.prank(patient); // the patient's own transaction still succeeds
        registry.anchor(c, CID, TYPE);
        bytes32 mine = registry.recordIdOf(patient, c);
        (address owner,,,) = registry.getRecord(mine);
        assertEq(owner, patient, "the patient does not own their record");
        // The copy is the watcher's own id: superseding it leaves the patient's record alone.
        vm.prank(watcher);
        registry.supersede(c, keccak256("watcher v2"), CID, TYPE);
        (,,, bytes32 supersededBy) = registry.getRecord(mine);
        assertEq(supersededBy, bytes32(0), "the watcher superseded the patient's record");
        assertTrue(registry.recordIdOf(watcher, c) != mine, "the copy shares the patient's id");
    }

    /// @dev Attack 2: the watcher copies a provider's pending anchorFor (not certified, no write grant).
    function test_attack_frontRunAnchorFor() public {
        bytes32 c = keccak256("written record");
        authoring.grant(patient, provider);
        vm.prank(watcher);
        vm.expectRevert(abi.encodeWithSelector(RecordRegistry.AuthorNotCertified.selector, watcher));
        registry.anchorFor(patient, c, CID, TYPE, keccak256("TREAT"));
        vm.prank(provider);
        registry.anchorFor(patient, c, CID, TYPE, keccak256("TREAT"));
        (address owner, address author,) = registry.getRecordParties(registry.recordIdOf(patient, c));
        assertEq(owner, patient, "owner");
        assertEq(author, provider, "author");
    }

    /// @dev Attack 3: the watcher front-runs the root of a batch whose manifest is public, then registers its records.
    function test_attack_frontRunBatch() public {
        bytes32 c0 = keccak256("b0");
        bytes32 c1 = keccak256("b1");
        bytes32 l0 = registry.leafHash(c0, CID, TYPE);
        bytes32 l1 = registry.leafHash(c1, CID, TYPE);
        bytes32 root = _pair(l0, l1);
        bytes32[] memory proof = new bytes32[](1);
        proof[0] = l1;
        vm.startPrank(watcher);
        registry.anchorBatch(root, 2, CID);
        registry.registerFromBatch(root, c0, CID, TYPE, proof);
        vm.stopPrank();
        vm.startPrank(patient);
        registry.anchorBatch(root, 2, CID); // still succeeds
        registry.registerFromBatch(root, c0, CID, TYPE, proof);
        vm.stopPrank();
        (address batchOwner,,) = registry.getBatch(registry.batchIdOf(patient, root));
        assertEq(batchOwner, patient, "the patient does not own their batch");
        (address owner,,,) = registry.getRecord(registry.recordIdOf(patient, c0));
        assertEq(owner, patient, "the patient does not own their batch record");
        assertTrue(registry.verifyInBatch(patient, root, c1, CID, TYPE, _one(l0)), "the patient's proof fails");
    }

    /// @dev Attack 4: a one-leaf batch with an empty proof cannot take a record over, nor wipe its supersededBy.
    function test_attack_oneLeafBatchCannotReclaim() public {
        bytes32 c = keccak256("victim");
        vm.startPrank(patient);
        registry.anchor(c, CID, TYPE);
        registry.supersede(c, keccak256("victim v2"), CID, TYPE);
        vm.stopPrank();
        bytes32 id = registry.recordIdOf(patient, c);
        (,,, bytes32 before) = registry.getRecord(id);
        bytes32 root = registry.leafHash(c, CID, TYPE);
        vm.warp(block.timestamp + 1);
        vm.startPrank(watcher);
        registry.anchorBatch(root, 1, CID);
        registry.registerFromBatch(root, c, CID, TYPE, new bytes32[](0));
        vm.stopPrank();
        (address owner,,, bytes32 supersededBy) = registry.getRecord(id);
        assertEq(owner, patient, "the one-leaf batch took the record");
        assertEq(supersededBy, before, "supersededBy was wiped");
        // The patient's own registration of the same leaf is refused: a record id is registered once.
        vm.startPrank(patient);
        registry.anchorBatch(root, 1, CID);
        vm.expectRevert(abi.encodeWithSelector(RecordRegistry.AlreadyAnchored.selector, id));
        registry.registerFromBatch(root, c, CID, TYPE, new bytes32[](0));
        vm.stopPrank();
    }

    /// @dev Attack 4: two batches listing the same leaf cannot take the record from each other.
    function test_attack_twoBatchesSameLeaf() public {
        bytes32 c = keccak256("shared leaf");
        bytes32 leaf = registry.leafHash(c, CID, TYPE);
        bytes32 other = registry.leafHash(keccak256("other"), CID, TYPE);
        bytes32 rootA = _pair(leaf, other);
        bytes32 rootB = leaf;
        vm.startPrank(patient);
        registry.anchorBatch(rootA, 2, CID);
        registry.registerFromBatch(rootA, c, CID, TYPE, _one(other));
        registry.anchorBatch(rootB, 1, CID);
        vm.expectRevert(abi.encodeWithSelector(RecordRegistry.AlreadyAnchored.selector, registry.recordIdOf(patient, c)));
        registry.registerFromBatch(rootB, c, CID, TYPE, new bytes32[](0));
        vm.stopPrank();
        vm.startPrank(watcher);
        vm.expectRevert(abi.encodeWithSelector(RecordRegistry.BatchNotAnchored.selector, registry.batchIdOf(watcher, rootA)));
        registry.registerFromBatch(rootA, c, CID, TYPE, _one(other));
        vm.stopPrank();
        (address owner,,,) = registry.getRecord(registry.recordIdOf(patient, c));
        assertEq(owner, patient, "the record changed hands");
    }

    /// @dev 32-byte content-type ids: two types get distinct ids and indexes; the record returns the full id.
    function test_contentTypeIdsAreFull32Bytes() public {
        vm.startPrank(patient);
        registry.anchor(keccak256("x"), CID, "text/plain");
        registry.anchor(keccak256("y"), CID, TYPE);
        vm.stopPrank();
        (,, bytes32 typeId,) = registry.getRecord(registry.recordIdOf(patient, keccak256("x")));
        assertEq(typeId, keccak256("text/plain"), "content-type id");
        assertEq(registry.contentTypeIndexOf(keccak256("text/plain")), 1, "first index");
        assertEq(registry.contentTypeIndexOf(keccak256(bytes(TYPE))), 2, "second index");
    }

    /// @dev Admin moves in two steps; a stranger can neither take it nor configure authoring.
    function test_adminTwoStep() public {
        RecordRegistry fresh = new RecordRegistry();
        vm.prank(watcher);
        vm.expectRevert(abi.encodeWithSelector(Admin2Step.NotAdmin.selector, watcher));
        fresh.configureAuthoring(authoring, authoring);
        fresh.transferAdmin(patient);
        vm.prank(watcher);
        vm.expectRevert(abi.encodeWithSelector(Admin2Step.NotPendingAdmin.selector, watcher));
        fresh.acceptAdmin();
        vm.prank(patient);
        fresh.acceptAdmin();
        assertEq(fresh.admin(), patient, "admin");
    }

    function _one(bytes32 sibling) private pure returns (bytes32[] memory proof) {
        proof = new bytes32[](1);
        proof[0] = sibling;
    }
}
