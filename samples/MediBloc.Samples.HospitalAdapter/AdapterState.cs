using System.Text.Json;

namespace MediBloc.Samples.HospitalAdapter;

/// <summary>One bundle the adapter finished: enough to skip it on the next run and to find its records.</summary>
/// <param name="Sha256">The bundle file's SHA-256 (hex), so a changed file is published again.</param>
/// <param name="Patient">The patient's id in the bundle.</param>
/// <param name="Owner">The patient's address (the records' owner).</param>
/// <param name="LayoutCid">The layout record's CID.</param>
/// <param name="ResourceCids">The resource records' CIDs, in entry order.</param>
public sealed record PublishedBundleState(string Sha256, string Patient, string Owner, string LayoutCid, IReadOnlyList<string> ResourceCids);

/// <summary>The adapter's small state file: which bundles are already published. Saved after every bundle (temp file + rename).</summary>
public sealed class AdapterState
{
    private readonly string _path;
    private readonly Dictionary<string, PublishedBundleState> _bundles;

    private AdapterState(string path, Dictionary<string, PublishedBundleState> bundles)
    {
        _path = path;
        _bundles = bundles;
    }

    /// <summary>The bundles already published, by file name.</summary>
    public IReadOnlyDictionary<string, PublishedBundleState> Bundles => _bundles;

    /// <summary>Loads the state file, or starts empty when there is none.</summary>
    /// <param name="path">The state file.</param>
    /// <returns>The state.</returns>
    public static AdapterState Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bundles = File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, PublishedBundleState>>(File.ReadAllBytes(path)) ?? []
            : [];
        return new AdapterState(path, new Dictionary<string, PublishedBundleState>(bundles, StringComparer.Ordinal));
    }

    /// <summary>Whether the file with this name and hash is already published.</summary>
    /// <param name="fileName">The bundle's file name.</param>
    /// <param name="sha256">The file's SHA-256 (hex).</param>
    /// <returns><see langword="true"/> to skip it.</returns>
    public bool IsPublished(string fileName, string sha256) =>
        _bundles.TryGetValue(fileName, out var done) && string.Equals(done.Sha256, sha256, StringComparison.Ordinal);

    /// <summary>Records a published bundle and saves the state file.</summary>
    /// <param name="fileName">The bundle's file name.</param>
    /// <param name="published">What was published.</param>
    public void MarkPublished(string fileName, PublishedBundleState published)
    {
        _bundles[fileName] = published;
        var temporary = _path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(_bundles, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, _path, overwrite: true);
    }
}
