using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Contracts.MediPoints;

/// <summary>A mined conversion of MediPoints back to MED.</summary>
/// <param name="TransactionHash">The transaction (0x-hex).</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="GasUsed">The gas it used.</param>
/// <param name="Points">The points converted (taken from the oldest unlocked lots).</param>
/// <param name="MedReceived">The MED received, in the smallest unit.</param>
public sealed record PointsConversion(string TransactionHash, long BlockNumber, long GasUsed, BigInteger Points, BigInteger MedReceived)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
