using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>A grant put in force on chain.</summary>
/// <param name="GrantId">The grant's id (0x-hex).</param>
/// <param name="TransactionHash">The submitting transaction.</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="GasUsed">The gas it used.</param>
public sealed record GrantSubmitResult(string GrantId, string TransactionHash, long BlockNumber, long GasUsed)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
