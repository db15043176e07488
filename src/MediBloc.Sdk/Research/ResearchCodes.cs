using MediBloc.Sdk.Sharing;

namespace MediBloc.Sdk.Research;

/// <summary>Codes and constants of the research workflow.</summary>
public static class ResearchCodes
{
    /// <summary>The purpose-of-use researchers open consented records for (HL7 <c>HRESCH</c>, healthcare research); it shows in the patient's audit trail.</summary>
    public const string Purpose = "HRESCH";

    /// <summary>
    /// <see cref="MediBlocException.Code"/> of the <see cref="AccessDeniedException"/> a researcher gets for a record its owner did not consent
    /// to the request (beside <see cref="MediBloc.Sdk.Contracts.AccessGrants.AccessDenialCodes.NotCertified"/> and <see cref="MediBloc.Sdk.Contracts.AccessGrants.AccessDenialCodes.NotPermitted"/>).
    /// </summary>
    public static MediBlocErrorCode NotConsented { get; } = new("NotConsented");
}
