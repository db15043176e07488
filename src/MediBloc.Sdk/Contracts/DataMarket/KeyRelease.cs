using MediBloc.Sdk.Crypto;
using System.Numerics;

namespace MediBloc.Sdk.Contracts.DataMarket;

/// <summary>A record key released to a request's researcher (a <c>KeyReleased</c> event): the payee was paid in the same transaction.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Handle">The consenting entry's handle (0x-hex).</param>
/// <param name="Payee">The address that was paid.</param>
/// <param name="Amount">The MED paid, in the smallest unit.</param>
/// <param name="KeyRef">The key reference, sealed to the researcher (opaque to everyone else).</param>
/// <param name="BlockNumber">The block that holds the release.</param>
/// <param name="TransactionHash">The release's transaction hash.</param>
public sealed record KeyRelease(BigInteger RequestId, string Handle, EvmAddress Payee, BigInteger Amount, ReadOnlyMemory<byte> KeyRef, long BlockNumber, string TransactionHash);
