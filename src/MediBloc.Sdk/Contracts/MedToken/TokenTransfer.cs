using MediBloc.Sdk.Crypto;
using System.Numerics;

namespace MediBloc.Sdk.Contracts.MedToken;

/// <summary>An ERC-20 <c>Transfer</c> event.</summary>
/// <param name="From">The sender (the zero address for the initial mint).</param>
/// <param name="To">The receiver.</param>
/// <param name="Value">The amount in the smallest unit (10⁻¹⁸ MED).</param>
/// <param name="TransactionHash">The transaction that emitted it.</param>
/// <param name="BlockNumber">The block that holds it.</param>
public sealed record TokenTransfer(EvmAddress From, EvmAddress To, BigInteger Value, string TransactionHash, long BlockNumber);
