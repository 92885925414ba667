// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title HashStore
/// @notice A keccak- and SSTORE-heavy workload: each `run` chains `rounds` keccak256 hashes from `seed`
/// and stores every link in a fresh slot, so each round pays a cold zero-to-nonzero SSTORE.
/// @dev Storage layout: slot 0 `links`. There is deliberately no shared counter: transactions with
/// distinct seeds touch disjoint slots and never conflict.
contract HashStore {
    mapping(bytes32 => bytes32) public links;

    event Stored(bytes32 indexed seed, bytes32 last);

    function run(bytes32 seed, uint256 rounds) external returns (bytes32 last) {
        last = seed;
        for (uint256 i = 0; i < rounds; ++i) {
            bytes32 next = keccak256(abi.encodePacked(last, i));
            links[last] = next;
            last = next;
        }
        emit Stored(seed, last);
    }
}
