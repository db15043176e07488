using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MediBloc.Samples.Web.Node;

/// <summary>Long work (publishing a bundle, a batch of readings, a key backup) runs off the request; its page shows the progress.</summary>
public sealed class JobBoard
{
    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);

    /// <summary>Starts <paramref name="work"/> in the background; it returns the page to continue on.</summary>
    public Job Start(string title, Func<Job, CancellationToken, Task<string>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var job = new Job(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(), title);
        _jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            try
            {
                job.ContinueAt = await work(job, CancellationToken.None);
            }
#pragma warning disable CA1031 // Every failure is shown on the job's page.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                job.Error = Problems.Describe(ex);
            }
            finally
            {
                job.Finished = true;
            }
        });
        return job;
    }

    /// <summary>The job with this id.</summary>
    public Job? Find(string? id) => id is not null && _jobs.TryGetValue(id, out var job) ? job : null;
}

/// <summary>One piece of long work and how far it got.</summary>
public sealed class Job
{
    internal Job(string id, string title)
    {
        Id = id;
        Title = title;
    }

    /// <summary>An unguessable id.</summary>
    public string Id { get; }

    /// <summary>What it does.</summary>
    public string Title { get; }

    /// <summary>The latest step.</summary>
    public string Status { get; private set; } = "Starting…";

    /// <summary>0–100 when known.</summary>
    public int? Percent { get; private set; }

    /// <summary>True once it ended.</summary>
    public bool Finished { get; internal set; }

    /// <summary>What went wrong, in words a person can act on.</summary>
    public string? Error { get; internal set; }

    /// <summary>Where to go when it is done.</summary>
    public string? ContinueAt { get; internal set; }

    /// <summary>Reports a step.</summary>
    public void Report(string status, int? percent = null)
    {
        Status = status;
        Percent = percent ?? Percent;
    }
}
