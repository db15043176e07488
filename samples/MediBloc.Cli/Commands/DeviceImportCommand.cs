using System.CommandLine;
using MediBloc.Cli.Framework;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Roles.Patient;
using MediBloc.Sdk.Storage;

namespace MediBloc.Cli.Commands;

/// <summary>
/// <c>medibloc records import-device</c>: reads a device export (CSV, Open mHealth, Apple Health), maps each reading to
/// a FHIR Observation and publishes them in batches, one batch anchor each, resumable after Ctrl-C or a crash without
/// publishing a batch twice (see <see cref="DeviceImportJournal"/>).
/// </summary>
internal static class DeviceImportCommand
{
    /// <summary>The records' content type.</summary>
    public const string ContentType = "application/fhir+json";

    /// <summary>The default batch size.</summary>
    public const int DefaultBatchSize = 100;

    /// <summary>The largest batch (its manifest lists every record).</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>Called with ("started" or "published", batch index) around each batch publish; lets tests interrupt a run at a known point.</summary>
    internal static readonly AsyncLocal<Action<string, int>?> Checkpoint = new();

    /// <summary>Adjusts the client's options after the command's own settings; lets tests put a failing content store in the way.</summary>
    internal static readonly AsyncLocal<Action<MediBlocClientOptions>?> ConfigureClient = new();

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The device export: a CSV file, an Open mHealth JSON file or an Apple Health export.xml." };
        var format = new Option<string>("--format") { Description = "The export's format: csv, openmhealth or applehealth.", Required = true };
        format.AcceptOnlyFromAmong(DeviceExport.Formats);
        var since = new Option<string>("--since") { Description = "Import only readings at or after this ISO 8601 date or date-time (UTC without an offset)." };
        var kinds = new Option<string[]>("--kinds") { Description = "Import only these kinds (default all).", AllowMultipleArgumentsPerToken = true };
        kinds.AcceptOnlyFromAmong(DeviceExport.Kinds);
        var batchSize = new Option<int>("--batch-size") { Description = $"Records per batch anchor, 1-{MaxBatchSize} (default {DefaultBatchSize}).", DefaultValueFactory = _ => DefaultBatchSize };
        var command = new Command("import-device", "Import a device export: map each reading to a FHIR Observation and publish them as your records, one batch anchor per --batch-size records. A re-run of the same import (after Ctrl-C or a crash) finishes it without publishing anything twice.")
        {
            file, format, since, kinds, batchSize,
        };
        CommandRunner.SetChainAction(command, (session, ct) =>
        {
            var size = session.Parse.GetValue(batchSize);
            if (size is < 1 or > MaxBatchSize)
            {
                throw new UsageException($"--batch-size must be from 1 to {MaxBatchSize}, not {size}.");
            }
            var request = new DeviceImportRequest(
                session.Parse.GetRequiredValue(file), session.Parse.GetRequiredValue(format), DeviceExport.ParseSince(session.Parse.GetValue(since)),
                session.Parse.GetValue(kinds) ?? [], size);
            return RunAsync(session, request, ct);
        },
        // Every batch, however small, is anchored as one batch (one transaction).
        options =>
        {
            options.BatchAnchorThreshold = 1;
            ConfigureClient.Value?.Invoke(options);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliSession session, DeviceImportRequest request, CancellationToken cancellationToken)
    {
        // Read, filter and map everything before touching the chain: a bad file publishes nothing. The records are
        // mapped again batch by batch when published (the mapping is deterministic), so only the readings stay in memory.
        var readings = DeviceExport.Filter(DeviceExport.Read(request.File, request.Format), request.Since, request.Kinds);
        var identity = session.Identity();
        var subject = "Patient/" + identity.Address;
        var batches = readings.Chunk(request.BatchSize).ToList();
        var importId = DeviceExport.ImportId(batches.Select(b => DeviceExport.ToRecords(b, subject)), readings.Count, request.BatchSize, identity.Address, session.Deployment);
        var journal = DeviceImportJournal.Open(session.State, importId, batches.Count);
        var patient = session.Client.GetPatientClient(identity);
        var opener = session.Client.GetProviderClient(identity);

        var skipped = journal.Done.Count;
        var (recovered, resumed) = await RecoverAsync(patient, journal, i => DeviceExport.ToRecords(batches[i], subject),
            async (cid, ct) => (await opener.OpenAsync(cid, ct).ConfigureAwait(false)).Content, cancellationToken).ConfigureAwait(false);
        var published = 0;
        if (journal.Done.Count < batches.Count)
        {
            var known = (await patient.ListMyRecordsAsync(cancellationToken).ConfigureAwait(false)).Count;
            using var progress = session.Output.Progress("Importing", batches.Count);
            for (var i = 0; i < batches.Count; i++)
            {
                if (journal.IsDone(i))
                {
                    progress.Advance();
                    continue;
                }
                var records = DeviceExport.ToRecords(batches[i], subject);
                journal.Start(new StartedBatch(i, records.Count, known, DateTimeOffset.UtcNow));
                Checkpoint.Value?.Invoke("started", i);
                var anchored = await patient.PublishManyAsync(records.Select(r => new RecordToPublish(r, ContentType)), cancellationToken).ConfigureAwait(false);
                Checkpoint.Value?.Invoke("published", i);
                journal.Complete(ImportedBatch.From(i, anchored[0].TransactionHash, anchored.Select(r => (r.Cid, r.Commitment))));
                known += anchored.Count;
                published++;
                progress.Advance($"{anchored.Count} records");
            }
        }

        var result = DeviceImportResult.Create(journal, request, readings, published, skipped, recovered, resumed);
        return session.Output.Emit(result, (o, r) =>
        {
            o.WriteLine($"{r.Readings} reading(s) in {r.Batches} batch(es): {r.Published} published now, {r.Skipped} already imported, {r.Recovered} recovered from an interrupted run");
            foreach (var (kind, count) in r.Kinds)
            {
                o.WriteLine($"  {kind} {count}");
            }
        });
    }

    /// <summary>
    /// Finishes what the outbox holds (this import's interrupted batch and anything else of this patient), then settles the
    /// batch an earlier run had started: anchored from the outbox now, found anchored already (its records opened and
    /// compared with the batch's), or never sent (published again).
    /// </summary>
    private static async Task<(int Recovered, int Resumed)> RecoverAsync(
        PatientClient patient, DeviceImportJournal journal, Func<int, List<byte[]>> recordsOf, Func<ContentId, CancellationToken, Task<ReadOnlyMemory<byte>>> open, CancellationToken cancellationToken)
    {
        var started = journal.Started;
        HashSet<Commitment> ours = [];
        if (started is not null)
        {
            await foreach (var batch in patient.GetPendingBatchesAsync(cancellationToken).ConfigureAwait(false))
            {
                if (ours.Count == 0 && batch.CreatedAt >= started.At && batch.Records.Count == started.Size && batch.Records.All(r => r.ContentType == ContentType))
                {
                    ours = [.. batch.Records.Select(r => r.Commitment)];
                }
            }
        }
        var report = await patient.ResumePendingAsync(cancellationToken).ConfigureAwait(false);
        if (!report.IsComplete)
        {
            throw report.Failed[0].Error;
        }
        if (started is null)
        {
            return (0, report.Count);
        }

        var finished = report.Finished.Where(r => ours.Contains(r.Commitment)).ToList();
        if (ours.Count > 0 && finished.Count == ours.Count)
        {
            journal.Complete(ImportedBatch.From(started.Index, finished[0].TransactionHash, finished.Select(r => (r.Cid, r.Commitment))));
            return (1, report.Count - finished.Count);
        }

        // Not in the outbox: anchored before the run stopped (a batch leaves the outbox only once anchored), or never
        // saved. The records the account gained since the batch was started tell which: this batch's contents or not.
        var mine = await patient.ListMyRecordsAsync(cancellationToken).ConfigureAwait(false);
        var added = mine.Count - started.KnownRecords - report.Count;
        if (added <= 0)
        {
            journal.Abandon();
            return (0, report.Count);
        }
        var imported = journal.Done.SelectMany(d => d.Commitments).ToHashSet(StringComparer.Ordinal);
        var candidates = mine.Where(r => !imported.Contains(r.Commitment.ToString())).TakeLast(added).ToList();
        var expected = recordsOf(started.Index);
        var matched = new (ContentId Cid, Commitment Commitment)?[expected.Count];
        foreach (var candidate in candidates)
        {
            var content = await open(candidate.Cid, cancellationToken).ConfigureAwait(false);
            var slot = Enumerable.Range(0, expected.Count).FirstOrDefault(j => matched[j] is null && content.Span.SequenceEqual(expected[j]), -1);
            if (slot >= 0)
            {
                matched[slot] = (candidate.Cid, candidate.Commitment);
            }
        }
        var found = matched.Count(m => m is not null);
        if (found == 0)
        {
            journal.Abandon();
            return (0, report.Count);
        }
        if (found < expected.Count)
        {
            throw new MediBlocException(
                $"Batch {started.Index + 1} of this import was interrupted and only {found} of its {expected.Count} records are anchored: another program published as this account meanwhile or the records were moved. Check records list, then move the import journal away to start over.");
        }
        journal.Complete(ImportedBatch.From(started.Index, null, matched.Select(m => m!.Value)));
        return (1, report.Count);
    }
}

/// <summary>What <c>records import-device</c> was asked to do.</summary>
internal sealed record DeviceImportRequest(string File, string Format, DateTimeOffset? Since, IReadOnlyCollection<string> Kinds, int BatchSize);
