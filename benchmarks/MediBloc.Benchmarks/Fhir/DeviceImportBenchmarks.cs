using BenchmarkDotNet.Attributes;
using MediBloc.Sdk.Fhir;

namespace MediBloc.Benchmarks.Fhir;

/// <summary>
/// The device importers on the same 10 000 heart-rate readings (one a minute) in three formats: the SDK's own CSV
/// (the reference), Open mHealth JSON and an Apple Health XML export.
/// </summary>
[MemoryDiagnoser]
public class DeviceImportBenchmarks
{
    private const int Readings = 10_000;
    private string _csv = string.Empty;
    private byte[] _openMHealth = [];
    private byte[] _apple = [];

    /// <summary>Writes the three inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(2026, 11, 20, 7, 0, 0, TimeSpan.FromHours(1));
        var csv = new System.Text.StringBuilder("time,type,value,unit,device\n");
        var omh = new System.Text.StringBuilder("[");
        var apple = new System.Text.StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HealthData locale=\"en_US\">\n");
        for (var i = 0; i < Readings; i++)
        {
            var at = start.AddMinutes(i);
            var bpm = 55 + (i * 7 % 50);
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{at:yyyy-MM-ddTHH:mm:sszzz},heart_rate,{bpm},bpm,Watch\n");
            omh.Append(i == 0 ? "" : ",\n").Append(System.Globalization.CultureInfo.InvariantCulture,
                $"{{\"header\":{{\"schema_id\":{{\"namespace\":\"omh\",\"name\":\"heart-rate\",\"version\":\"2.0\"}}}},\"body\":{{\"heart_rate\":{{\"unit\":\"beats/min\",\"value\":{bpm}}},\"effective_time_frame\":{{\"date_time\":\"{at:yyyy-MM-ddTHH:mm:sszzz}\"}}}}}}");
            apple.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"<Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"Watch\" unit=\"count/min\" startDate=\"{at:yyyy-MM-dd HH:mm:ss} +0100\" endDate=\"{at:yyyy-MM-dd HH:mm:ss} +0100\" value=\"{bpm}\"/>\n");
        }
        _csv = csv.ToString();
        _openMHealth = System.Text.Encoding.UTF8.GetBytes(omh.Append(']').ToString());
        _apple = System.Text.Encoding.UTF8.GetBytes(apple.Append("</HealthData>\n").ToString());
        if (Csv() != Readings || OpenMHealth() != Readings || AppleHealth() != Readings)
        {
            throw new InvalidOperationException($"An importer did not read all {Readings} readings.");
        }
    }

    /// <summary>Reference: the SDK's CSV importer.</summary>
    [Benchmark(Baseline = true)]
    public int Csv() => DeviceReadingImporter.ReadCsv(_csv).Count;

    /// <summary>Open mHealth data points (JSON).</summary>
    [Benchmark]
    public int OpenMHealth() => OpenMHealthImporter.Read(_openMHealth).Count;

    /// <summary>Apple Health export (XML).</summary>
    [Benchmark]
    public int AppleHealth()
    {
        using var stream = new MemoryStream(_apple, writable: false);
        return AppleHealthImporter.Read(stream).Count;
    }
}
