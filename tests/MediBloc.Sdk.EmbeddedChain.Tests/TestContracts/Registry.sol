// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// A small registry used to test the embedded chain: storage writes, events, custom errors,
/// revert strings, block values, transient storage, a child contract and a loop that can run out of gas.
contract Registry {
    error AlreadyAnchored(bytes32 id, address owner);
    error NotOwner(address caller);

    event Anchored(bytes32 indexed id, address indexed owner, uint256 value);
    event Updated(bytes32 indexed id, uint256 value);

    mapping(bytes32 => address) public ownerOf;
    mapping(bytes32 => uint256) public valueOf;
    uint256 public count;

    function anchor(bytes32 id, uint256 value) external {
        address existing = ownerOf[id];
        if (existing != address(0)) revert AlreadyAnchored(id, existing);
        ownerOf[id] = msg.sender;
        valueOf[id] = value;
        count++;
        emit Anchored(id, msg.sender, value);
    }

    function update(bytes32 id, uint256 value) external {
        if (ownerOf[id] != msg.sender) revert NotOwner(msg.sender);
        valueOf[id] = value;
        emit Updated(id, value);
    }

    function clear(bytes32 id) external {
        if (ownerOf[id] != msg.sender) revert NotOwner(msg.sender);
        delete ownerOf[id];
        delete valueOf[id];
    }

    function burn(uint256 rounds) external returns (uint256 x) {
        for (uint256 i; i < rounds; i++) {
            x ^= uint256(keccak256(abi.encode(i, x)));
        }
        valueOf[bytes32(0)] = x;
    }

    function fail(string calldata reason) external pure {
        revert(reason);
    }

    function now_() external view returns (uint256 timestamp, uint256 number, uint256 chainId) {
        return (block.timestamp, block.number, block.chainid);
    }

    function transient(uint256 v) external returns (uint256 before) {
        assembly {
            before := tload(0)
            tstore(0, v)
        }
    }

    function spawn() external returns (address) {
        return address(new Child(msg.sender));
    }

    receive() external payable {}
}

contract Child {
    address public immutable creator;

    constructor(address c) {
        creator = c;
    }
}
