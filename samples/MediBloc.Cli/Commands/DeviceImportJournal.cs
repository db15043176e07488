using System.Text.Json;
using MediBloc.Cli.Framework;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Internal;

namespace MediBloc.Cli.Commands;

/// <summary>A batch of a device import that is anchored: its records' CIDs and commitments, in reading order.</summary>
/// <param name="Index">The batch's position (0-based).</param>
/// <param name="TransactionHash">The batch anchor's transaction, or <see langword="null"/> when it was found anchored after an interruption (the chain was listed, not the receipt kept).</param>
/// <param name="Cids">The records' CIDs.</param>
/// <param name="Commitments">The records' commitments.</param>
internal sealed record ImportedBatch(int Index, string? TransactionHash, IReadOnlyList<string> Cids, IReadOnlyList<string> Commitments)
{
    public static ImportedBatch From(int index, string? transactionHash, IEnumerable<(ContentId Cid, Commitment Commitment)> records)
    {
        var list = records.ToList();
        return new(index, transactionHash, [.. list.Select(r => r.Cid.ToString())], [.. list.Select(r => r.Commitment.ToString())]);
    }
}

/// <summary>The batch a run was about to publish when it was written: what the next run needs to tell whether it got anchored.</summary>
/// <param name="Index">The batch's position.</param>
/// <param name="Size">Its number of records.</param>
/// <param name="KnownRecords">How many records the patient had listed on chain before it (this import's and others').</param>
/// <param name="At">When it was started (the outbox entry it makes is created after this).</param>
internal sealed record StartedBatch(int Index, int Size, int KnownRecords, DateTimeOffset At);

/// <summary>The journal's content.</summary>
internal sealed record DeviceImportJournalData(string ImportId, int Batches, IReadOnlyList<ImportedBatch> Done, StartedBatch? Started);

/// <summary>
/// Where <c>records import-device</c> keeps its progress, one owner-only file per import in the state folder's
/// <c>imports/</c> folder (named by the import id: a hash of the mapped records, the batch size, the owner and the
/// deployment). It holds CIDs and commitments only, never readings. Each change is written atomically.
/// </summary>
internal sealed class DeviceImportJournal
{
    private readonly string _path;
    private readonly List<ImportedBatch> _done;

    private DeviceImportJournal(string path, string importId, int batches, List<ImportedBatch> done, StartedBatch? started)
    {
        _path = path;
        ImportId = importId;
        Batches = batches;
        _done = done;
        Started = started;
    }

    public string ImportId { get; }

    public int Batches { get; }

    /// <summary>The anchored batches, by index.</summary>
    public IReadOnlyList<ImportedBatch> Done => _done;

    public StartedBatch? Started { get; private set; }

    public bool IsDone(int index) => _done.Any(d => d.Index == index);

    /// <summary>Opens the import's journal, or starts an empty one (written on the first change).</summary>
    public static DeviceImportJournal Open(StateFolder state, string importId, int batches)
    {
        var folder = Path.Combine(state.Root, "imports");
        var path = Path.Combine(folder, importId + ".json");
        if (!File.Exists(path))
        {
            PrivateFiles.CreateFolder(folder);
            return new DeviceImportJournal(path, importId, batches, [], null);
        }
        DeviceImportJournalData? data;
        try
        {
            data = JsonSerializer.Deserialize<DeviceImportJournalData>(File.ReadAllText(path), CliJson.Indented);
        }
        catch (JsonException ex)
        {
            throw new InvalidFormatException($"The import journal {path} is not readable; move it away to start this import over (records already anchored would be published again).", ex);
        }
        if (data is null || data.ImportId != importId || data.Batches != batches)
        {
            throw new InvalidFormatException($"The import journal {path} does not belong to this import; move it away to start over.");
        }
        return new DeviceImportJournal(path, importId, batches, [.. data.Done], data.Started);
    }

    /// <summary>Notes that a batch is about to be published.</summary>
    public void Start(StartedBatch started)
    {
        Started = started;
        Save();
    }

    /// <summary>Notes that the started batch is anchored.</summary>
    public void Complete(ImportedBatch batch)
    {
        _done.RemoveAll(d => d.Index == batch.Index);
        _done.Add(batch);
        _done.Sort((a, b) => a.Index.CompareTo(b.Index));
        Started = null;
        Save();
    }

    /// <summary>Forgets the started batch: it never reached the outbox nor the chain, and is published again.</summary>
    public void Abandon()
    {
        Started = null;
        Save();
    }

    private void Save() =>
        PrivateFiles.WriteAtomically(_path, overwrite: true, s =>
        {
            JsonSerializer.Serialize(s, new DeviceImportJournalData(ImportId, Batches, _done, Started), CliJson.Indented);
            return 0;
        });
}
