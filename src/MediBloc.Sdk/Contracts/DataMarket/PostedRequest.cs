using System.Numerics;

namespace MediBloc.Sdk.Contracts.DataMarket;

/// <summary>A request read from the chain's <c>RequestPosted</c> events.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="BlockNumber">The block that holds the post.</param>
/// <param name="TransactionHash">The post's transaction hash.</param>
public sealed record PostedRequest(BigInteger RequestId, long BlockNumber, string TransactionHash);
