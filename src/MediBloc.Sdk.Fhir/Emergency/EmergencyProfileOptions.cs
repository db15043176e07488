namespace MediBloc.Sdk.Fhir;

/// <summary>Options for <see cref="EmergencyProfileBuilder"/>.</summary>
public class EmergencyProfileOptions
{
    /// <summary>The time the profile is made (Composition.date, Bundle.timestamp); the current time when null.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The profile's title (Composition.title).</summary>
    public string Title { get; set; } = "Emergency health profile";
}
