using System.Diagnostics;
using MediBloc.Sdk.Diagnostics;

namespace MediBloc.Sdk.Internal;

/// <summary>
/// The one way the SDK traces an operation: an activity around it, marked failed when it throws. Compiled as linked
/// source into each package that traces (storage, the client), each with its own <see cref="ActivitySource"/>.
/// </summary>
internal static class OperationTracing
{
    /// <summary>
    /// Runs <paramref name="body"/> in an activity named <paramref name="name"/> from <paramref name="source"/> (the
    /// activity is <see langword="null"/> when nobody listens); if it throws, the activity is marked failed
    /// (<see cref="Fail"/>) and the exception goes on.
    /// </summary>
    /// <typeparam name="T">What the operation returns.</typeparam>
    /// <param name="source">The package's activity source.</param>
    /// <param name="name">The activity's name, <c>&lt;Type&gt;.&lt;Method&gt;</c>.</param>
    /// <param name="body">The operation; it may tag the activity it is given.</param>
    /// <returns>What <paramref name="body"/> returned.</returns>
    public static async Task<T> TraceAsync<T>(ActivitySource source, string name, Func<Activity?, Task<T>> body)
    {
        using var activity = source.StartActivity(name);
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
    /// Runs <paramref name="body"/> in an activity named <paramref name="name"/> from <paramref name="source"/>; if it
    /// throws, the activity is marked failed (<see cref="Fail"/>) and the exception goes on.
    /// </summary>
    /// <param name="source">The package's activity source.</param>
    /// <param name="name">The activity's name, <c>&lt;Type&gt;.&lt;Method&gt;</c>.</param>
    /// <param name="body">The operation; it may tag the activity it is given.</param>
    /// <returns>A task that completes when <paramref name="body"/> has.</returns>
    public static Task TraceAsync(ActivitySource source, string name, Func<Activity?, Task> body) =>
        TraceAsync(source, name, async activity =>
        {
            await body(activity).ConfigureAwait(false);
            return true;
        });

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
