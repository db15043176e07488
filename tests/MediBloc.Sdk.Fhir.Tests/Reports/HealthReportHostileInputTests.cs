using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using MediBloc.Sdk.Fhir.Reports;
using MediBloc.Sdk.Records;

namespace MediBloc.Sdk.Fhir.Tests.Reports;

/// <summary>Empty, incomplete, absurd and foreign input: never a crash; left out with a reason, or a typed error.</summary>
public sealed partial class HealthReportHostileInputTests
{
    private static readonly DateOnly AsOf = new(2024, 1, 1);

    private static Observation Vital(string id, string code, decimal? value, string unit, string? date = "2023-05-01") => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", code),
        Effective = date is null ? null : new FhirDateTime(date),
        Value = value is null ? null : new Quantity { Value = value, Unit = unit, Code = unit, System = "http://unitsofmeasure.org" },
    };

    [Fact]
    public void No_records_make_an_empty_report_that_says_why_there_are_no_gaps()
    {
        var report = HealthReportBuilder.Build(Array.Empty<Resource>(), AsOf);

        Assert.Empty(report.CareGaps);
        Assert.Empty(report.Trends);
        Assert.Null(report.Patient.Age);
        Assert.Equal("no Patient resource: preventive-care gaps not checked", Assert.Single(report.Ignored).Reason);
        Assert.Contains("\"careGaps\": []", HealthReportJson.Serialize(report), StringComparison.Ordinal);
        Assert.Contains("No measurements", HealthReportHtml.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Absurd_values_foreign_units_and_missing_dates_or_values_are_left_out_with_the_reason()
    {
        var report = HealthReportBuilder.Build(
        [
            new Patient { Id = "p", BirthDate = "1970", Gender = AdministrativeGender.Female },
            Vital("ok", "29463-7", 70m, "kg"),
            Vital("huge", "29463-7", 99999m, "kg"),
            Vital("negative", "8867-4", -5m, "/min"),
            Vital("pounds", "29463-7", 150m, "[lb_av]"),
            Vital("undated", "4548-4", 6.1m, "%", date: null),
            Vital("empty", "2339-0", null, "mg/dL"),
            Vital("garbled-date", "39156-5", 22m, "kg/m2", date: "not-a-date"),
        ], AsOf);

        var weight = Assert.Single(report.Trends);
        Assert.Equal(("body-weight", 70m, TrendDirection.Insufficient), (weight.Metric, Assert.Single(weight.Points).Value, weight.Direction));
        Assert.Equal(
        [
            ("Observation/empty", "glucose: no numeric value"),
            ("Observation/garbled-date", "no effective date"),
            ("Observation/huge", "body-weight: value outside the plausible range 0.2–700 kg"),
            ("Observation/negative", "heart-rate: value outside the plausible range 15–300 /min"),
            ("Observation/pounds", "body-weight: unit [lb_av], expected kg"),
            ("Observation/undated", "no effective date"),
        ], report.Ignored.Select(i => (i.ResourceId, i.Reason)));
        Assert.Equal(54, report.Patient.Age); // a birth year alone counts from 1 January
    }

    [Fact]
    public void A_birth_date_after_the_report_day_or_missing_skips_the_gaps_with_a_reason()
    {
        var future = HealthReportBuilder.Build([new Patient { Id = "p", BirthDate = "2090-01-01" }], AsOf);
        var missing = HealthReportBuilder.Build([new Patient { Id = "p" }], AsOf);

        Assert.Empty(future.CareGaps);
        Assert.Equal("birth date after the report's day: preventive-care gaps not checked", Assert.Single(future.Ignored).Reason);
        Assert.Equal("no usable birth date: preventive-care gaps not checked", Assert.Single(missing.Ignored).Reason);
    }

    [Fact]
    public void Records_of_two_patients_are_a_typed_error_without_their_content()
    {
        var error = Assert.Throws<FhirFormatException>(() => HealthReportBuilder.Build(
            [new Patient { Id = "a", BirthDate = "1970-01-01" }, new Patient { Id = "b", BirthDate = "1971-01-01" }], AsOf));

        Assert.Equal(MediBlocErrorCode.InvalidFormat, error.Code);
        Assert.DoesNotContain("1970", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Opened_records_that_are_not_fhir_are_left_out_and_the_rest_still_counts()
    {
        var records = new[]
        {
            Opened("""{"resourceType":"Patient","id":"p","birthDate":"1980-01-01","gender":"male"}""", "application/fhir+json"),
            Opened("time,type,value\n", "text/csv"),
            Opened("{not json", "application/fhir+json"),
            Opened("""{"hello":"world"}""", "application/json"),
            Opened("""{"resourceType":"Observation","id":"w","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}]},"effectiveDateTime":"2023-01-01","valueQuantity":{"value":1e400,"unit":"kg","code":"kg"}}""", "application/fhir+json"),
        };

        var report = HealthReportBuilder.Build(records, AsOf);

        Assert.Equal(44, report.Patient.Age);
        Assert.Contains(report.Ignored, i => i.ResourceId == "record[1]" && i.Reason.StartsWith("not FHIR JSON", StringComparison.Ordinal));
        Assert.Contains(report.Ignored, i => i.ResourceId == "record[2]" && i.Reason == "not a FHIR R4 resource");
        Assert.Contains(report.Ignored, i => i.ResourceId == "record[3]" && i.Reason == "not a FHIR R4 resource");
        Assert.DoesNotContain(report.Trends, t => t.Metric == "body-weight");
        // 1e400 overflows a decimal: the lenient parser keeps it as text, and reading it throws; it is left out.
        Assert.Contains(report.Ignored, i => i.ResourceId == "Observation/w" && i.Reason == "an element holds a value of the wrong type");
    }

    [Fact]
    public void A_resource_parsed_leniently_with_a_value_of_the_wrong_type_is_left_out_not_a_crash()
    {
        var observation = FhirJson.Parse(Encoding.UTF8.GetBytes(
            """{"resourceType":"Observation","id":"w","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}]},"effectiveDateTime":"2023-01-01","valueQuantity":{"value":1e400,"unit":"kg","code":"kg"}}"""), out _);

        var report = HealthReportBuilder.Build([new Patient { Id = "p", BirthDate = "1980-01-01" }, observation], AsOf);

        Assert.Empty(report.Trends);
        Assert.Contains(report.Ignored, i => i.ResourceId == "Observation/w" && i.Reason == "an element holds a value of the wrong type");
    }

    [Fact]
    public void The_html_is_self_contained_with_one_svg_chart_per_trend_and_escapes_the_records_text()
    {
        var report = HealthReportBuilder.Build(
        [
            HealthReportSyntheaTests.Bundle("synthea-large/sof-Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json"),
            new AllergyIntolerance
            {
                Id = "x",
                Code = new CodeableConcept { Text = "<script>alert(1)</script>" },
                Patient = new ResourceReference("Patient/d78af07c-9cb9-4f31-9b11-c45a28f2eec8"),
            },
        ], new DateOnly(2020, 1, 1));

        var html = HealthReportHtml.Render(report);

        Assert.Equal(report.Trends.Count, Regex.Matches(html, "<svg ").Count);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        var withoutNamespaces = XmlNamespace().Replace(html, string.Empty);
        Assert.DoesNotContain("http:", withoutNamespaces, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", withoutNamespaces, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<?xml", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_has_the_documented_shape()
    {
        var report = HealthReportBuilder.Build(
            [HealthReportSyntheaTests.Bundle("synthea-large/sof-Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json")], new DateOnly(2020, 1, 1));

        using var json = JsonDocument.Parse(HealthReportJson.Serialize(report));
        var root = json.RootElement;

        Assert.Equal(
            ["schema", "asOf", "patient", "schedule", "careGaps", "trends", "activeConditions", "activeMedications", "allergies", "ignored"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("medibloc.health-report/1", root.GetProperty("schema").GetString());
        Assert.Equal("2020-01-01", root.GetProperty("asOf").GetString());
        var gap = root.GetProperty("careGaps")[2];
        Assert.Equal(["ruleId", "title", "category", "source", "why", "lastDone", "lastDoneResourceId", "dueSince"], gap.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2019-09-17", gap.GetProperty("dueSince").GetString());
        var trend = root.GetProperty("trends")[0];
        Assert.Equal(["metric", "title", "loinc", "unit", "points", "latest", "direction"], trend.EnumerateObject().Select(p => p.Name));
        Assert.Equal("falling", trend.GetProperty("direction").GetString());
        Assert.Equal(["date", "value", "resourceId"], trend.GetProperty("latest").EnumerateObject().Select(p => p.Name));
    }

    private static OpenedRecord Opened(string content, string contentType) => new(
        default,
        Encoding.UTF8.GetBytes(content),
        contentType,
        default,
        default,
        DateTimeOffset.UnixEpoch);

    [GeneratedRegex("xmlns(:xlink)?=\"http://www\\.w3\\.org/[0-9]{4}/(svg|xlink)\"")]
    private static partial Regex XmlNamespace();
}
