using System.Diagnostics;
using MediBloc.Sdk.Storage.Local;

namespace MediBloc.Sdk.Storage.Tests.Local;

/// <summary>
/// The test assembly's entry point, used to run a real writer in another process that a test then kills
/// (<c>dotnet exec MediBloc.Sdk.Storage.Tests.dll write ROOT</c>). The test runner loads the assembly as a library and
/// never calls it.
/// </summary>
internal static class WriterProcess
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["write", var root])
        {
            return 0;
        }

        // Four whole objects, then a fifth whose source stalls half-way, where the test kills the process.
        var store = new LocalContentStore(root);
        for (var i = 0; i < 4; i++)
        {
            var data = new byte[300_000 * (i + 1)];
            new Random(i).NextBytes(data);
            await store.PutAsync(new MemoryStream(data));
            Console.WriteLine($"stored {i}");
        }

        var last = new byte[2_000_000];
        new Random(4).NextBytes(last);
        var stalling = new FailingStream(last, failAfter: 1_000_000, waitForCancellation: true);
        _ = stalling.Reached.Task.ContinueWith(_ => Console.WriteLine("stalled"), TaskScheduler.Default);
        await store.PutAsync(stalling);
        return 1;
    }

    /// <summary>Starts a writer process on a folder.</summary>
    public static Process Start(string root)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(WriterProcess).Assembly.Location);
        start.ArgumentList.Add("write");
        start.ArgumentList.Add(root);
        return Process.Start(start) ?? throw new InvalidOperationException("The writer process did not start.");
    }
}
