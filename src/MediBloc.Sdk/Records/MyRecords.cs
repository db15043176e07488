namespace MediBloc.Sdk.Records;

/// <summary>
/// What <see cref="Roles.Patient.PatientClient.OpenReadableRecordsAsync"/> found: the records it opened and the ones it
/// could not (an envelope lost from every store, tampered with, malformed, or sealed without the owner's key).
/// </summary>
/// <param name="Opened">The records opened and verified, oldest first.</param>
/// <param name="Unreadable">The records listed on chain that could not be opened, oldest first.</param>
public sealed record MyRecords(IReadOnlyList<OpenedRecord> Opened, IReadOnlyList<UnreadableRecord> Unreadable);

/// <summary>One of the owner's anchored records that could not be opened, and why (no health data: the record was not read).</summary>
/// <param name="Cid">The content identifier as anchored on chain (text: it may not even parse).</param>
/// <param name="ContentType">The content type anchored with it.</param>
/// <param name="Code">The error's code: <see cref="MediBlocErrorCode.NotFound"/>, an integrity failure, a format error or <see cref="MediBlocErrorCode.NotARecipient"/>.</param>
/// <param name="Reason">The error's message.</param>
public sealed record UnreadableRecord(string Cid, string ContentType, MediBlocErrorCode Code, string Reason);
