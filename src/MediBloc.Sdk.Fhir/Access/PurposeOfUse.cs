using MediBloc.Sdk.Contracts.AccessGrants;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// Purpose-of-use codes from HL7 v3 <c>ActReason</c> (<see cref="System"/>), as grants, reads and emergency access
/// carry them, and the lookup from the on-chain purpose id (keccak256 of the code) back to the code.
/// </summary>
public static class PurposeOfUse
{
    /// <summary>The code system: <c>http://terminology.hl7.org/CodeSystem/v3-ActReason</c>.</summary>
    public const string System = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /// <summary>Treatment.</summary>
    public const string Treatment = "TREAT";

    /// <summary>Emergency treatment.</summary>
    public const string EmergencyTreatment = "ETREAT";

    /// <summary>Break the glass: emergency access without the patient's approval.</summary>
    public const string BreakTheGlass = "BTG";

    /// <summary>Healthcare payment: an insurer reading the records a claim rests on.</summary>
    public const string Payment = "HPAYMT";

    /// <summary>Healthcare research.</summary>
    public const string Research = "HRESCH";

    private static readonly Dictionary<string, string> Displays = new(StringComparer.Ordinal)
    {
        [Treatment] = "treatment",
        [EmergencyTreatment] = "Emergency Treatment",
        [BreakTheGlass] = "break the glass",
        [Research] = "healthcare research",
        [Payment] = "healthcare payment",
        ["HOPERAT"] = "healthcare operations",
        ["PUBHLTH"] = "public health",
        ["PATRQT"] = "patient requested",
        ["FAMRQT"] = "family requested",
        ["PWATRNY"] = "power of attorney",
        ["CAREMGT"] = "care management",
        ["COVERAGE"] = "coverage under policy or program",
    };

    private static readonly Dictionary<string, string> ById =
        Displays.Keys.ToDictionary(code => AccessGrantsClient.ComputePurposeId(code), code => code, StringComparer.OrdinalIgnoreCase);

    /// <summary>The codes this table knows (each has a display text).</summary>
    public static IReadOnlyCollection<string> KnownCodes => Displays.Keys;

    /// <summary>The display text of a known code, or <see langword="null"/>.</summary>
    /// <param name="code">The ActReason code.</param>
    /// <returns>The display, or <see langword="null"/> for a code not in the table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    public static string? GetDisplay(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Displays.GetValueOrDefault(code);
    }

    /// <summary>Finds the code whose keccak256 is the on-chain purpose id.</summary>
    /// <param name="purposeId">The purpose id (0x-hex) from a grant or an audit event.</param>
    /// <returns>The code, or <see langword="null"/> when it is not one of <see cref="KnownCodes"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="purposeId"/> is null.</exception>
    public static string? FromPurposeId(string purposeId)
    {
        ArgumentNullException.ThrowIfNull(purposeId);
        return ById.GetValueOrDefault(purposeId);
    }
}
