using System.Diagnostics;
using MediBloc.Sdk.Diagnostics;

namespace MediBloc.Sdk.Contracts;

/// <summary>The tracing source of the chain clients, and the one way they trace an operation.</summary>
internal static class ChainDiagnostics
{
    /// <summary>Activities named <c>&lt;Client&gt;.&lt;Method&gt;</c>, tagged only with non-identifying values.</summary>
    public static readonly ActivitySource Source = new(MediBlocDiagnostics.ActivitySourceName);

    /// <summary>
    /// Runs <paramref name="body"/> in an activity named <paramref name="name"/> (the activity is <see langword="null"/>
    /// when nobody listens); if it throws, the activity is marked failed (<see cref="Fail"/>) and the exception goes on.
    /// </summary>
    /// <typeparam name="T">What the operation returns.</typeparam>
    /// <param name="name">The activity's name, <c>&lt;Client&gt;.&lt;Method&gt;</c>.</param>
    /// <param name="body">The operation; it may tag the activity it is given.</param>
    /// <returns>What <paramref name="body"/> returned.</returns>
    public static async Task<T> TraceAsync<T>(string name, Func<Activity?, Task<T>> body)
    {
        using var activity = Source.StartActivity(name);
        try
        {
            return await body(activity).ConfigureAwait(false);
        }
        catch (Exception e) when (Fail(activity, e))
        {
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> in an activity named <paramref name="name"/>; if it throws, the activity is marked
    /// failed (<see cref="Fail"/>) and the exception goes on.
    /// </summary>
    /// <param name="name">The activity's name, <c>&lt;Client&gt;.&lt;Method&gt;</c>.</param>
    /// <param name="body">The operation; it may tag the activity it is given.</param>
    /// <returns>A task that completes when <paramref name="body"/> has.</returns>
    public static async Task TraceAsync(string name, Func<Activity?, Task> body)
    {
        using var activity = Source.StartActivity(name);
        try
        {
            await body(activity).ConfigureAwait(false);
        }
        catch (Exception e) when (Fail(activity, e))
        {
            throw;
        }
    }

    /// <summary>
    /// Marks <paramref name="activity"/> failed: status <see cref="ActivityStatusCode.Error"/> described by the
    /// exception's type name, and the tag <see cref="MediBlocDiagnostics.Tags.ErrorType"/> with its full name. Never the
    /// message: it may name a patient, a CID the reader was refused, or worse. Returns <see langword="false"/>, so as
    /// an exception filter it marks the activity while it is still running, and never catches.
    /// </summary>
    /// <param name="activity">The operation's activity, or <see langword="null"/> when nobody listens.</param>
    /// <param name="exception">What the operation threw.</param>
    /// <returns><see langword="false"/>.</returns>
    private static bool Fail(Activity? activity, Exception exception)
    {
        if (activity is not null)
        {
            var type = exception.GetType();
            activity.SetStatus(ActivityStatusCode.Error, type.Name);
            activity.SetTag(MediBlocDiagnostics.Tags.ErrorType, type.FullName);
        }
        return false;
    }
}
