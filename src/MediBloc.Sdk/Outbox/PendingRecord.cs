namespace MediBloc.Sdk.Outbox;

/// <summary>
/// A sealed record kept in the outbox until it is stored and anchored: what is needed to finish publishing it
/// after a crash, a node outage or a cancellation. The sealed envelope itself is kept beside it.
/// </summary>
/// <param name="Owner">The owner's address (checksummed); only the owner's key can anchor it.</param>
/// <param name="Commitment">The record's salted commitment, 0x-hex (32 bytes); the entry's identity.</param>
/// <param name="ContentType">The record's content type.</param>
/// <param name="ChainId">The chain the record is to be anchored on.</param>
/// <param name="RegistryAddress">The record registry contract it is to be anchored in.</param>
/// <param name="EnvelopeLength">The sealed envelope's size in bytes.</param>
/// <param name="CreatedAt">When the record was sealed.</param>
public sealed record PendingRecord(
    string Owner,
    string Commitment,
    string ContentType,
    long ChainId,
    string RegistryAddress,
    long EnvelopeLength,
    DateTimeOffset CreatedAt);
