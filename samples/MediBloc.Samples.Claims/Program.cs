using MediBloc.Samples.Claims;
using MediBloc.Sdk;

// dotnet run --project samples/MediBloc.Samples.Claims
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
try
{
    var result = await ClaimsStory.RunAsync(Console.Out, cts.Token);
    return result.Succeeded ? 0 : 1;
}
catch (MediBlocException ex)
{
    Console.Error.WriteLine($"error ({ex.GetType().Name}, {ex.Code}): {ex.Message}");
    return 1;
}
