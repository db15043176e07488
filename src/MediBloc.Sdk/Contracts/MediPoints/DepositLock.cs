using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Contracts.MediPoints;

/// <summary>A mined <c>lockDeposit</c>.</summary>
/// <param name="TransactionHash">The transaction (0x-hex).</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="GasUsed">The gas it used.</param>
/// <param name="DepositId">The new deposit's id.</param>
/// <param name="Points">The points it holds.</param>
public sealed record DepositLock(string TransactionHash, long BlockNumber, long GasUsed, BigInteger DepositId, BigInteger Points)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
