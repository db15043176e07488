using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Contracts.MediPoints;

/// <summary>A mined purchase of MediPoints with MED.</summary>
/// <param name="TransactionHash">The purchase transaction (0x-hex).</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="GasUsed">The gas it used (the approval, if any, is not counted).</param>
/// <param name="Points">The points minted (one new lot, locked for 3 months).</param>
/// <param name="MedPaid">The MED paid, in the smallest unit.</param>
public sealed record PointsPurchase(string TransactionHash, long BlockNumber, long GasUsed, BigInteger Points, BigInteger MedPaid)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
