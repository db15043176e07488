using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.EmergencyAccess;

/// <summary>A <c>BreakTheGlass</c> audit event: an emergency provider accessed a patient's vital-info profile without approval.</summary>
/// <param name="Owner">The patient when the query named them; <see langword="null"/> otherwise (the event carries only <paramref name="PatientTag"/>).</param>
/// <param name="Provider">The emergency provider.</param>
/// <param name="ReasonHash">keccak256 of the stated reason (0x-hex).</param>
/// <param name="AccessedAt">The block time of the access.</param>
/// <param name="TransactionHash">The transaction that recorded it.</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="PatientTag">The patient's tag, keccak256(abi.encode(owner)) (<see cref="Contracts.AccessGrants.AccessGrantsClient.ComputePatientTag"/>).</param>
public sealed record BreakTheGlassEvent(EvmAddress? Owner, EvmAddress Provider, string ReasonHash, DateTimeOffset AccessedAt, string TransactionHash, long BlockNumber, string PatientTag);
