using System.Text.Json;
using MediBloc.Samples.TrialRecruitment;
using MediBloc.Sdk;

// dotnet run --project samples/MediBloc.Samples.TrialRecruitment [-- --json]
var json = args.Contains("--json");
if (args.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine("""
        MediBloc clinical-trial recruitment, on an in-process chain and a local content store: a researcher posts a
        FHIR ResearchStudy; three patients evaluate eligibility on their own records (two are eligible) and signal
        interest anonymously (the researcher sees counts); one enrols, the researcher reads the ResearchSubject and the
        shared records; the patient withdraws and the researcher's reads are refused.

          --json   end with one JSON line summarising the run
        """);
    return 0;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
try
{
    var result = await TrialRecruitmentStory.RunAsync(Console.Out, cts.Token);
    if (json)
    {
        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    }
    return result.Verified ? 0 : 1;
}
catch (MediBlocException ex)
{
    Console.Error.WriteLine($"error ({ex.GetType().Name}, {ex.Code}): {ex.Message}");
    return 1;
}
