using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace MediBloc.Sdk.Testing;

/// <summary>
/// A node process whose output is always drained (anvil stops answering when nobody reads it), that can be
/// awaited for a line, and that never outlives its owner: it runs under a small shell watchdog that ends it
/// when this process dies, even by SIGKILL, and it is killed on dispose and on process exit.
/// </summary>
internal sealed partial class NodeProcess : IAsyncDisposable
{
    // Runs "$@" in the background and ends it when the parent (this .NET process) is gone or on TERM.
    private const string Watchdog =
        "\"$@\" & child=$!; " +
        "( while kill -0 \"$MEDIBLOC_PARENT_PID\" 2>/dev/null; do sleep 1; done; " +
        "kill -TERM $child 2>/dev/null; sleep 3; kill -KILL $child 2>/dev/null ) >/dev/null 2>&1 & watcher=$!; " +
        "trap 'kill -TERM $child 2>/dev/null' TERM INT HUP; " +
        "wait $child; status=$?; " +
        "while kill -0 $child 2>/dev/null; do wait $child; status=$?; done; " +
        "kill $watcher 2>/dev/null; exit $status";

    private static readonly ConcurrentDictionary<int, NodeProcess> Live = new();
    private static int s_exitHookInstalled;

    private readonly Process _process;
    private readonly string _name;
    private readonly Action<string>? _log;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waiters = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private int _disposed;

    private readonly int _maxTail;

    private NodeProcess(Process process, string name, Action<string>? log, int maxTail)
    {
        _maxTail = maxTail;
        _process = process;
        _name = name;
        _log = log;
    }

    public string Name => _name;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the node printed, for error messages.</summary>
    public string Tail => string.Join(Environment.NewLine, _tail);

    /// <summary>The retained output lines.</summary>
    public IReadOnlyList<string> Lines => _tail.ToArray();

    public static NodeProcess Start(
        string name, string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment, Action<string>? log, int maxTail = 200)
    {
        InstallExitHook();
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (OperatingSystem.IsWindows())
        {
            psi.FileName = fileName;
            foreach (var a in arguments)
            {
                psi.ArgumentList.Add(a);
            }
        }
        else
        {
            psi.FileName = "/bin/sh";
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(Watchdog);
            psi.ArgumentList.Add("medibloc-devnet-" + name);
            psi.ArgumentList.Add(fileName);
            foreach (var a in arguments)
            {
                psi.ArgumentList.Add(a);
            }
            psi.Environment["MEDIBLOC_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                psi.Environment[k] = v;
            }
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var node = new NodeProcess(process, name, log, maxTail);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        process.Exited += (_, _) => node._exited.TrySetResult();
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {name} ({fileName}).");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Live[process.Id] = node;
        return node;
    }

    /// <summary>Waits for a line matching <paramref name="pattern"/>, failing fast if the process exits first.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            foreach (var line in _tail)
            {
                var m = pattern.Match(line);
                if (m.Success)
                {
                    return m;
                }
            }
            _waiters.Add((pattern, found));
        }
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        var cancelled = Task.Delay(Timeout.Infinite, timeoutCts.Token);
        var first = await Task.WhenAny(found.Task, _exited.Task, cancelled).ConfigureAwait(false);
        if (first == found.Task)
        {
            return await found.Task.ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var why = first == _exited.Task ? "exited" : $"did not print the expected line within {timeout.TotalSeconds:0} s";
        throw new MediBlocException(
            $"The devnet's {_name} {why}. Last output:{Environment.NewLine}{Tail}",
            DevnetErrors.DevnetUnavailable);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        _log?.Invoke($"[{_name}] {line}");
        lock (_gate)
        {
            _tail.Enqueue(line);
            while (_tail.Count > _maxTail && _tail.TryDequeue(out _))
            {
            }
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var m = _waiters[i].Pattern.Match(line);
                if (m.Success)
                {
                    _waiters[i].Found.TrySetResult(m);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>Waits for a short-lived process (e.g. <c>jsipfs init</c>) to exit with code 0.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MediBlocException(
                $"The devnet's {_name} did not finish within {timeout.TotalSeconds:0} s. Last output:{Environment.NewLine}{Tail}",
                DevnetErrors.DevnetUnavailable);
        }
        if (_process.ExitCode != 0)
        {
            throw new MediBlocException(
                $"The devnet's {_name} failed with exit code {_process.ExitCode}. Last output:{Environment.NewLine}{Tail}",
                DevnetErrors.DevnetUnavailable);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        Live.TryRemove(_process.Id, out _);
        // Ask the watchdog to stop its node (it forwards SIGTERM and reaps it, so no zombie stays behind);
        // kill the whole tree if that takes too long.
        if (!OperatingSystem.IsWindows() && !_process.HasExited)
        {
            _ = SendSignal(_process.Id, SigTerm);
        }
        try
        {
            using var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(graceful.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGKILL was sent; the kernel finishes it.
            }
        }
        _process.Dispose();
    }

    /// <summary>Kills the node at once, as a crash would (SIGKILL to its whole process tree), and waits until it is gone.</summary>
    public async Task CrashAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        Live.TryRemove(_process.Id, out _);
        Kill();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // SIGKILL was sent; the kernel finishes it.
        }
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Already gone or not ours to kill.
        }
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    private static void InstallExitHook()
    {
        if (Interlocked.Exchange(ref s_exitHookInstalled, 1) != 0)
        {
            return;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var node in Live.Values)
            {
                node.Kill();
            }
        };
    }
}
