using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Contracts.EmergencyAccess;

/// <summary>A recorded break-the-glass access.</summary>
/// <param name="RecordId">The newest version of the patient's vital-info profile record (0x-hex record id), to fetch and open.</param>
/// <param name="TransactionHash">The transaction that recorded the access.</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="GasUsed">The gas it used.</param>
public sealed record EmergencyAccessResult(RecordId RecordId, string TransactionHash, long BlockNumber, long GasUsed)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
