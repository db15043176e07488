using System.Text.Json;

namespace MediBloc.Samples.HospitalAdapter;

/// <summary>One input written into a patient's record: enough to skip it on the next run and to find its records.</summary>
/// <param name="Sha256">The input's SHA-256 (hex): a changed bundle or resource is written again.</param>
/// <param name="Cids">Its records' CIDs: a bundle's resources in entry order then its layout; a bulk resource's one record.</param>
public sealed record WrittenItem(string Sha256, IReadOnlyList<string> Cids);

/// <summary>A patient's batch being written: saved before the batch is sealed, so that the next run can recognise it in the outbox.</summary>
/// <param name="Items">The inputs in the batch, in order: key, SHA-256 and how many records each makes.</param>
/// <param name="Digests">The SHA-256 of every record's plaintext, in batch order.</param>
public sealed record PendingWrite(IReadOnlyList<PendingItem> Items, IReadOnlyList<string> Digests);

/// <summary>One input of a <see cref="PendingWrite"/>.</summary>
/// <param name="Key">The input's key (<c>bundle:FILE</c> or <c>ResourceType/id</c>).</param>
/// <param name="Sha256">Its SHA-256 (hex).</param>
/// <param name="Records">How many records it makes.</param>
public sealed record PendingItem(string Key, string Sha256, int Records);

/// <summary>
/// The adapter's small state file: per patient, which inputs are written (and their records), and the batch being
/// written. Saved after every change (temp file + rename). It holds CIDs and hashes, no key and no health data.
/// </summary>
public sealed class AdapterState
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly string _path;
    private readonly StateFile _file;

    private AdapterState(string path, StateFile file)
    {
        _path = path;
        _file = file;
    }

    /// <summary>The inputs written, by EHR patient id, then by input key.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, WrittenItem>> Written => _file.Written;

    /// <summary>The batches being written, by EHR patient id.</summary>
    public IReadOnlyDictionary<string, PendingWrite> Pending => _file.Pending;

    /// <summary>Loads the state file, or starts empty when there is none.</summary>
    /// <param name="path">The state file.</param>
    /// <returns>The state.</returns>
    public static AdapterState Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = File.Exists(path) ? JsonSerializer.Deserialize<StateFile>(File.ReadAllBytes(path)) ?? new StateFile() : new StateFile();
        return new AdapterState(path, file);
    }

    /// <summary>Whether this input, with this content, is already in the patient's record.</summary>
    /// <param name="patient">The EHR patient id.</param>
    /// <param name="key">The input's key.</param>
    /// <param name="sha256">The input's SHA-256 (hex).</param>
    /// <returns><see langword="true"/> to skip it.</returns>
    public bool IsWritten(string patient, string key, string sha256) =>
        _file.Written.TryGetValue(patient, out var items) && items.TryGetValue(key, out var done) && string.Equals(done.Sha256, sha256, StringComparison.Ordinal);

    /// <summary>Records the batch about to be written for a patient and saves the file.</summary>
    /// <param name="patient">The EHR patient id.</param>
    /// <param name="pending">The batch.</param>
    public void BeginWrite(string patient, PendingWrite pending)
    {
        _file.Pending[patient] = pending;
        Save();
    }

    /// <summary>Records a patient's batch as written (its inputs with their records' CIDs, in batch order) and saves the file.</summary>
    /// <param name="patient">The EHR patient id.</param>
    /// <param name="cids">The batch's record CIDs, in batch order.</param>
    public void CompleteWrite(string patient, IReadOnlyList<string> cids)
    {
        var pending = _file.Pending[patient];
        if (!_file.Written.TryGetValue(patient, out var items))
        {
            items = new Dictionary<string, WrittenItem>(StringComparer.Ordinal);
            _file.Written[patient] = items;
        }
        var offset = 0;
        foreach (var item in pending.Items)
        {
            items[item.Key] = new WrittenItem(item.Sha256, cids.Skip(offset).Take(item.Records).ToArray());
            offset += item.Records;
        }
        _file.Pending.Remove(patient);
        Save();
    }

    /// <summary>Forgets a patient's batch being written (it never reached the outbox, or the chain refused it) and saves the file.</summary>
    /// <param name="patient">The EHR patient id.</param>
    public void AbandonWrite(string patient)
    {
        if (_file.Pending.Remove(patient))
        {
            Save();
        }
    }

    private void Save()
    {
        var temporary = _path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(_file, Json));
        File.Move(temporary, _path, overwrite: true);
    }

    private sealed class StateFile
    {
        public Dictionary<string, Dictionary<string, WrittenItem>> Written { get; set; } = new(StringComparer.Ordinal);

        public Dictionary<string, PendingWrite> Pending { get; set; } = new(StringComparer.Ordinal);
    }
}
