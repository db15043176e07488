using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Records;

/// <summary>One record for <see cref="MediBloc.Sdk.Roles.Patient.PatientClient.PublishManyAsync"/>.</summary>
/// <param name="Content">The record's plaintext.</param>
/// <param name="ContentType">The record's content type (for example <c>application/fhir+json</c>).</param>
/// <param name="ShareWith">Public keys of the readers who may open it; the patient is always a recipient.</param>
public sealed record RecordToPublish(ReadOnlyMemory<byte> Content, string ContentType, IReadOnlyList<Secp256k1PublicKey>? ShareWith = null);
