using System.Diagnostics;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Storage;

/// <summary>The tracing source of the stores and the Kubo client, and the one way they trace an operation.</summary>
internal static class StorageDiagnostics
{
    /// <summary>Activities named <c>&lt;Type&gt;.&lt;Method&gt;</c>, tagged only with non-identifying values (CID, byte counts).</summary>
    public static readonly ActivitySource Source = new(MediBlocDiagnostics.StorageActivitySourceName);

    /// <summary>
    /// Runs <paramref name="body"/> in an activity of <see cref="Source"/> (<see cref="OperationTracing"/>), tagged
    /// with the CID it reads (<paramref name="cid"/>) or the CID it produced.
    /// </summary>
    public static Task<T> TraceAsync<T>(string name, ContentId? cid, Func<Activity?, Task<T>> body) =>
        OperationTracing.TraceAsync(Source, name, async activity =>
        {
            TagCid(activity, cid);
            var result = await body(activity).ConfigureAwait(false);
            TagCid(activity, result as ContentId?);
            return result;
        });

    /// <summary>Runs <paramref name="body"/> in an activity of <see cref="Source"/>, tagged with <paramref name="cid"/>.</summary>
    public static Task TraceAsync(string name, ContentId? cid, Func<Activity?, Task> body) =>
        OperationTracing.TraceAsync(Source, name, activity =>
        {
            TagCid(activity, cid);
            return body(activity);
        });

    private static void TagCid(Activity? activity, ContentId? cid)
    {
        if (activity is not null && cid is { } c)
        {
            activity.SetTag(MediBlocDiagnostics.Tags.Cid, c.ToString());
        }
    }
}
