namespace MediBloc.Sdk.Contracts.Credentials;

/// <summary>A certified role, as the <c>Credentials</c> contract numbers it.</summary>
public enum CredentialRole
{
    /// <summary>A healthcare provider.</summary>
    Provider = 1,

    /// <summary>An emergency provider, who may break the glass on a patient's vital-info profile.</summary>
    EmergencyProvider = 2,

    /// <summary>A researcher, who may post data-market requests.</summary>
    Researcher = 3,

    /// <summary>An insurer, who opens policy pools and pays claims in MED.</summary>
    Insurer = 4,
}
