// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TestBase} from "./TestBase.sol";
import {MedToken} from "../MedToken.sol";

/// @dev Drives MedToken with transfers, approvals and transferFroms among a few holders.
contract MedTokenHandler is TestBase {
    MedToken public immutable token;
    address[] public holders;

    constructor(MedToken token_, address[] memory holders_) {
        token = token_;
        holders = holders_;
    }

    function transfer(uint256 from, uint256 to, uint256 value) external {
        address a = holders[from % holders.length];
        address b = holders[to % holders.length];
        value = bound(value, 0, token.balanceOf(a));
        vm.prank(a);
        token.transfer(b, value);
    }

    function approveAndTransferFrom(uint256 owner, uint256 spender, uint256 to, uint256 value) external {
        address o = holders[owner % holders.length];
        address s = holders[spender % holders.length];
        address t = holders[to % holders.length];
        value = bound(value, 0, token.balanceOf(o));
        vm.prank(o);
        token.approve(s, value);
        vm.prank(s);
        token.transferFrom(o, t, value);
        assertEq(token.allowance(o, s), 0, "allowance not spent");
    }
}

/// @notice MED is conserved: the holders' balances always add up to the fixed total supply.
contract MedTokenInvariants is TestBase {
    MedToken private token;
    MedTokenHandler private handler;
    address[] private holders;

    function setUp() public {
        for (uint256 i = 1; i <= 4; ++i) holders.push(vm.addr(i));
        token = new MedToken(1_000_000 ether);
        for (uint256 i = 0; i < holders.length; ++i) token.transfer(holders[i], 250_000 ether);
        handler = new MedTokenHandler(token, holders);
        targetContract(address(handler));
    }

    function invariant_supplyIsConserved() public view {
        uint256 sum;
        for (uint256 i = 0; i < holders.length; ++i) sum += token.balanceOf(holders[i]);
        assertEq(sum + token.balanceOf(address(this)), token.totalSupply(), "balances != totalSupply");
    }
}
