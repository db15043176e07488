namespace MediBloc.Sdk.Contracts.Studies;

/// <summary>A patient's participation in one study.</summary>
/// <param name="Status">None, enrolled or withdrawn.</param>
/// <param name="ConsentDigest">SHA-256 of the consent (0x-hex), or <see langword="null"/> when the patient never enrolled.</param>
public sealed record StudyParticipation(StudyParticipationStatus Status, string? ConsentDigest);
