namespace MediBloc.Sdk.Fhir;

/// <summary>One FHIR resource as it becomes (or came back from) one record: its exact bytes and its metadata.</summary>
/// <param name="Json">The resource's JSON exactly as received: the bytes to publish, never re-serialized.</param>
/// <param name="Metadata">The searchable facts read from it.</param>
/// <param name="EntryIndex">Its position in the bundle it came from, or -1 when it came alone.</param>
public sealed record FhirResourceRecord(ReadOnlyMemory<byte> Json, FhirResourceMetadata Metadata, int EntryIndex = -1);
