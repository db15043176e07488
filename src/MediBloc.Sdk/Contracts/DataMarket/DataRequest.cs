using MediBloc.Sdk.Crypto;
using System.Numerics;

namespace MediBloc.Sdk.Contracts.DataMarket;

/// <summary>A data-market request as the chain holds it.</summary>
/// <param name="RequestId">The request's id.</param>
/// <param name="Researcher">The researcher who posted it.</param>
/// <param name="Criteria">The criteria document's hash (32 bytes).</param>
/// <param name="PricePerRecord">MED paid per released record, in the smallest unit.</param>
/// <param name="MaxRecords">How many records at most.</param>
/// <param name="MaxPerSubmitter">How many consents one submitting account (relayer) may send to it.</param>
/// <param name="Deadline">Consents are accepted before this moment (chain time).</param>
/// <param name="Reserved">Places reserved by consents not yet released (pending or accepted).</param>
/// <param name="Released">Places whose key was released and paid.</param>
/// <param name="Refunded">Places whose escrow went back to the researcher.</param>
/// <param name="Escrow">The MED still in escrow, in the smallest unit.</param>
/// <param name="Cancelled">Whether the researcher cancelled it.</param>
public sealed record DataRequest(
    BigInteger RequestId,
    EvmAddress Researcher,
    ReadOnlyMemory<byte> Criteria,
    BigInteger PricePerRecord,
    int MaxRecords,
    int MaxPerSubmitter,
    DateTimeOffset Deadline,
    int Reserved,
    int Released,
    int Refunded,
    BigInteger Escrow,
    bool Cancelled)
{
    /// <summary>Places nobody holds: neither reserved, released nor refunded.</summary>
    public int FreePlaces => MaxRecords - Reserved - Released - Refunded;

    /// <summary>From this moment unreleased consents lapse: the deadline plus the review and release windows.</summary>
    public DateTimeOffset ReleaseBy => Deadline + DataMarketClient.ReviewWindow + DataMarketClient.ReleaseWindow;
}
