using Nethereum.EVM;
using Nethereum.EVM.BlockchainState;

namespace MediBloc.Sdk.EmbeddedChain.Execution;

/// <summary>The result of one execution and the state it would leave behind.</summary>
internal sealed record EvmOutcome(TransactionExecutionResult Result, ExecutionStateService State, string? ContractAddress);
