using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>A <c>RecordRead</c> audit event: who read which record, when and why.</summary>
/// <param name="RecordId">The record read (0x-hex record id).</param>
/// <param name="Owner">The record's owner when the query named it; <see langword="null"/> otherwise (the event carries only <paramref name="PatientTag"/>).</param>
/// <param name="Reader">Who read it.</param>
/// <param name="PurposeId">keccak256 of the purpose code (0x-hex); compare with <see cref="AccessGrantsClient.ComputePurposeId"/>.</param>
/// <param name="ReadAt">The block time of the logged read.</param>
/// <param name="TransactionHash">The transaction that logged it.</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="PatientTag">The owner's tag (<see cref="AccessGrantsClient.ComputePatientTag"/>).</param>
public sealed record RecordReadEvent(RecordId RecordId, EvmAddress? Owner, EvmAddress Reader, string PurposeId, DateTimeOffset ReadAt, string TransactionHash, long BlockNumber, string PatientTag);
