using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Research;

/// <summary>A patient's consent to one data request for one record: a reserved place, signed by the record's entry key.</summary>
/// <param name="TransactionHash">The consent transaction's hash (sent by the relayer when one is configured).</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="GasUsed">The gas the consent used.</param>
/// <param name="RequestId">The request.</param>
/// <param name="Commitment">The record (0x-hex commitment): known to the patient only, never sent to the chain.</param>
/// <param name="Handle">The record's search-index handle the consent names.</param>
/// <param name="Payee">The fresh address the price goes to (see <see cref="Roles.Patient.PatientResearchClient.GetResearchPayeeKey"/>).</param>
public sealed record DataConsentResult(string TransactionHash, long BlockNumber, long GasUsed, BigInteger RequestId, Commitment Commitment, string Handle, EvmAddress Payee)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
