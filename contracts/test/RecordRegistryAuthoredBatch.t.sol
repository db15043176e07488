// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TestBase} from "./TestBase.sol";
import {MockAuthoring, MerkleKit} from "./RecordRegistry.inv.t.sol";
import {RecordRegistry} from "../RecordRegistry.sol";

/// @dev Provider-authored batches (`anchorBatchFor`): the patient owns the batch, only a certified provider holding the
///      patient's write grant can anchor it, and nobody can take it over by copying the pending root.
contract RecordRegistryAuthoredBatchTest is TestBase, MerkleKit {
    RecordRegistry internal registry;
    MockAuthoring internal authoring;

    string internal constant CID = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";
    string internal constant TYPE = "application/fhir+json";
    bytes32 internal constant TREAT = keccak256("TREAT");

    address internal patient = vm.addr(0xA11CE);
    address internal watcher = vm.addr(0xBAD);
    address internal provider = vm.addr(0xD0C);

    function setUp() public {
        registry = new RecordRegistry();
        authoring = new MockAuthoring();
        registry.configureAuthoring(authoring, authoring);
        authoring.certify(provider);
    }

    function _root() internal view returns (bytes32 root, bytes32 l1) {
        bytes32 l0 = registry.leafHash(keccak256("a0"), CID, TYPE);
        l1 = registry.leafHash(keccak256("a1"), CID, TYPE);
        root = _pair(l0, l1);
    }

    function test_anchorBatchFor_needsCredentialAndGrant_andThePatientOwnsTheBatch() public {
        (bytes32 root, bytes32 l1) = _root();
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(RecordRegistry.NoWriteConsent.selector, patient, provider, bytes32(0), TREAT));
        registry.anchorBatchFor(patient, root, 2, CID, TREAT);
        authoring.grant(patient, watcher);
        vm.prank(watcher);
        vm.expectRevert(abi.encodeWithSelector(RecordRegistry.AuthorNotCertified.selector, watcher));
        registry.anchorBatchFor(patient, root, 2, CID, TREAT);

        authoring.grant(patient, provider);
        vm.prank(provider);
        registry.anchorBatchFor(patient, root, 2, CID, TREAT);
        (address owner,, uint32 count) = registry.getBatch(registry.batchIdOf(patient, root));
        assertEq(owner, patient, "owner");
        assertEq(count, 2, "count");
        (address none,,) = registry.getBatch(registry.batchIdOf(provider, root));
        assertEq(none, address(0), "the provider owns no batch");

        // The patient registers a record of it on its own; the provider cannot anchor the root again.
        bytes32[] memory proof = new bytes32[](1);
        proof[0] = l1;
        vm.prank(patient);
        registry.registerFromBatch(root, keccak256("a0"), CID, TYPE, proof);
        (address recordOwner,,,) = registry.getRecord(registry.recordIdOf(patient, keccak256("a0")));
        assertEq(recordOwner, patient, "record owner");
        bytes32 batchId = registry.batchIdOf(patient, root);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(RecordRegistry.BatchAlreadyAnchored.selector, batchId));
        registry.anchorBatchFor(patient, root, 2, CID, TREAT);
    }

    /// @dev A watcher copying a provider's pending root gets a batch of its own id only.
    function test_attack_frontRunAnchorBatchFor() public {
        (bytes32 root,) = _root();
        authoring.grant(patient, provider);
        vm.prank(watcher);
        registry.anchorBatch(root, 2, CID);
        vm.prank(provider);
        registry.anchorBatchFor(patient, root, 2, CID, TREAT);
        (address owner,,) = registry.getBatch(registry.batchIdOf(patient, root));
        (address copier,,) = registry.getBatch(registry.batchIdOf(watcher, root));
        assertEq(owner, patient, "patient's batch");
        assertEq(copier, watcher, "copier's own id");
    }
}
