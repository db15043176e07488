namespace MediBloc.Benchmarks;

/// <summary>
/// An end-to-end measurement that is not a BenchmarkDotNet micro-benchmark (gas, throughput on the
/// devnet, comparisons with external tools). Selected by its <see cref="Name"/> as the first argument:
/// <c>dotnet run -c Release --project benchmarks/MediBloc.Benchmarks -- NAME [args]</c>.
/// </summary>
public interface IHarness
{
    /// <summary>The verb that selects this harness on the command line.</summary>
    string Name { get; }

    /// <summary>One line shown by <c>--list-harnesses</c>.</summary>
    string Description { get; }

    /// <summary>Runs the harness and returns the process exit code.</summary>
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
