using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MediBloc.Sdk.Fhir;

namespace MediBloc.Benchmarks.Fhir;

/// <summary>
/// Our canonicalization (and bundle splitting) against Firely's parse alone, on Synthea bundles from the FHIR test
/// data. The goal: canonicalization costs at most 1.3× Firely's parse.
/// </summary>
[MemoryDiagnoser]
public class FhirCanonicalizationBenchmarks
{
    private readonly FhirJsonDeserializer _deserializer = new();
    private byte[] _bundle = [];

    /// <summary>The bundle file, relative to the FHIR test data folder.</summary>
    [Params(
        "synthea/Pablo44_Sporer811_ea2dd5fa-0e9e-4d5b-6384-13f67dc0c142.json",
        "synthea-large/fdp-Bo157_Smith67_fa5aa9e4-255d-62cf-0278-9ae778a2620c.json")]
    public string File { get; set; } = string.Empty;

    /// <summary>Loads the bundle.</summary>
    [GlobalSetup]
    public void Setup() => _bundle = System.IO.File.ReadAllBytes(Path.Combine(TestDataRoot(), File));

    /// <summary>Firely: JSON to POCOs, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public Resource FirelyParse()
    {
        var reader = new Utf8JsonReader(_bundle);
        return _deserializer.DeserializeResource(ref reader);
    }

    /// <summary>Ours: RFC 8785 canonical form, numbers as received.</summary>
    [Benchmark]
    public byte[] Canonicalize() => FhirCanonicalJson.Canonicalize(_bundle);

    /// <summary>Ours: canonical form and its SHA-256.</summary>
    [Benchmark]
    public byte[] CanonicalHash() => FhirCanonicalJson.ComputeHash(_bundle);

    /// <summary>Ours: split into per-resource records with metadata and checks (what ingestion does before sealing).</summary>
    [Benchmark]
    public int Split() => FhirBundleSplitter.Split(_bundle).Resources.Count;

    private static string TestDataRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "MediBloc.Sdk.Fhir.Tests", "TestData");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("tests/MediBloc.Sdk.Fhir.Tests/TestData not found above the benchmark's folder.");
    }
}
