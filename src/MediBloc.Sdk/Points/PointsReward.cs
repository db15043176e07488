using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Points;

/// <summary>A claimed record reward.</summary>
/// <param name="TransactionHash">The claim transaction (0x-hex).</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="GasUsed">The gas it used.</param>
/// <param name="Commitment">The rewarded record's commitment (0x-hex).</param>
/// <param name="Points">The points minted (the content type's rate at claim time).</param>
public sealed record PointsReward(string TransactionHash, long BlockNumber, long GasUsed, string Commitment, BigInteger Points)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
