using System.Numerics;

namespace MediBloc.Sdk.Market;

/// <summary>A consent read from the chain's <c>ConsentGiven</c> events.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Commitment">The consented record's record id (32 bytes): keccak256(abi.encode(patient, commitment)), see <see cref="Records.RecordRegistryClient.ComputeRecordId"/>.</param>
/// <param name="Patient">The consenting patient.</param>
/// <param name="KeyCid">Where the record key wrapped to the researcher is stored (empty when sent otherwise).</param>
/// <param name="BlockNumber">The block that holds the consent.</param>
/// <param name="TransactionHash">The consent's transaction hash.</param>
public sealed record MarketConsent(BigInteger RequestId, ReadOnlyMemory<byte> Commitment, string Patient, string KeyCid, long BlockNumber, string TransactionHash);
