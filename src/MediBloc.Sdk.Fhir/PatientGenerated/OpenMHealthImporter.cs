using System.Globalization;
using System.Text.Json;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// Reads Open mHealth data points (JSON, schemas of the <c>omh</c> namespace) into <see cref="DeviceReading"/>s.
/// </summary>
/// <remarks>
/// <para>Input: one data point, or a JSON array of them; each has a <c>header</c> whose <c>schema_id.name</c> names the
/// schema, and a <c>body</c> with the measure and its <c>effective_time_frame</c> (a <c>date_time</c>, or a
/// <c>time_interval</c> whose <c>end_date_time</c>, else <c>start_date_time</c>, is taken).
/// <c>header.acquisition_provenance.source_name</c> becomes the device. Schemas read:
/// <c>blood-pressure</c> (<c>systolic_blood_pressure</c>, <c>diastolic_blood_pressure</c> in mmHg),
/// <c>heart-rate</c> (<c>heart_rate</c>, beats/min), <c>step-count</c> (<c>step_count</c>, a number or a unit-value),
/// <c>blood-glucose</c> (<c>blood_glucose</c>, mg/dL or mmol/L), <c>body-weight</c> (<c>body_weight</c>, kg or lb) and
/// <c>body-temperature</c> (<c>body_temperature</c>, C or F).</para>
/// <para>Bounds: at most <see cref="MaxBytes"/> bytes, <see cref="MaxDataPoints"/> data points and a nesting depth of 32;
/// each data point is parsed on its own.</para>
/// </remarks>
public static class OpenMHealthImporter
{
    /// <summary>The largest export read, in bytes (64 MiB).</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    /// <summary>The most data points read from one export.</summary>
    public const int MaxDataPoints = 1_000_000;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 32 };

    /// <summary>Reads an Open mHealth export.</summary>
    /// <param name="json">One data point or an array of data points, UTF-8 JSON.</param>
    /// <returns>The readings, in file order.</returns>
    /// <exception cref="FhirFormatException">
    /// The export is malformed, too large or too deep, uses a schema or unit this reader does not map, or a data point
    /// lacks its measure or time. <see cref="FhirFormatException.JsonPath"/> names the element (for example
    /// <c>[3].body.heart_rate.value</c>) and the message gives the line and column where the data point starts (or, for
    /// malformed JSON, where it breaks). The message never contains a value.
    /// </exception>
    public static IReadOnlyList<DeviceReading> Read(ReadOnlyMemory<byte> json)
    {
        if (json.Length > MaxBytes)
        {
            throw new FhirFormatException($"$: the export is larger than {MaxBytes} bytes; split it.", "$");
        }
        var bytes = json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? json[3..] : json;
        var readings = new List<DeviceReading>();
        var reader = new Utf8JsonReader(bytes.Span, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                throw new FhirFormatException("$: the export is empty (line 1, column 1).", "$");
            }
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                readings.Add(ReadPoint(ref reader, bytes.Span, "$"));
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                var i = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (i == MaxDataPoints)
                    {
                        throw new FhirFormatException($"[{i}]: more than {MaxDataPoints} data points; split the export.", $"[{i}]");
                    }
                    var path = $"[{i++}]";
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw Error(path, "a data point is a JSON object", bytes.Span, reader.TokenStartIndex);
                    }
                    readings.Add(ReadPoint(ref reader, bytes.Span, path));
                }
            }
            else
            {
                throw Error("$", "an Open mHealth export is a data point or an array of data points", bytes.Span, reader.TokenStartIndex);
            }
            if (reader.Read())
            {
                throw Error("$", "text follows the export", bytes.Span, reader.TokenStartIndex);
            }
        }
        catch (JsonException ex)
        {
            throw new FhirFormatException(
                $"$: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", "$", ex);
        }
        return readings;
    }

    private static DeviceReading ReadPoint(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytes, string path)
    {
        var start = reader.TokenStartIndex;
        using var document = JsonDocument.ParseValue(ref reader);
        var point = document.RootElement;
        var prefix = path == "$" ? string.Empty : path;
        var schema = Text(Child(Child(Child(point, "header"), "schema_id"), "name"));
        if (schema is null)
        {
            throw Error($"{prefix}.header.schema_id.name", "missing; a data point names its schema", bytes, start);
        }
        var body = Child(point, "body") ?? throw Error($"{prefix}.body", "missing", bytes, start);
        var time = TimeOf(body, $"{prefix}.body.effective_time_frame", bytes, start);
        var device = Text(Child(Child(Child(point, "header"), "acquisition_provenance"), "source_name"));
        switch (schema)
        {
            case "blood-pressure":
                var (systolic, _) = Measure(body, "systolic_blood_pressure", prefix, bytes, start, "mmHg");
                var (diastolic, _) = Measure(body, "diastolic_blood_pressure", prefix, bytes, start, "mmHg");
                return new DeviceReading(DeviceReadingKind.BloodPressure, time, systolic, "mmHg", diastolic, device);
            case "heart-rate":
                var (rate, _) = Measure(body, "heart_rate", prefix, bytes, start, "beats/min");
                return new DeviceReading(DeviceReadingKind.HeartRate, time, rate, "beats/min", Device: device);
            case "step-count":
                var steps = Child(body, "step_count");
                var count = steps is { ValueKind: JsonValueKind.Number } ? Number(steps.Value, $"{prefix}.body.step_count", bytes, start)
                    : Measure(body, "step_count", prefix, bytes, start, "steps").Value;
                return new DeviceReading(DeviceReadingKind.Steps, time, count, "steps", Device: device);
            case "blood-glucose":
                var (glucose, glucoseUnit) = Measure(body, "blood_glucose", prefix, bytes, start, "mg/dL", "mmol/L");
                return new DeviceReading(DeviceReadingKind.Glucose, time, glucose, glucoseUnit, Device: device);
            case "body-weight":
                var (weight, weightUnit) = Measure(body, "body_weight", prefix, bytes, start, "kg", "lb");
                return new DeviceReading(DeviceReadingKind.BodyWeight, time, weight, weightUnit == "lb" ? "[lb_av]" : "kg", Device: device);
            case "body-temperature":
                var (temperature, temperatureUnit) = Measure(body, "body_temperature", prefix, bytes, start, "C", "F");
                return new DeviceReading(DeviceReadingKind.BodyTemperature, time, temperature, temperatureUnit == "F" ? "[degF]" : "Cel", Device: device);
            default:
                throw Error($"{prefix}.header.schema_id.name",
                    "not a schema this reader maps (blood-pressure, heart-rate, step-count, blood-glucose, body-weight, body-temperature)", bytes, start);
        }
    }

    private static (decimal Value, string Unit) Measure(JsonElement body, string name, string prefix, ReadOnlySpan<byte> bytes, long start, params string[] units)
    {
        var path = $"{prefix}.body.{name}";
        var measure = Child(body, name) ?? throw Error(path, "missing", bytes, start);
        var unit = Text(Child(measure, "unit"));
        if (unit is null || !units.Contains(unit, StringComparer.Ordinal))
        {
            throw Error($"{path}.unit", $"expected {string.Join(" or ", units)}", bytes, start);
        }
        var value = Child(measure, "value") ?? throw Error($"{path}.value", "missing", bytes, start);
        return (Number(value, $"{path}.value", bytes, start), unit);
    }

    private static DateTimeOffset TimeOf(JsonElement body, string path, ReadOnlySpan<byte> bytes, long start)
    {
        var frame = Child(body, "effective_time_frame") ?? throw Error(path, "missing", bytes, start);
        var interval = Child(frame, "time_interval");
        var text = Text(Child(frame, "date_time")) ?? Text(Child(interval, "end_date_time")) ?? Text(Child(interval, "start_date_time"));
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) && HasOffset(text)
            ? time
            : throw Error(path, "needs date_time or time_interval, an ISO 8601 time with an offset", bytes, start);
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static decimal Number(JsonElement value, string path, ReadOnlySpan<byte> bytes, long start) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && number >= 0
            ? number
            : throw Error(path, "not a non-negative number", bytes, start);

    private static JsonElement? Child(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var child) ? child : null;

    private static string? Text(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    private static FhirFormatException Error(string path, string what, ReadOnlySpan<byte> bytes, long offset)
    {
        var before = bytes[..(int)Math.Min(offset, bytes.Length)];
        var line = before.Count((byte)'\n') + 1;
        var column = before.Length - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return new FhirFormatException($"{path}: {what} (data point at line {line}, column {column}).", path);
    }
}
