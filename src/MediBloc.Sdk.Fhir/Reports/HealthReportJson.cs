using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>
/// Writes a <see cref="HealthReport"/> as JSON: the stable shape <c>medibloc.health-report/1</c>.
/// </summary>
/// <remarks>
/// The shape: an object with <c>schema</c>, <c>asOf</c> (<c>yyyy-MM-dd</c>), <c>patient</c> {<c>resourceId</c>,
/// <c>birthDate</c>, <c>sex</c>, <c>age</c>}, <c>schedule</c>, <c>careGaps</c> [{<c>ruleId</c>, <c>title</c>,
/// <c>category</c>, <c>source</c>, <c>why</c>, <c>lastDone</c>, <c>lastDoneResourceId</c>, <c>dueSince</c>}],
/// <c>trends</c> [{<c>metric</c>, <c>title</c>, <c>loinc</c>, <c>unit</c>, <c>points</c> [{<c>date</c>, <c>value</c>,
/// <c>resourceId</c>}], <c>latest</c>, <c>direction</c> (<c>insufficient</c>, <c>stable</c>, <c>rising</c>,
/// <c>falling</c>)}], <c>activeConditions</c>, <c>activeMedications</c>, <c>allergies</c> [{<c>display</c>,
/// <c>system</c>, <c>code</c>, <c>since</c>, <c>resourceId</c>}] and <c>ignored</c> [{<c>resourceId</c>,
/// <c>reason</c>}]. Dates are <c>yyyy-MM-dd</c>, absent values are <c>null</c>, numbers are written as recorded. A
/// later version adds properties and changes <c>schema</c> only when it changes or removes one.
/// </remarks>
public static class HealthReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // A JSON file, not script inside HTML: apostrophes and non-ASCII text stay readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Writes the report as indented JSON.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string Serialize(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Options);
    }

    /// <summary>Writes the report as indented JSON, UTF-8.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static byte[] SerializeToUtf8Bytes(HealthReport report) => Encoding.UTF8.GetBytes(Serialize(report));
}
