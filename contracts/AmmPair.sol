// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IERC20Minimal {
    function balanceOf(address account) external view returns (uint256);
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/// @title AmmPair
/// @notice A constant-product pair in the style of Uniswap V2: reserves of two ERC20 tokens, a 0.3% fee
/// on input, and `swap` checking the fee-adjusted invariant k. `swapExactIn` pulls the input with
/// transferFrom and swaps in the same call, so one signed transaction performs a swap (no router).
/// @dev No LP shares: liquidity is provided by transferring tokens in and calling `sync`, which is
/// enough for benchmarks. Storage layout (relied on by the pre-state builder): slot 0 token0,
/// slot 1 token1, slot 2 reserve0 | reserve1 << 112 | blockTimestampLast << 224, slot 3 unlocked.
contract AmmPair {
    address public token0;
    address public token1;
    uint112 private reserve0;
    uint112 private reserve1;
    uint32 private blockTimestampLast;
    uint256 private unlocked = 1;

    event Swap(
        address indexed sender,
        uint256 amount0In,
        uint256 amount1In,
        uint256 amount0Out,
        uint256 amount1Out,
        address indexed to
    );
    event Sync(uint112 reserve0, uint112 reserve1);

    modifier lock() {
        require(unlocked == 1, "AmmPair: LOCKED");
        unlocked = 0;
        _;
        unlocked = 1;
    }

    constructor(address token0_, address token1_) {
        token0 = token0_;
        token1 = token1_;
    }

    function getReserves() public view returns (uint112, uint112, uint32) {
        return (reserve0, reserve1, blockTimestampLast);
    }

    /// @notice Output amount for `amountIn` against the given reserves after the 0.3% fee (Uniswap V2 formula).
    function getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) public pure returns (uint256) {
        require(amountIn > 0, "AmmPair: INSUFFICIENT_INPUT_AMOUNT");
        require(reserveIn > 0 && reserveOut > 0, "AmmPair: INSUFFICIENT_LIQUIDITY");
        uint256 amountInWithFee = amountIn * 997;
        return (amountInWithFee * reserveOut) / (reserveIn * 1000 + amountInWithFee);
    }

    /// @notice Sends out the requested amounts; the caller must already have paid in enough that the
    /// fee-adjusted product of balances does not fall below the product of reserves.
    function swap(uint256 amount0Out, uint256 amount1Out, address to) external lock {
        _swap(amount0Out, amount1Out, to);
    }

    /// @notice Pulls `amountIn` of `tokenIn` from the caller and swaps it for the other token, sent to `to`.
    function swapExactIn(address tokenIn, uint256 amountIn, uint256 amountOutMin, address to)
        external
        lock
        returns (uint256 amountOut)
    {
        bool zeroForOne = tokenIn == token0;
        require(zeroForOne || tokenIn == token1, "AmmPair: INVALID_TOKEN");
        (uint112 r0, uint112 r1,) = getReserves();
        amountOut = zeroForOne ? getAmountOut(amountIn, r0, r1) : getAmountOut(amountIn, r1, r0);
        require(amountOut >= amountOutMin, "AmmPair: INSUFFICIENT_OUTPUT_AMOUNT");
        require(IERC20Minimal(tokenIn).transferFrom(msg.sender, address(this), amountIn), "AmmPair: TRANSFER_FAILED");
        if (zeroForOne) _swap(0, amountOut, to);
        else _swap(amountOut, 0, to);
    }

    /// @notice Sets the reserves to the pair's token balances (how liquidity is added).
    function sync() external lock {
        _update(IERC20Minimal(token0).balanceOf(address(this)), IERC20Minimal(token1).balanceOf(address(this)));
    }

    function _swap(uint256 amount0Out, uint256 amount1Out, address to) private {
        require(amount0Out > 0 || amount1Out > 0, "AmmPair: INSUFFICIENT_OUTPUT_AMOUNT");
        (uint112 r0, uint112 r1,) = getReserves();
        require(amount0Out < r0 && amount1Out < r1, "AmmPair: INSUFFICIENT_LIQUIDITY");
        uint256 balance0;
        uint256 balance1;
        {
            // Scoped so the token addresses leave the stack before the invariant check (stack depth).
            address t0 = token0;
            address t1 = token1;
            require(to != t0 && to != t1, "AmmPair: INVALID_TO");
            if (amount0Out > 0) _safeTransfer(t0, to, amount0Out);
            if (amount1Out > 0) _safeTransfer(t1, to, amount1Out);
            balance0 = IERC20Minimal(t0).balanceOf(address(this));
            balance1 = IERC20Minimal(t1).balanceOf(address(this));
        }
        uint256 amount0In = balance0 > r0 - amount0Out ? balance0 - (r0 - amount0Out) : 0;
        uint256 amount1In = balance1 > r1 - amount1Out ? balance1 - (r1 - amount1Out) : 0;
        require(amount0In > 0 || amount1In > 0, "AmmPair: INSUFFICIENT_INPUT_AMOUNT");
        _checkInvariant(balance0, balance1, amount0In, amount1In, r0, r1);
        _update(balance0, balance1);
        emit Swap(msg.sender, amount0In, amount1In, amount0Out, amount1Out, to);
    }

    /// @dev k after the 0.3% fee on input must not fall below k of the reserves.
    function _checkInvariant(
        uint256 balance0,
        uint256 balance1,
        uint256 amount0In,
        uint256 amount1In,
        uint112 r0,
        uint112 r1
    ) private pure {
        uint256 balance0Adjusted = balance0 * 1000 - amount0In * 3;
        uint256 balance1Adjusted = balance1 * 1000 - amount1In * 3;
        require(balance0Adjusted * balance1Adjusted >= uint256(r0) * uint256(r1) * 1000 ** 2, "AmmPair: K");
    }

    function _update(uint256 balance0, uint256 balance1) private {
        require(balance0 <= type(uint112).max && balance1 <= type(uint112).max, "AmmPair: OVERFLOW");
        reserve0 = uint112(balance0);
        reserve1 = uint112(balance1);
        blockTimestampLast = uint32(block.timestamp);
        emit Sync(reserve0, reserve1);
    }

    function _safeTransfer(address token, address to, uint256 value) private {
        (bool success, bytes memory data) =
            token.call(abi.encodeWithSelector(IERC20Minimal.transfer.selector, to, value));
        require(success && (data.length == 0 || abi.decode(data, (bool))), "AmmPair: TRANSFER_FAILED");
    }
}
