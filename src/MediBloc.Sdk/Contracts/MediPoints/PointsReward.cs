using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Contracts.MediPoints;

/// <summary>A claimed record reward (the author of a provider-authored record claims it).</summary>
/// <param name="TransactionHash">The claim transaction (0x-hex).</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="GasUsed">The gas it used.</param>
/// <param name="RecordId">The rewarded record's id (0x-hex).</param>
/// <param name="Points">The points minted (the content type's rate at claim time), backed by MED reserved from the reward pool.</param>
public sealed record PointsReward(string TransactionHash, long BlockNumber, long GasUsed, RecordId RecordId, BigInteger Points)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
