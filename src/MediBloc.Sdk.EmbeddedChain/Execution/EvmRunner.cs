using System.Numerics;
using MediBloc.Sdk.EmbeddedChain.State;
using Nethereum.EVM;
using Nethereum.EVM.BlockchainState;
using Nethereum.Util;

namespace MediBloc.Sdk.EmbeddedChain.Execution;

/// <summary>
/// Runs one transaction with Nethereum.EVM's <see cref="TransactionExecutor"/> on a fresh
/// <see cref="ExecutionStateService"/> over the committed state, so every transaction starts cold
/// (EIP-2929 warm sets and EIP-1153 transient storage empty), as on a real node.
/// </summary>
internal sealed class EvmRunner
{
    private readonly TransactionExecutor _executor;

    public EvmRunner(HardforkConfig config) => _executor = new TransactionExecutor(config);

    public async Task<EvmOutcome> RunAsync(WorldState world, TransactionRequest tx, BlockEnvironment block, bool callMode)
    {
        var execution = new ExecutionStateService(world);
        var sender = execution.CreateOrGetAccountExecutionState(tx.From);
        sender.Balance.SetInitialChainBalance(world.GetBalance(tx.From));
        sender.Nonce = callMode ? world.GetNonce(tx.From) : tx.Nonce;
        sender.Code = world.GetCode(tx.From);
        string target = tx.To ?? ContractUtils.CalculateContractAddress(tx.From, sender.Nonce.Value);
        await execution.LoadBalanceNonceAndCodeFromStorageAsync(target).ConfigureAwait(false);

        var ctx = new TransactionExecutionContext
        {
            Mode = callMode ? ExecutionMode.Call : ExecutionMode.Transaction,
            Sender = tx.From,
            To = tx.To,
            Data = tx.Data,
            GasLimit = tx.GasLimit,
            Value = tx.Value,
            GasPrice = tx.GasPrice,
            MaxFeePerGas = tx.MaxFeePerGas,
            MaxPriorityFeePerGas = tx.MaxPriorityFeePerGas,
            Nonce = sender.Nonce.Value,
            IsEip1559 = tx.IsEip1559,
            AccessList = tx.AccessList,
            IsContractCreation = tx.To is null,
            BlockNumber = block.Number,
            Timestamp = block.Timestamp,
            Coinbase = block.Coinbase,
            BaseFee = callMode ? BigInteger.Zero : block.BaseFee,
            BlockGasLimit = block.GasLimit,
            ChainId = block.ChainId,
            Difficulty = BigInteger.Zero,
            ExecutionState = execution,
        };
        var result = await _executor.ExecuteAsync(ctx).ConfigureAwait(false);
        if (!result.Success && !result.IsValidationError && result.Error is not null && result.GasUsed < tx.GasLimit
            && result.ProgramResult is null && result.ReturnData is null)
        {
            // An exceptional halt (out of gas, invalid opcode, stack error) consumes all the gas given.
            result.GasUsed = tx.GasLimit;
        }
        return new EvmOutcome(result, execution, tx.To is null && result.Success ? Addresses.Normalize(target) : null);
    }
}
