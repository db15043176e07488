using System.Diagnostics;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Contracts;

/// <summary>The tracing source of the chain and role clients, and the one way they trace an operation.</summary>
internal static class ChainDiagnostics
{
    /// <summary>Activities named <c>&lt;Client&gt;.&lt;Method&gt;</c>, tagged only with non-identifying values.</summary>
    public static readonly ActivitySource Source = new(MediBlocDiagnostics.ActivitySourceName);

    /// <summary>Runs <paramref name="body"/> in an activity of <see cref="Source"/> (<see cref="OperationTracing"/>).</summary>
    /// <typeparam name="T">What the operation returns.</typeparam>
    /// <param name="name">The activity's name, <c>&lt;Client&gt;.&lt;Method&gt;</c>.</param>
    /// <param name="body">The operation; it may tag the activity it is given.</param>
    /// <returns>What <paramref name="body"/> returned.</returns>
    public static Task<T> TraceAsync<T>(string name, Func<Activity?, Task<T>> body) => OperationTracing.TraceAsync(Source, name, body);

    /// <summary>Runs <paramref name="body"/> in an activity of <see cref="Source"/> (<see cref="OperationTracing"/>).</summary>
    /// <param name="name">The activity's name, <c>&lt;Client&gt;.&lt;Method&gt;</c>.</param>
    /// <param name="body">The operation; it may tag the activity it is given.</param>
    /// <returns>A task that completes when <paramref name="body"/> has.</returns>
    public static Task TraceAsync(string name, Func<Activity?, Task> body) => OperationTracing.TraceAsync(Source, name, body);
}
