using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Contracts.DataMarket;

/// <summary>A mined market transaction that moved MED out of escrow: a payment to a patient or a refund to the researcher.</summary>
/// <param name="TransactionHash">The transaction hash (0x-hex).</param>
/// <param name="BlockNumber">The number of the block that holds the transaction.</param>
/// <param name="GasUsed">The gas the transaction used.</param>
/// <param name="Amount">The MED moved, in the smallest unit (zero when nothing was left).</param>
public sealed record EscrowPayment(string TransactionHash, long BlockNumber, long GasUsed, BigInteger Amount)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
