using System.Text;
using Hl7.Fhir.Model;

namespace MediBloc.Sdk.Fhir.Tests.PatientGenerated;

/// <summary>An Apple Health export.xml (TestData/devices/apple-health-export.xml, written after Apple's export layout, DTD included).</summary>
[Collection(ValidatorCollection.Name)]
public sealed class AppleHealthImporterTests(ValidatorFixture fixture)
{
    private static IReadOnlyList<DeviceReading> Export()
    {
        using var stream = File.OpenRead(Path.Combine(TestFiles.Root, "devices", "apple-health-export.xml"));
        return AppleHealthImporter.Read(stream);
    }

    private static IReadOnlyList<DeviceReading> Read(string xml) => AppleHealthImporter.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    [Fact]
    public void The_export_reads_its_quantity_records_and_one_blood_pressure_per_correlation()
    {
        var readings = Export();

        // Heart rate, steps, body mass, glucose, temperature; the systolic/diastolic records outside the correlation
        // repeat it and are skipped; active energy is not a mapped type.
        Assert.Equal(
            [DeviceReadingKind.HeartRate, DeviceReadingKind.Steps, DeviceReadingKind.BodyWeight, DeviceReadingKind.Glucose, DeviceReadingKind.BodyTemperature, DeviceReadingKind.BloodPressure],
            readings.Select(r => r.Kind));
        Assert.Equal((64m, new DateTimeOffset(2026, 11, 20, 7, 0, 30, TimeSpan.FromHours(1)), "Apple Watch"), (readings[0].Value, readings[0].Time, readings[0].Device!));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 5, 0, TimeSpan.FromHours(1)), readings[1].Time); // steps: at endDate
        Assert.Equal((121m, 79m), (readings[5].Value, readings[5].Diastolic!.Value));
    }

    [Fact]
    public void The_observations_validate_against_their_vital_signs_profiles()
    {
        var observations = DeviceObservationMapper.ToObservations(Export(), "Patient/example");

        Assert.Equal(["8867-4", "55423-8", "29463-7", "2339-0", "8310-5", "85354-9"], observations.Select(o => o.Code.Coding[0].Code));
        foreach (var observation in observations)
        {
            var result = fixture.Validator.Validate(observation);
            Assert.True(result.IsValid, $"{observation.Code.Coding[0].Code}: " + string.Join("\n", result.Errors.Select(e => $"{e.Location}: {e.Message}")));
        }
    }

    [Theory]
    [InlineData("<HealthData><Record", "line[1]", "line 1")]
    [InlineData("<HealthData>\n<Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"w\" unit=\"count/min\" startDate=\"2026-11-20 07:00:30 +0100\" endDate=\"x\" value=\"-1\"/></HealthData>", "line[2].value", "line 2, position 2")]
    [InlineData("<HealthData>\n<Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"w\" unit=\"bpm\" startDate=\"2026-11-20 07:00:30 +0100\" endDate=\"x\" value=\"60\"/></HealthData>", "line[2].unit", "line 2")]
    [InlineData("<HealthData>\n<Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"w\" unit=\"count/min\" startDate=\"yesterday\" endDate=\"x\" value=\"60\"/></HealthData>", "line[2].startDate", "line 2")]
    [InlineData("<HealthData>\n<Correlation type=\"HKCorrelationTypeIdentifierBloodPressure\" sourceName=\"c\" startDate=\"2026-11-20 07:00:00 +0100\" endDate=\"x\">\n<Record type=\"HKQuantityTypeIdentifierBloodPressureSystolic\" sourceName=\"c\" unit=\"mmHg\" startDate=\"2026-11-20 07:00:00 +0100\" endDate=\"x\" value=\"120\"/>\n</Correlation></HealthData>", "line[4].value", "line 4")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE HealthData [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><HealthData>&b;</HealthData>", "line[1]", "line 1")]
    public void Hostile_input_is_a_typed_error_with_line_and_position(string xml, string path, string where)
    {
        var error = Assert.Throws<FhirFormatException>(() => Read(xml));

        Assert.Equal(path, error.JsonPath);
        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_external_entity_is_never_resolved()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"medibloc-xxe-{Guid.NewGuid():N}");
        File.WriteAllText(secret, "leak");
        try
        {
            var xml = $"<?xml version=\"1.0\"?><!DOCTYPE HealthData [<!ENTITY x SYSTEM \"file://{secret}\">]><HealthData><Record type=\"&x;\"/></HealthData>";
            var error = Assert.Throws<FhirFormatException>(() => Read(xml));
            Assert.DoesNotContain("leak", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }
}
