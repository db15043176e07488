using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Outbox;

/// <summary>
/// A sealed record kept in the outbox until it is stored and anchored: what is needed to finish publishing it
/// after a crash, a node outage or a cancellation. The sealed envelope itself is kept beside it.
/// </summary>
/// <param name="Owner">The address of the account whose key anchors it: the record's owner, or for a
/// provider-authored record its author; the entry is listed under this address.</param>
/// <param name="Commitment">The record's salted commitment, 0x-hex (32 bytes); the entry's identity.</param>
/// <param name="ContentType">The record's content type.</param>
/// <param name="ChainId">The chain the record is to be anchored on.</param>
/// <param name="RegistryAddress">The record registry contract it is to be anchored in.</param>
/// <param name="EnvelopeLength">The sealed envelope's size in bytes.</param>
/// <param name="CreatedAt">When the record was sealed.</param>
/// <param name="WrittenFor">For a record a provider writes into a patient's record
/// (<see cref="Roles.Provider.ProviderClient.WriteRecordAsync"/>): the patient's address, its owner on chain; null otherwise.</param>
/// <param name="Purpose">For a provider-authored record: the purpose-of-use code of the write grant; null otherwise.</param>
public sealed record PendingRecord(
    EvmAddress Owner,
    Commitment Commitment,
    string ContentType,
    long ChainId,
    EvmAddress RegistryAddress,
    long EnvelopeLength,
    DateTimeOffset CreatedAt,
    EvmAddress? WrittenFor = null,
    string? Purpose = null);
