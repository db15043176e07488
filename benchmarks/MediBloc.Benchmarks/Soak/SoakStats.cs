using System.Collections.Concurrent;
using System.Globalization;
using MediBloc.Sdk;

namespace MediBloc.Benchmarks.Soak;

/// <summary>Latencies and errors per operation kind, recorded by many workers at once.</summary>
internal sealed class SoakStats
{
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);

    public void Success(string kind, TimeSpan latency) => Get(kind).Add(latency.TotalMilliseconds);

    public void Failure(string kind, Exception error) => Get(kind).Fail(Describe(error));

    public long Count(string kind) => _operations.TryGetValue(kind, out var op) ? op.Count : 0;

    public long Errors => _operations.Values.Sum(o => o.ErrorCount);

    public string Progress() => string.Join(", ", _operations.OrderBy(o => o.Key, StringComparer.Ordinal)
        .Select(o => $"{o.Key} {o.Value.Count}" + (o.Value.ErrorCount > 0 ? $" ({o.Value.ErrorCount} failed)" : string.Empty)));

    /// <summary>A markdown table: one row per operation kind.</summary>
    public IEnumerable<string> Table(TimeSpan elapsed)
    {
        yield return "| Operation | ok | ops/s | p50 | p95 | p99 | max | errors |";
        yield return "|---|---:|---:|---:|---:|---:|---:|---:|";
        foreach (var (kind, op) in _operations.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var sorted = op.Sorted();
            yield return string.Create(CultureInfo.InvariantCulture,
                $"| {kind} | {sorted.Length} | {sorted.Length / elapsed.TotalSeconds:0.0} | {P(sorted, 0.50):0} ms | {P(sorted, 0.95):0} ms | {P(sorted, 0.99):0} ms | {(sorted.Length == 0 ? 0 : sorted[^1]):0} ms | {op.ErrorCount} |");
        }
    }

    /// <summary>The errors by operation and kind, most frequent first.</summary>
    public IEnumerable<string> ErrorLines() => _operations.OrderBy(o => o.Key, StringComparer.Ordinal)
        .SelectMany(o => o.Value.ErrorKinds().Select(e => $"  {o.Key}: {e.Count} × {e.Kind}"));

    private Operation Get(string kind) => _operations.GetOrAdd(kind, _ => new Operation());

    private static string Describe(Exception e) => e switch
    {
        MediBlocException m => $"{m.GetType().Name} ({m.Code}): {Shorten(m.Message)}",
        _ => $"{e.GetType().Name}: {Shorten(e.Message)}",
    };

    // Keep the first sentence: node URLs and CIDs later in a message would make each error its own kind.
    private static string Shorten(string message)
    {
        var end = message.IndexOfAny(['.', ':', '\n']);
        return end > 0 ? message[..end] : message;
    }

    private static double P(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed class Operation
    {
        private readonly List<double> _latencies = [];
        private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
        private long _errorCount;

        public long Count
        {
            get
            {
                lock (_latencies)
                {
                    return _latencies.Count;
                }
            }
        }

        public long ErrorCount => Interlocked.Read(ref _errorCount);

        public void Add(double milliseconds)
        {
            lock (_latencies)
            {
                _latencies.Add(milliseconds);
            }
        }

        public void Fail(string kind)
        {
            Interlocked.Increment(ref _errorCount);
            _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
        }

        public double[] Sorted()
        {
            double[] copy;
            lock (_latencies)
            {
                copy = [.. _latencies];
            }

            Array.Sort(copy);
            return copy;
        }

        public IEnumerable<(string Kind, int Count)> ErrorKinds() => _errors.OrderByDescending(e => e.Value).Select(e => (e.Key, e.Value));
    }
}
