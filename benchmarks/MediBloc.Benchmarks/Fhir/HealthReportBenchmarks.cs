using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Fhir.Reports;

namespace MediBloc.Benchmarks.Fhir;

/// <summary>
/// The personal health report and trial eligibility on one Synthea bundle (the report tests' Judson Eichmann, 2023-06-01),
/// against Firely's parse of the same bundle. The report and the evaluator take parsed resources, so the parse is
/// their input's cost and the natural reference.
/// </summary>
[MemoryDiagnoser]
public class HealthReportBenchmarks
{
    private const string File = "synthea-large/sof-Judson_Eichmann_34d4fd7e-b2b6-42fc-adb5-09db196b8662.json";
    private static readonly DateOnly AsOf = new(2023, 6, 1);

    /// <summary>A prediabetes study (the eligibility tests' criteria): condition, age, sex, a recent HbA1c, an exclusion.</summary>
    private static readonly EligibilityCriterion[] Study =
    [
        EligibilityCriterion.HasCondition(new EligibilityCode(EligibilityCode.Snomed, "15777000")),
        EligibilityCriterion.AgeBetween(35, 70),
        EligibilityCriterion.SexIs("male"),
        EligibilityCriterion.HasObservation(new EligibilityCode(EligibilityCode.Loinc, "4548-4"), EligibilityRange.GreaterThan(6.2m, "%"), EligibilityLookback.LastMonths(12)),
        EligibilityCriterion.HasCondition(new EligibilityCode(EligibilityCode.Snomed, "44054006")).Excluding(),
    ];

    private readonly FhirJsonDeserializer _deserializer = new();
    private byte[] _json = [];
    private Bundle _bundle = null!;
    private HealthReport _report = null!;

    /// <summary>Loads and parses the bundle once, and builds the report the HTML benchmark renders.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _json = System.IO.File.ReadAllBytes(Path.Combine(BenchmarkData.FhirTestDataRoot(), File));
        _bundle = (Bundle)FirelyParse();
        _report = Build();
    }

    /// <summary>Reference: Firely, JSON to POCOs.</summary>
    [Benchmark(Baseline = true)]
    public Resource FirelyParse()
    {
        var reader = new Utf8JsonReader(_json);
        return _deserializer.DeserializeResource(ref reader);
    }

    /// <summary>The report (care gaps, trends, lists) from the parsed bundle.</summary>
    [Benchmark]
    public HealthReport Build() => HealthReportBuilder.Build([_bundle], AsOf);

    /// <summary>The report rendered as one HTML page (with its SVG charts).</summary>
    [Benchmark]
    public string RenderHtml() => HealthReportHtml.Render(_report);

    /// <summary>Eligibility of the bundle's patient for the five-criterion study.</summary>
    [Benchmark]
    public EligibilityResult Eligibility() => EligibilityEvaluator.Evaluate(Study, _bundle, new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero));
}
