using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Contracts.DataMarket;

/// <summary>A mined data-market request.</summary>
/// <param name="TransactionHash">The transaction hash (0x-hex).</param>
/// <param name="BlockNumber">The number of the block that holds the transaction.</param>
/// <param name="GasUsed">The gas the transaction used.</param>
/// <param name="RequestId">The new request's id.</param>
/// <param name="Escrow">The MED escrowed, in the smallest unit.</param>
public sealed record DataRequestPosted(string TransactionHash, long BlockNumber, long GasUsed, BigInteger RequestId, BigInteger Escrow)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
