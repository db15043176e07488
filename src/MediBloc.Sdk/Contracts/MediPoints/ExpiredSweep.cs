using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Contracts.MediPoints;

/// <summary>A mined <c>sweepExpired</c>: the MED behind expired points went to the treasury.</summary>
/// <param name="TransactionHash">The transaction (0x-hex).</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="GasUsed">The gas it used.</param>
/// <param name="Points">The expired points swept.</param>
/// <param name="MedAmount">The MED sent to the treasury, in the smallest unit.</param>
/// <param name="Complete"><see langword="true"/> when every expired week is swept; otherwise call again.</param>
public sealed record ExpiredSweep(string TransactionHash, long BlockNumber, long GasUsed, BigInteger Points, BigInteger MedAmount, bool Complete)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
