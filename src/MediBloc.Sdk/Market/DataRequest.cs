using System.Numerics;

namespace MediBloc.Sdk.Market;

/// <summary>A data-market request as the chain holds it.</summary>
/// <param name="RequestId">The request's id.</param>
/// <param name="Researcher">The researcher who posted it.</param>
/// <param name="Criteria">The criteria document's hash (32 bytes).</param>
/// <param name="PricePerRecord">MED paid per delivered record, in the smallest unit.</param>
/// <param name="MaxRecords">How many records at most.</param>
/// <param name="Deadline">Consents are accepted before this moment (chain time).</param>
/// <param name="Consented">How many records were consented.</param>
/// <param name="Delivered">How many deliveries were confirmed and paid.</param>
/// <param name="Escrow">The MED still in escrow, in the smallest unit.</param>
/// <param name="Cancelled">Whether the researcher cancelled it.</param>
/// <param name="Closed">Whether the escrow was refunded after the deadline.</param>
public sealed record DataRequest(
    BigInteger RequestId,
    string Researcher,
    ReadOnlyMemory<byte> Criteria,
    BigInteger PricePerRecord,
    int MaxRecords,
    DateTimeOffset Deadline,
    int Consented,
    int Delivered,
    BigInteger Escrow,
    bool Cancelled,
    bool Closed);
