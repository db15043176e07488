using System.Text;
using Hl7.Fhir.Model;

namespace MediBloc.Sdk.Fhir.Tests.PatientGenerated;

[Collection(ValidatorCollection.Name)]
public sealed class DeviceReadingTests(ValidatorFixture fixture)
{
    private static IReadOnlyList<DeviceReading> Csv() => DeviceReadingImporter.ReadCsv(File.ReadAllText(Path.Combine(TestFiles.Root, "devices", "readings.csv")));

    private static IReadOnlyList<DeviceReading> Json() => DeviceReadingImporter.ReadJson(TestFiles.Read("devices/readings.json"));

    [Fact]
    public void A_csv_export_reads_into_one_reading_per_line()
    {
        var readings = Csv();

        Assert.Equal([DeviceReadingKind.HeartRate, DeviceReadingKind.BloodPressure, DeviceReadingKind.Glucose, DeviceReadingKind.Steps], readings.Select(r => r.Kind));
        Assert.Equal(118m, readings[1].Value);
        Assert.Equal(76m, readings[1].Diastolic);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 7, 0, 0, TimeSpan.FromHours(1)), readings[0].Time);
        Assert.Equal("Wrist watch", readings[0].Device);
    }

    [Fact]
    public void A_json_export_reads_into_one_reading_per_element()
    {
        var readings = Json();

        Assert.Equal(4, readings.Count);
        Assert.Equal(71.5m, readings[0].Value);
        Assert.Equal((131m, 84m), (readings[1].Value, readings[1].Diastolic!.Value));
        Assert.Equal("mmol/L", readings[2].Unit);
    }

    [Fact]
    public void Every_observation_from_both_exports_validates_against_base_r4_and_its_vital_signs_profile()
    {
        var observations = DeviceObservationMapper.ToObservations(Csv().Concat(Json()), "Patient/example");

        Assert.Equal(8, observations.Count);
        foreach (var observation in observations)
        {
            var result = fixture.Validator.Validate(observation);
            Assert.True(result.IsValid, $"{observation.Code.Coding[0].Code}: " + string.Join("\n", result.Errors.Select(e => $"{e.Location}: {e.Message}")));
        }
    }

    [Fact]
    public void Observations_carry_loinc_codes_and_ucum_units()
    {
        var observations = DeviceObservationMapper.ToObservations(Csv().Concat(Json()), "Patient/example");

        Assert.Equal(["8867-4", "85354-9", "2339-0", "55423-8", "8867-4", "85354-9", "15074-8", "55423-8"], observations.Select(o => o.Code.Coding[0].Code));
        Assert.All(observations, o => Assert.Equal("http://loinc.org", o.Code.Coding[0].System));
        var heartRate = (Quantity)observations[0].Value!;
        Assert.Equal(("/min", "http://unitsofmeasure.org", 62m), (heartRate.Code, heartRate.System, heartRate.Value!.Value));
        var bp = observations[1];
        Assert.Equal(["8480-6", "8462-4"], bp.Component.Select(c => c.Code.Coding[0].Code));
        Assert.All(bp.Component, c => Assert.Equal("mm[Hg]", ((Quantity)c.Value!).Code));
        Assert.Equal("mmol/L", ((Quantity)observations[6].Value!).Code);
        Assert.Equal("{steps}", ((Quantity)observations[3].Value!).Code);
        Assert.All(observations, o => Assert.Equal("Patient/example", o.Subject!.Reference));
    }

    [Theory]
    [InlineData("time,type,value\nyesterday,heart_rate,60\n", "line[2].time")]
    [InlineData("time,type,value\n2026-11-20T07:00:00Z,temperature,37\n", "line[2].type")]
    [InlineData("time,type,value\n2026-11-20T07:00:00Z,heart_rate,sixty\n", "line[2].value")]
    [InlineData("time,type,value\n2026-11-20T07:00:00Z,blood_pressure,120\n", "line[2].value")]
    [InlineData("time,value\n2026-11-20T07:00:00Z,60\n", "line[1].type")]
    public void A_bad_csv_line_names_its_line_and_column(string csv, string path)
    {
        var ex = Assert.Throws<FhirFormatException>(() => DeviceReadingImporter.ReadCsv(csv));

        Assert.Equal(path, ex.JsonPath);
    }

    [Theory]
    [InlineData("{}", "$")]
    [InlineData("[1]", "[0]")]
    [InlineData("[{\"time\":\"2026-11-20T07:00:00Z\",\"type\":\"steps\"}]", "[0].value")]
    [InlineData("[{\"time\":\"2026-11-20T07:00:00Z\",\"type\":\"steps\",\"value\":-3}]", "[0].value")]
    [InlineData("[", "$")]
    public void A_bad_json_export_names_the_element(string json, string path)
    {
        var ex = Assert.Throws<FhirFormatException>(() => DeviceReadingImporter.ReadJson(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(path, ex.JsonPath);
    }

    [Fact]
    public void A_unit_that_does_not_fit_the_kind_is_refused()
    {
        var reading = new DeviceReading(DeviceReadingKind.HeartRate, DateTimeOffset.UnixEpoch, 60, "mmHg");

        var ex = Assert.Throws<FhirFormatException>(() => DeviceObservationMapper.ToObservations([reading], "Patient/example"));

        Assert.Equal("[0].unit", ex.JsonPath);
    }
}
