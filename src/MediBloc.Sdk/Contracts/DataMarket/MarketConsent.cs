using MediBloc.Sdk.Crypto;
using System.Numerics;

namespace MediBloc.Sdk.Contracts.DataMarket;

/// <summary>A consent read from the chain's <c>ConsentReserved</c> events: an entry handle and a payee, no patient, no record.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Handle">The consenting search-index entry's handle (0x-hex); its metadata is public in the index.</param>
/// <param name="Payee">Where the price goes when the key is released (a fresh address).</param>
/// <param name="BlockNumber">The block that holds the reservation.</param>
/// <param name="TransactionHash">The reservation's transaction hash (sent by a relayer, not by the patient).</param>
public sealed record MarketConsent(BigInteger RequestId, string Handle, EvmAddress Payee, long BlockNumber, string TransactionHash);
