using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Research;

/// <summary>A patient's consent to one data request for one record.</summary>
/// <param name="TransactionHash">The consent transaction's hash.</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="GasUsed">The gas the consent used.</param>
/// <param name="RequestId">The request.</param>
/// <param name="Commitment">The record (0x-hex commitment).</param>
/// <param name="KeyCid">The envelope re-wrapped to the researcher (named in the consent on chain).</param>
/// <param name="GrantId">The record-scoped <c>HRESCH</c> grant that lets the researcher open it audited; revoke it to stop further opens.</param>
public sealed record DataConsentResult(string TransactionHash, long BlockNumber, long GasUsed, BigInteger RequestId, string Commitment, string KeyCid, string GrantId)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
