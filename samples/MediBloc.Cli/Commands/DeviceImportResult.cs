using MediBloc.Sdk.Fhir;

namespace MediBloc.Cli.Commands;

/// <summary>One imported record: the reading's kind, its batch, and the record's CID and commitment.</summary>
internal sealed record ImportedRecordOutput(string Cid, string Commitment, string Kind, int Batch, string? TransactionHash);

/// <summary>
/// The <c>records import-device --json</c> document (README: "records import-device"): the readings imported per
/// kind, the batches (anchored by this run, found done from an earlier run, recovered from an interrupted one), the
/// outbox entries of other publishes finished first, and every record of the import in file order.
/// </summary>
internal sealed record DeviceImportResult(
    string ImportId,
    string Format,
    int Readings,
    IReadOnlyDictionary<string, int> Kinds,
    int BatchSize,
    int Batches,
    int Published,
    int Skipped,
    int Recovered,
    int Resumed,
    IReadOnlyList<ImportedRecordOutput> Records)
{
    public static DeviceImportResult Create(DeviceImportJournal journal, DeviceImportRequest request, IReadOnlyList<DeviceReading> readings, int published, int skipped, int recovered, int resumed)
    {
        var records = new List<ImportedRecordOutput>(readings.Count);
        foreach (var batch in journal.Done)
        {
            for (var j = 0; j < batch.Cids.Count; j++)
            {
                var reading = readings[(batch.Index * request.BatchSize) + j];
                records.Add(new ImportedRecordOutput(batch.Cids[j], batch.Commitments[j], reading.Kind.ToString(), batch.Index, batch.TransactionHash));
            }
        }
        var kinds = readings.GroupBy(r => r.Kind.ToString(), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new DeviceImportResult(journal.ImportId, request.Format, readings.Count, kinds, request.BatchSize, journal.Batches, published, skipped, recovered, resumed, records);
    }
}
