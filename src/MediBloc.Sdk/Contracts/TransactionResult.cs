namespace MediBloc.Sdk.Contracts;

/// <summary>The on-chain facts of a mined transaction.</summary>
/// <param name="TransactionHash">The transaction hash (0x-hex).</param>
/// <param name="BlockNumber">The number of the block that holds the transaction.</param>
/// <param name="GasUsed">The gas the transaction used.</param>
public record TransactionResult(string TransactionHash, long BlockNumber, long GasUsed);
