using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Contracts.RecordRegistry;

/// <summary>A <c>BatchAuthored</c> event: a certified provider anchored a batch of records into a patient's record under the patient's write grant.</summary>
/// <param name="BatchId">The batch id, keccak256(abi.encode(owner, root)) (0x-hex, 32 bytes).</param>
/// <param name="Owner">The owner of the batch and of every record in it, the patient.</param>
/// <param name="Author">The provider that wrote and anchored it.</param>
/// <param name="PurposeId">keccak256 of the purpose-of-use code the write grant is for (0x-hex).</param>
/// <param name="TransactionHash">The anchoring transaction.</param>
/// <param name="BlockNumber">The block that holds it.</param>
public sealed record BatchAuthoredEvent(string BatchId, EvmAddress Owner, EvmAddress Author, string PurposeId, string TransactionHash, long BlockNumber);
