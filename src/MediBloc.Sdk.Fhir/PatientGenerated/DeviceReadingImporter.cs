using System.Globalization;
using System.Text.Json;
using Sylvan.Data.Csv;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// Reads device exports (CSV or JSON) into <see cref="DeviceReading"/>s.
/// </summary>
/// <remarks>
/// CSV (RFC 4180, read with Sylvan.Data.Csv): a header line naming the columns <c>time</c>, <c>type</c>, <c>value</c>
/// and optionally <c>unit</c> and <c>device</c> (any order, comma-separated, fields optionally quoted); blood pressure is written <c>120/80</c>. JSON: an array
/// of objects with <c>time</c>, <c>type</c>, <c>value</c> (a number, or <c>"120/80"</c>, or <c>systolic</c> and
/// <c>diastolic</c>), optionally <c>unit</c> and <c>device</c>. Times are ISO 8601 with an offset; types are
/// <c>heart_rate</c>, <c>steps</c>, <c>blood_pressure</c>, <c>glucose</c>, <c>body_weight</c>, <c>body_temperature</c>. Open mHealth
/// JSON is read by <see cref="OpenMHealthImporter"/>, an Apple Health export by <see cref="AppleHealthImporter"/>.
/// </remarks>
public static class DeviceReadingImporter
{
    /// <summary>Reads a CSV export.</summary>
    /// <param name="csv">The CSV text (RFC 4180: fields may be quoted, holding commas, doubled quotes and line breaks;
    /// lines end in LF or CRLF; a leading byte-order mark is ignored).</param>
    /// <returns>The readings, in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="csv"/> is null.</exception>
    /// <exception cref="FhirFormatException">A column is missing, a row is malformed CSV (for example an unclosed quote), or a
    /// row cannot be read; the path names the row and column (for example <c>line[3].value</c>). Rows are counted as CSV
    /// records: the header is <c>line[1]</c> and blank lines count, but a line break inside quotes does not.</exception>
    public static IReadOnlyList<DeviceReading> ReadCsv(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var text = new StringReader(csv.StartsWith('\uFEFF') ? csv[1..] : csv);
        CsvDataReader reader;
        try
        {
            reader = CsvDataReader.Create(text, CsvOptions);
        }
        catch (CsvMissingHeadersException ex)
        {
            throw new FhirFormatException("line[1].time: the CSV has no header line; it must name the 'time' column.", "line[1].time", ex);
        }
        using var _ = reader;
        var header = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).Trim().ToUpperInvariant()).ToArray();
        int Column(string name, bool required)
        {
            var index = Array.IndexOf(header, name.ToUpperInvariant());
            if (index < 0 && required)
            {
                throw new FhirFormatException($"line[1].{name}: the CSV header has no '{name}' column.", $"line[1].{name}");
            }
            return index;
        }
        var (time, type, value, unit, device) = (Column("time", true), Column("type", true), Column("value", true), Column("unit", false), Column("device", false));
        var readings = new List<DeviceReading>();
        while (Read(reader, header))
        {
            var cells = Enumerable.Range(0, reader.RowFieldCount).Select(i => reader.GetString(i).Trim()).ToArray();
            if (cells.All(c => c.Length == 0))
            {
                continue;
            }
            var path = $"line[{reader.RowNumber + 1}]";
            string? Cell(int index) => index >= 0 && index < cells.Length && cells[index].Length > 0 ? cells[index] : null;
            readings.Add(Create(path, Cell(time), Cell(type), Cell(value), null, Cell(unit), Cell(device)));
        }
        return readings;
    }

    /// <summary>Reads a JSON export.</summary>
    /// <param name="json">The JSON, UTF-8.</param>
    /// <returns>The readings, in array order.</returns>
    /// <exception cref="FhirFormatException">The JSON is not an array of readings; the path names the element (for example <c>[3].value</c>).</exception>
    public static IReadOnlyList<DeviceReading> ReadJson(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FhirFormatException($"$: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", "$", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FhirFormatException("$: a device export is a JSON array of readings.", "$");
            }
            var readings = new List<DeviceReading>();
            var i = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                var path = $"[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new FhirFormatException($"{path}: a reading is a JSON object.", path);
                }
                string? Text(string name) => item.TryGetProperty(name, out var v)
                    ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null }
                    : null;
                var value = Text("value");
                var diastolic = Text("diastolic");
                if (value is null && Text("systolic") is { } systolic)
                {
                    value = systolic;
                }
                readings.Add(Create(path, Text("time"), Text("type"), value, diastolic, Text("unit"), Text("device")));
            }
            return readings;
        }
    }

    private static readonly CsvDataReaderOptions CsvOptions = new() { Delimiter = ',', HasHeaders = true };

    /// <summary>Reads the next row; malformed CSV is a <see cref="FhirFormatException"/> naming the row and column.</summary>
    private static bool Read(CsvDataReader reader, string[] header)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException ex)
        {
            var column = ex.FieldOrdinal >= 0 && ex.FieldOrdinal < header.Length ? "." + header[ex.FieldOrdinal].ToLowerInvariant() : string.Empty;
            var path = $"line[{ex.RowNumber + 1}]{column}";
            throw new FhirFormatException($"{path}: not valid CSV (a quoted field is not closed, or text follows its closing quote).", path, ex);
        }
    }

    private static DeviceReading Create(string path, string? time, string? type, string? value, string? diastolic, string? unit, string? device)
    {
        if (time is null || !DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when))
        {
            throw new FhirFormatException($"{path}.time: missing or not an ISO 8601 time.", $"{path}.time");
        }
        if (type is null)
        {
            throw new FhirFormatException($"{path}.type: missing.", $"{path}.type");
        }
        var kind = new DeviceReadingKind(type);
        if (kind != DeviceReadingKind.HeartRate && kind != DeviceReadingKind.Steps && kind != DeviceReadingKind.BloodPressure && kind != DeviceReadingKind.Glucose &&
            kind != DeviceReadingKind.BodyWeight && kind != DeviceReadingKind.BodyTemperature)
        {
            throw new FhirFormatException($"{path}.type: not one of heart_rate, steps, blood_pressure, glucose, body_weight, body_temperature.", $"{path}.type");
        }
        if (value is null)
        {
            throw new FhirFormatException($"{path}.value: missing.", $"{path}.value");
        }
        if (kind == DeviceReadingKind.BloodPressure && diastolic is null)
        {
            var parts = value.Split('/');
            if (parts.Length != 2)
            {
                throw new FhirFormatException($"{path}.value: blood pressure is written systolic/diastolic, for example 120/80.", $"{path}.value");
            }
            (value, diastolic) = (parts[0], parts[1]);
        }
        return new DeviceReading(kind, when, Number(path, value), unit, diastolic is null ? null : Number(path, diastolic), device);
    }

    private static decimal Number(string path, string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0
            ? d
            : throw new FhirFormatException($"{path}.value: not a non-negative number.", $"{path}.value");
}
