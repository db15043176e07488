namespace MediBloc.Sdk.Records;

/// <summary>
/// Manifests a client refused for good (or skipped as not meant for a reader), so that listings do not fetch them again.
/// Bounded: past <see cref="Capacity"/> entries the oldest are forgotten (and fetched again at worst). Thread-safe.
/// </summary>
/// <remarks>A <see langword="null"/> problem means "skip quietly" (a share manifest for another grantee, a revoked grant).</remarks>
internal sealed class RefusalCache
{
    /// <summary>The most refusals remembered per client.</summary>
    public const int Capacity = 4096;

    private readonly Dictionary<string, ManifestProblem?> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly int _capacity;

    public RefusalCache(int capacity = Capacity) => _capacity = capacity;

    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(string key, out ManifestProblem? problem)
    {
        key = Digest(key);
        lock (_entries)
        {
            return _entries.TryGetValue(key, out problem);
        }
    }

    public void Remember(string key, ManifestProblem? problem)
    {
        key = Digest(key);
        lock (_entries)
        {
            if (_entries.TryAdd(key, problem))
            {
                _order.Enqueue(key);
                while (_order.Count > _capacity)
                {
                    _entries.Remove(_order.Dequeue());
                }
            }
        }
    }

    /// <summary>Keys hold chain text of any length: a fixed-size digest keeps each entry small.</summary>
    private static string Digest(string key) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key.ToLowerInvariant())));
}
