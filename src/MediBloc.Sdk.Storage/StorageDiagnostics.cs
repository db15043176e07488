using System.Diagnostics;

namespace MediBloc.Sdk.Storage;

/// <summary>The tracing source of the stores and the Kubo client.</summary>
internal static class StorageDiagnostics
{
    /// <summary>Activities named <c>&lt;Type&gt;.&lt;Method&gt;</c>, tagged only with non-identifying values (CID, byte counts).</summary>
    public static readonly ActivitySource Source = new("MediBloc.Sdk.Storage");

    public static async Task<T> TraceAsync<T>(string name, ContentId? cid, Func<Activity?, Task<T>> body)
    {
        using var activity = Start(name, cid);
        try
        {
            var result = await body(activity).ConfigureAwait(false);
            if (result is ContentId produced)
            {
                activity?.SetTag("medibloc.cid", produced.ToString());
            }

            return result;
        }
        catch (Exception e) when (Fail(activity, e))
        {
            throw;
        }
    }

    public static async Task TraceAsync(string name, ContentId? cid, Func<Activity?, Task> body)
    {
        using var activity = Start(name, cid);
        try
        {
            await body(activity).ConfigureAwait(false);
        }
        catch (Exception e) when (Fail(activity, e))
        {
            throw;
        }
    }

    private static Activity? Start(string name, ContentId? cid)
    {
        var activity = Source.StartActivity(name);
        if (activity is not null && cid is { } c)
        {
            activity.SetTag("medibloc.cid", c.ToString());
        }

        return activity;
    }

    /// <summary>Marks the activity failed; returns false so the exception filter never catches.</summary>
    private static bool Fail(Activity? activity, Exception e)
    {
        activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
        activity?.SetTag("error.type", e.GetType().FullName);
        return false;
    }
}
