using System.Globalization;
using System.Xml;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// Reads an Apple Health export (<c>export.xml</c>) into <see cref="DeviceReading"/>s, streaming with <see cref="XmlReader"/>.
/// </summary>
/// <remarks>
/// <para>Read: <c>Record</c> elements of type <c>HKQuantityTypeIdentifierHeartRate</c> (count/min),
/// <c>StepCount</c> (count, dated at <c>endDate</c>), <c>BloodGlucose</c> (mg/dL, or mmol/L written
/// <c>mmol&lt;180.15…&gt;/L</c>), <c>BodyMass</c> (kg, lb) and <c>BodyTemperature</c> (degC, degF), and
/// <c>Correlation</c> elements of type <c>HKCorrelationTypeIdentifierBloodPressure</c> with their systolic and
/// diastolic records. Other types are skipped (an export holds many), and so are systolic and diastolic records outside
/// a correlation (they repeat it). <c>sourceName</c> becomes the device; dates are Apple's
/// <c>yyyy-MM-dd HH:mm:ss ±hhmm</c>.</para>
/// <para>Safety: the document type declaration Apple writes is skipped, never processed (no entity expansion, no
/// external resolution); at most <see cref="MaxReadings"/> readings and <see cref="MaxCharacters"/> characters are read.</para>
/// </remarks>
public static class AppleHealthImporter
{
    /// <summary>The most readings read from one export.</summary>
    public const int MaxReadings = 5_000_000;

    /// <summary>The most characters read from one export (2 GiB of text).</summary>
    public const long MaxCharacters = 2L * 1024 * 1024 * 1024;

    private const string Prefix = "HKQuantityTypeIdentifier";

    /// <summary>Reads an export.</summary>
    /// <param name="xml">The <c>export.xml</c> stream.</param>
    /// <returns>The readings, in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xml"/> is null.</exception>
    /// <exception cref="FhirFormatException">The XML is malformed or too large, or a read record lacks its value, unit or
    /// date or has a unit this reader does not map. <see cref="FhirFormatException.JsonPath"/> names the element by line
    /// (for example <c>line[12].value</c>); the message gives its line and position and never a value.</exception>
    public static IReadOnlyList<DeviceReading> Read(Stream xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = MaxCharacters,
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        var readings = new List<DeviceReading>();
        using var reader = XmlReader.Create(xml, settings);
        var info = (IXmlLineInfo)reader;
        try
        {
            (decimal Value, string Device)? systolic = null, diastolic = null;
            var inPressure = false;
            DateTimeOffset pressureTime = default;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "Correlation" && inPressure)
                {
                    inPressure = false;
                    if (systolic is null || diastolic is null)
                    {
                        throw Error(info, "value", "a blood-pressure correlation needs a systolic and a diastolic record");
                    }
                    Add(readings, new DeviceReading(DeviceReadingKind.BloodPressure, pressureTime, systolic.Value.Value, "mmHg", diastolic.Value.Value, systolic.Value.Device), info);
                    continue;
                }
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (reader.LocalName == "Correlation" && reader.GetAttribute("type") == "HKCorrelationTypeIdentifierBloodPressure")
                {
                    inPressure = !reader.IsEmptyElement;
                    (systolic, diastolic) = (null, null);
                    pressureTime = Time(reader, info, "startDate");
                    continue;
                }
                if (reader.LocalName != "Record")
                {
                    continue;
                }
                var type = reader.GetAttribute("type") ?? throw Error(info, "type", "a Record needs a type");
                var device = reader.GetAttribute("sourceName");
                switch (type)
                {
                    case Prefix + "BloodPressureSystolic" when inPressure:
                        systolic = (Value(reader, info, "mmHg"), device ?? string.Empty);
                        break;
                    case Prefix + "BloodPressureDiastolic" when inPressure:
                        diastolic = (Value(reader, info, "mmHg"), device ?? string.Empty);
                        break;
                    case Prefix + "HeartRate":
                        Add(readings, new DeviceReading(DeviceReadingKind.HeartRate, Time(reader, info, "startDate"), Value(reader, info, "count/min"), "beats/min", Device: device), info);
                        break;
                    case Prefix + "StepCount":
                        Add(readings, new DeviceReading(DeviceReadingKind.Steps, Time(reader, info, "endDate"), Value(reader, info, "count"), "steps", Device: device), info);
                        break;
                    case Prefix + "BloodGlucose":
                        var molar = reader.GetAttribute("unit")?.StartsWith("mmol", StringComparison.Ordinal) == true;
                        var glucose = molar ? Value(reader, info, reader.GetAttribute("unit")!) : Value(reader, info, "mg/dL");
                        Add(readings, new DeviceReading(DeviceReadingKind.Glucose, Time(reader, info, "startDate"), glucose, molar ? "mmol/L" : "mg/dL", Device: device), info);
                        break;
                    case Prefix + "BodyMass":
                        var pounds = reader.GetAttribute("unit") == "lb";
                        var mass = Value(reader, info, pounds ? "lb" : "kg");
                        Add(readings, new DeviceReading(DeviceReadingKind.BodyWeight, Time(reader, info, "startDate"), mass, pounds ? "[lb_av]" : "kg", Device: device), info);
                        break;
                    case Prefix + "BodyTemperature":
                        var fahrenheit = reader.GetAttribute("unit") == "degF";
                        var degrees = Value(reader, info, fahrenheit ? "degF" : "degC");
                        Add(readings, new DeviceReading(DeviceReadingKind.BodyTemperature, Time(reader, info, "startDate"), degrees, fahrenheit ? "[degF]" : "Cel", Device: device), info);
                        break;
                }
            }
        }
        catch (XmlException ex)
        {
            var path = $"line[{ex.LineNumber}]";
            throw new FhirFormatException($"{path}: not well-formed or too large XML (line {ex.LineNumber}, position {ex.LinePosition}).", path, ex);
        }
        return readings;
    }

    private static void Add(List<DeviceReading> readings, DeviceReading reading, IXmlLineInfo info)
    {
        if (readings.Count == MaxReadings)
        {
            throw Error(info, "type", $"more than {MaxReadings} readings; split the export");
        }
        readings.Add(reading);
    }

    private static decimal Value(XmlReader reader, IXmlLineInfo info, string unit)
    {
        if (reader.GetAttribute("unit") != unit)
        {
            throw Error(info, "unit", $"expected {unit}");
        }
        return decimal.TryParse(reader.GetAttribute("value"), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw Error(info, "value", "missing or not a non-negative number");
    }

    private static DateTimeOffset Time(XmlReader reader, IXmlLineInfo info, string attribute)
    {
        var text = reader.GetAttribute(attribute);
        // Apple writes the offset without a colon (+0100); .NET's zzz wants one (+01:00).
        var withColon = text is { Length: 25 } && text[^5] is '+' or '-' ? text[..^2] + ":" + text[^2..] : null;
        return withColon is not null && DateTimeOffset.TryParseExact(withColon, "yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw Error(info, attribute, "missing or not a date (yyyy-MM-dd HH:mm:ss ±hhmm)");
    }

    private static FhirFormatException Error(IXmlLineInfo info, string attribute, string what)
    {
        var path = $"line[{info.LineNumber}].{attribute}";
        return new FhirFormatException($"{path}: {what} (line {info.LineNumber}, position {info.LinePosition}).", path);
    }
}
