using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.RecordRegistry;

/// <summary>A <c>RecordAuthored</c> event: a certified provider wrote a record into a patient's record under the patient's write grant.</summary>
/// <param name="RecordId">The record id, keccak256(abi.encode(owner, commitment)) (0x-hex, 32 bytes).</param>
/// <param name="Owner">The record's owner, the patient.</param>
/// <param name="Author">The provider that wrote it.</param>
/// <param name="PurposeId">keccak256 of the purpose-of-use code the write grant is for (0x-hex).</param>
/// <param name="TransactionHash">The anchoring transaction.</param>
/// <param name="BlockNumber">The block that holds it.</param>
public sealed record RecordAuthoredEvent(RecordId RecordId, EvmAddress Owner, EvmAddress Author, string PurposeId, string TransactionHash, long BlockNumber);
