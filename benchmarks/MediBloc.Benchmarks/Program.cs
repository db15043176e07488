using System.Reflection;
using BenchmarkDotNet.Running;
using MediBloc.Benchmarks;

// Harnesses (end-to-end measurements) are chosen by name; anything else goes to BenchmarkDotNet.
var harnesses = typeof(IHarness).Assembly.GetTypes()
    .Where(t => typeof(IHarness).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IHarness)Activator.CreateInstance(t)!)
    .OrderBy(h => h.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length > 0 && args[0] == "--list-harnesses")
{
    foreach (var h in harnesses)
    {
        Console.WriteLine($"{h.Name,-16} {h.Description}");
    }
    return 0;
}

var harness = args.Length > 0 ? harnesses.FirstOrDefault(h => h.Name == args[0]) : null;
if (harness is not null)
{
    using var cts = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
    return await harness.RunAsync(args[1..], cts.Token);
}

BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
return 0;
