// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRecordRegistryView, ICredentialsView} from "../Interfaces.sol";
import {AccessGrants} from "../AccessGrants.sol";

/// @dev A record registry with v2 record ids (keccak256(abi.encode(owner, commitment))) and supersede, for the
///      access and emergency suites.
contract MockRegistry is IRecordRegistryView {
    struct Rec {
        address owner;
        uint64 anchoredAt;
        bytes32 typeId;
        bytes32 supersededBy;
    }

    mapping(bytes32 => Rec) private _records;

    function anchor(address owner, bytes32 commitment, bytes32 typeId) external returns (bytes32 id) {
        id = keccak256(abi.encode(owner, commitment));
        _records[id] = Rec(owner, uint64(block.timestamp), typeId, bytes32(0));
    }

    function supersede(bytes32 previous, bytes32 newer) external {
        _records[previous].supersededBy = newer;
    }

    function getRecord(bytes32 recordId) external view returns (address, uint64, bytes32, bytes32) {
        Rec storage r = _records[recordId];
        return (r.owner, r.anchoredAt, r.typeId, r.supersededBy);
    }

    function getRecordParties(bytes32 recordId) external view returns (address, address, bytes32) {
        Rec storage r = _records[recordId];
        return (r.owner, address(0), r.typeId);
    }
}

/// @dev Credentials that answer `hasRole` from a table the test sets.
contract MockCredentials is ICredentialsView {
    mapping(address => mapping(uint8 => bool)) public roles;

    function setRole(address account, uint8 role, bool value) external {
        roles[account][role] = value;
    }

    function hasRole(address account, uint8 role) external view returns (bool) {
        return roles[account][role];
    }
}

/// @dev The log cheatcodes (forge-std's Vm.Log), declared here because TestBase does not need them.
interface VmLogs {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory);
}

/// @dev Signing helpers for grants.
library GrantSigning {
    function sign(AccessGrants grants, uint256 pk, AccessGrants.Grant memory g) internal view returns (bytes memory) {
        bytes32 digest = grants.hashGrant(g);
        (uint8 v, bytes32 r, bytes32 s) = _vm().sign(pk, digest);
        return abi.encodePacked(r, s, v);
    }

    function signWrite(AccessGrants grants, uint256 pk, AccessGrants.WriteGrant memory g)
        internal
        view
        returns (bytes memory)
    {
        bytes32 digest = grants.hashWriteGrant(g);
        (uint8 v, bytes32 r, bytes32 s) = _vm().sign(pk, digest);
        return abi.encodePacked(r, s, v);
    }

    function _vm() private pure returns (SignVm) {
        return SignVm(address(uint160(uint256(keccak256("hevm cheat code")))));
    }
}

interface SignVm {
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
}
