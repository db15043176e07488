using System.Text;
using Hl7.Fhir.Model;

namespace MediBloc.Sdk.Fhir.Tests.PatientGenerated;

/// <summary>Open mHealth data points (TestData/devices/open-mhealth.json, written after the omh schemas' examples) into Observations.</summary>
[Collection(ValidatorCollection.Name)]
public sealed class OpenMHealthImporterTests(ValidatorFixture fixture)
{
    private static IReadOnlyList<DeviceReading> Export() => OpenMHealthImporter.Read(TestFiles.Read("devices/open-mhealth.json"));

    [Fact]
    public void Every_schema_in_the_export_reads_into_one_reading()
    {
        var readings = Export();

        Assert.Equal(
            [DeviceReadingKind.BloodPressure, DeviceReadingKind.HeartRate, DeviceReadingKind.Steps, DeviceReadingKind.Glucose, DeviceReadingKind.BodyWeight, DeviceReadingKind.BodyTemperature],
            readings.Select(r => r.Kind));
        Assert.Equal((128m, 82m, "Upper-arm cuff"), (readings[0].Value, readings[0].Diastolic!.Value, readings[0].Device!));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 7, 0, 0, TimeSpan.FromHours(1)), readings[0].Time);
        // A step count over a time interval is dated at the interval's end.
        Assert.Equal((8412m, new DateTimeOffset(2026, 11, 20, 23, 59, 59, TimeSpan.FromHours(1))), (readings[2].Value, readings[2].Time));
        Assert.Equal((5.4m, "mmol/L"), (readings[3].Value, readings[3].Unit!));
        Assert.Equal((37.2m, "Cel"), (readings[5].Value, readings[5].Unit!));
    }

    [Fact]
    public void The_observations_carry_loinc_and_ucum_and_validate_against_their_vital_signs_profiles()
    {
        var observations = DeviceObservationMapper.ToObservations(Export(), "Patient/example");

        Assert.Equal(["85354-9", "8867-4", "55423-8", "15074-8", "29463-7", "8310-5"], observations.Select(o => o.Code.Coding[0].Code));
        Assert.Equal(("kg", 81.3m), (((Quantity)observations[4].Value!).Code, ((Quantity)observations[4].Value!).Value!.Value));
        Assert.Equal("Cel", ((Quantity)observations[5].Value!).Code);
        foreach (var observation in observations)
        {
            var result = fixture.Validator.Validate(observation);
            Assert.True(result.IsValid, $"{observation.Code.Coding[0].Code}: " + string.Join("\n", result.Errors.Select(e => $"{e.Location}: {e.Message}")));
        }
    }

    [Fact]
    public void An_export_file_becomes_observations_ready_to_publish()
    {
        var path = Path.Combine(TestFiles.Root, "devices", "open-mhealth.json");

        #region Snippet:DeviceExportOpenMHealth
        // An Open mHealth export (blood pressure, heart rate, steps, glucose, weight, temperature) → FHIR Observations.
        IReadOnlyList<DeviceReading> readings = OpenMHealthImporter.Read(File.ReadAllBytes(path));
        IReadOnlyList<Observation> observations = DeviceObservationMapper.ToObservations(readings, "Patient/example");
        #endregion

        Assert.Equal(6, observations.Count);
        Assert.All(observations, o => Assert.Equal(ObservationStatus.Final, o.Status));
    }

    [Fact]
    public void A_single_data_point_and_pounds_and_fahrenheit_read_too()
    {
        var weight = OpenMHealthImporter.Read(Encoding.UTF8.GetBytes("""
            {"header":{"schema_id":{"namespace":"omh","name":"body-weight","version":"1.0"}},
             "body":{"body_weight":{"unit":"lb","value":180},"effective_time_frame":{"date_time":"2026-11-20T07:08:00Z"}}}
            """));
        var temperature = OpenMHealthImporter.Read(Encoding.UTF8.GetBytes("""
            [{"header":{"schema_id":{"namespace":"omh","name":"body-temperature","version":"2.0"}},
             "body":{"body_temperature":{"unit":"F","value":99.1},"effective_time_frame":{"date_time":"2026-11-20T07:08:00-05:00"}}}]
            """));

        var observations = DeviceObservationMapper.ToObservations([.. weight, .. temperature], "Patient/example");

        Assert.Equal("[lb_av]", ((Quantity)observations[0].Value!).Code);
        Assert.Equal("[degF]", ((Quantity)observations[1].Value!).Code);
        Assert.All(observations, o => Assert.True(fixture.Validator.Validate(o).IsValid));
    }

    [Theory]
    [InlineData("", "$", "line 1")]
    [InlineData("[{\"header\":", "$", "line 1")]
    [InlineData("42", "$", "line 1, column 1")]
    [InlineData("[1]", "[0]", "line 1, column 2")]
    [InlineData("[{}]", "[0].header.schema_id.name", "line 1, column 2")]
    [InlineData("[{\"header\":{\"schema_id\":{\"name\":\"sleep-duration\"}},\"body\":{\"effective_time_frame\":{\"date_time\":\"2026-01-01T00:00:00Z\"}}}]", "[0].header.schema_id.name", "column 2")]
    [InlineData("[\n {\"header\":{\"schema_id\":{\"name\":\"heart-rate\"}},\"body\":{\"heart_rate\":{\"unit\":\"beats/min\",\"value\":60},\"effective_time_frame\":{\"date_time\":\"2026-01-01T00:00:00Z\"}}},\n {\"header\":{\"schema_id\":{\"name\":\"heart-rate\"}},\"body\":{\"heart_rate\":{\"unit\":\"beats/min\",\"value\":-60},\"effective_time_frame\":{\"date_time\":\"2026-01-01T00:00:00Z\"}}}]", "[1].body.heart_rate.value", "line 3, column 2")]
    [InlineData("[{\"header\":{\"schema_id\":{\"name\":\"heart-rate\"}},\"body\":{\"heart_rate\":{\"unit\":\"bpm\",\"value\":60},\"effective_time_frame\":{\"date_time\":\"2026-01-01T00:00:00Z\"}}}]", "[0].body.heart_rate.unit", "line 1")]
    [InlineData("[{\"header\":{\"schema_id\":{\"name\":\"heart-rate\"}},\"body\":{\"heart_rate\":{\"unit\":\"beats/min\",\"value\":60},\"effective_time_frame\":{\"date_time\":\"2026-01-01T00:00:00\"}}}]", "[0].body.effective_time_frame", "line 1")]
    [InlineData("[{\"header\":{\"schema_id\":{\"name\":\"heart-rate\"}},\"body\":{\"heart_rate\":{\"unit\":\"beats/min\",\"value\":1e400},\"effective_time_frame\":{\"date_time\":\"2026-01-01T00:00:00Z\"}}}]", "[0].body.heart_rate.value", "line 1")]
    [InlineData("[{\"header\":{\"schema_id\":{\"name\":\"blood-pressure\"}},\"body\":{\"systolic_blood_pressure\":{\"unit\":\"mmHg\",\"value\":120},\"effective_time_frame\":{\"date_time\":\"2026-01-01T00:00:00Z\"}}}]", "[0].body.diastolic_blood_pressure", "line 1")]
    [InlineData("[] []", "$", "line 1")]
    public void Hostile_input_is_a_typed_error_naming_the_element_and_its_line(string json, string path, string where)
    {
        var error = Assert.Throws<FhirFormatException>(() => OpenMHealthImporter.Read(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(path, error.JsonPath);
        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<InvalidFormatException>(error);
        Assert.DoesNotContain("-60", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_past_the_bound_and_an_oversized_export_are_refused()
    {
        var deep = new string('[', 100) + new string(']', 100);

        Assert.Throws<FhirFormatException>(() => OpenMHealthImporter.Read(Encoding.UTF8.GetBytes(deep)));
        Assert.Throws<FhirFormatException>(() => OpenMHealthImporter.Read(new byte[OpenMHealthImporter.MaxBytes + 1]));
    }
}
