namespace MediBloc.Sdk.Emergency;

/// <summary>A <c>BreakTheGlass</c> audit event: an emergency provider accessed a patient's vital-info profile without approval.</summary>
/// <param name="Owner">The patient.</param>
/// <param name="Provider">The emergency provider.</param>
/// <param name="Commitment">The vital-info profile record (0x-hex).</param>
/// <param name="ReasonHash">keccak256 of the stated reason (0x-hex).</param>
/// <param name="AccessedAt">The block time of the access.</param>
/// <param name="TransactionHash">The transaction that recorded it.</param>
/// <param name="BlockNumber">The block that holds it.</param>
public sealed record BreakTheGlassEvent(string Owner, string Provider, string Commitment, string ReasonHash, DateTimeOffset AccessedAt, string TransactionHash, long BlockNumber);
