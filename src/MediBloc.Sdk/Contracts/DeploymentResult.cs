using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts;

/// <summary>A deployed contract and the facts of the transaction that deployed it.</summary>
/// <param name="ContractAddress">The new contract's address.</param>
/// <param name="TransactionHash">The deployment transaction hash.</param>
/// <param name="BlockNumber">The block that holds the deployment.</param>
/// <param name="GasUsed">The gas the deployment used.</param>
public sealed record DeploymentResult(EvmAddress ContractAddress, string TransactionHash, long BlockNumber, long GasUsed)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
