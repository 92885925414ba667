// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ERC20
/// @notice A plain EIP-20 token for benchmarks. `transfer`, `transferFrom` and `approve` are standard;
/// `mint` is open to anyone so a benchmark can fund holders without a privileged account.
/// @dev Storage layout is relied on by the benchmark's pre-state builder (src/bench/erc20Storage.ts):
/// slot 0 balanceOf, slot 1 allowance, slot 2 totalSupply. Do not reorder.
contract ERC20 {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    uint256 public totalSupply;

    string public constant name = "Bench Token";
    string public constant symbol = "BENCH";
    uint8 public constant decimals = 18;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        // An infinite approval is not decremented (saves an SSTORE, as in OpenZeppelin).
        if (allowed != type(uint256).max) {
            require(allowed >= value, "ERC20: insufficient allowance");
            unchecked {
                allowance[from][msg.sender] = allowed - value;
            }
        }
        _transfer(from, to, value);
        return true;
    }

    function approve(address spender, uint256 value) external returns (bool) {
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    /// @notice Creates `value` tokens for `to`. Unrestricted: benchmark setup only.
    function mint(address to, uint256 value) external {
        totalSupply += value;
        unchecked {
            balanceOf[to] += value;
        }
        emit Transfer(address(0), to, value);
    }

    function _transfer(address from, address to, uint256 value) internal {
        require(to != address(0), "ERC20: transfer to the zero address");
        uint256 fromBalance = balanceOf[from];
        require(fromBalance >= value, "ERC20: transfer amount exceeds balance");
        unchecked {
            balanceOf[from] = fromBalance - value;
            // Cannot overflow: the sum of all balances is totalSupply, which fits in uint256.
            balanceOf[to] += value;
        }
        emit Transfer(from, to, value);
    }
}
