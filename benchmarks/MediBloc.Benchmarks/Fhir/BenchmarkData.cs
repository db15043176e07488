namespace MediBloc.Benchmarks.Fhir;

/// <summary>Finds the FHIR test data for the benchmarks.</summary>
internal static class BenchmarkData
{
    /// <summary>tests/MediBloc.Sdk.Fhir.Tests/TestData, looked for above the benchmark's folder.</summary>
    public static string FhirTestDataRoot()
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
