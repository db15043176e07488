using System.Security.Cryptography;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Records;
using Spectre.Console;

namespace MediBloc.Samples.HospitalAdapter;

/// <summary>What happened to one bundle file.</summary>
/// <param name="File">The file name.</param>
/// <param name="Patient">The patient's id, or <see langword="null"/>.</param>
/// <param name="Resources">Resources in the bundle.</param>
/// <param name="Records">Records published this run.</param>
/// <param name="Status"><c>published</c>, <c>resumed</c> (an earlier run's attempt, left in the outbox, finished now),
/// <c>skipped</c> (done in an earlier run), <c>no patient</c> or <c>failed: …</c>.</param>
public sealed record BundleOutcome(string File, string? Patient, int Resources, int Records, string Status);

/// <summary>
/// Reads a folder of FHIR Bundles and publishes each patient's resources to that patient's record, one bundle at a
/// time, saving progress after each so that an interrupted run resumes where it stopped. A bundle whose publishing
/// failed after its records were sealed (a node outage, a crash) waits in the client's outbox: before publishing a
/// bundle, the adapter finishes whatever its patient left there, and a finished attempt of this same bundle (its layout
/// record holds the same layout) counts as the bundle's publication instead of publishing it twice.
/// </summary>
/// <param name="client">The configured client (chain, registry, content store).</param>
/// <param name="keys">The patients' keys.</param>
/// <param name="state">Which bundles are already published.</param>
/// <param name="console">Where the progress bar and the summary go.</param>
public sealed class HospitalAdapter(MediBlocClient client, PatientKeys keys, AdapterState state, IAnsiConsole console)
{
    /// <summary>Records finished from patients' outboxes in this run and not yet matched to a bundle, by patient address.</summary>
    private readonly Dictionary<EvmAddress, List<PublishedRecord>> _finishedEarlier = [];

    /// <summary>Publishes every <c>*.json</c> bundle in <paramref name="folder"/> not yet in the state file.</summary>
    /// <param name="folder">The folder of bundles.</param>
    /// <param name="onBundleDone">Called after each bundle (for example, to log or to stop the run).</param>
    /// <param name="cancellationToken">Stops the run after the current record; finished bundles stay recorded.</param>
    /// <returns>One outcome per file, in file-name order.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled; run again to resume.</exception>
    public async Task<IReadOnlyList<BundleOutcome>> RunAsync(string folder, Action<BundleOutcome>? onBundleDone = null, CancellationToken cancellationToken = default)
    {
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray();
        var outcomes = new List<BundleOutcome>();
        var publisher = new FhirBundlePublisher(client);
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var overall = context.AddTask("Bundles", maxValue: Math.Max(files.Length, 1));
                foreach (var file in files)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var outcome = await PublishOneAsync(publisher, file, context, cancellationToken).ConfigureAwait(false);
                    outcomes.Add(outcome);
                    onBundleDone?.Invoke(outcome);
                    overall.Increment(1);
                }
            }).ConfigureAwait(false);

        WriteSummary(outcomes);
        return outcomes;
    }

    private async Task<BundleOutcome> PublishOneAsync(FhirBundlePublisher publisher, string file, ProgressContext context, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file);
        var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        var sha256 = Convert.ToHexString(SHA256.HashData(bytes));
        if (state.IsPublished(name, sha256))
        {
            var done = state.Bundles[name];
            return new BundleOutcome(name, done.Patient, done.ResourceCids.Count, 0, "skipped");
        }

        SplitBundle split;
        try
        {
            split = FhirBundleSplitter.Split(bytes);
        }
        catch (FhirFormatException e)
        {
            return new BundleOutcome(name, null, 0, 0, "failed: " + e.Message);
        }

        var patient = split.Resources.FirstOrDefault(r => r.Metadata.ResourceType == "Patient")?.Metadata.Id;
        if (patient is null)
        {
            return new BundleOutcome(name, null, split.Resources.Count, 0, "no patient");
        }

        var task = context.AddTask(Markup.Escape(name), maxValue: split.Resources.Count + 1);
        using var key = keys.For(patient);
        var progress = new Progress<int>(n => task.Value = n);
        try
        {
            var earlier = await FinishEarlierAttemptAsync(key, split, cancellationToken).ConfigureAwait(false);
            var published = earlier ?? await publisher.PublishAsync(key, bytes, progress: progress, cancellationToken: cancellationToken).ConfigureAwait(false);
            state.MarkPublished(name, new PublishedBundleState(
                sha256, patient, key.Address.ToString(), published.Layout.Cid.ToString(), published.Resources.Select(r => r.Cid.ToString()).ToArray()));
            task.Value = task.MaxValue;
            return new BundleOutcome(name, patient, split.Resources.Count, published.RecordCount, earlier is null ? "published" : "resumed");
        }
        catch (MediBlocException e)
        {
            return new BundleOutcome(name, patient, split.Resources.Count, 0, "failed: " + e.Message);
        }
    }

    /// <summary>
    /// Finishes what the patient left in the outbox (so nothing sealed stays unanchored), then looks among the records
    /// finished this run for an attempt of this bundle: its resources followed by a layout record with this layout.
    /// </summary>
    private async Task<PublishedBundle?> FinishEarlierAttemptAsync(Secp256k1PrivateKey key, SplitBundle split, CancellationToken cancellationToken)
    {
        var address = key.Address;
        if (!_finishedEarlier.TryGetValue(address, out var finished))
        {
            finished = [];
            _finishedEarlier[address] = finished;
        }
        var resumed = await client.GetPatientClient(key).ResumePendingAsync(cancellationToken).ConfigureAwait(false);
        if (resumed.Count > 0)
        {
            console.MarkupLine($"[yellow]{resumed.Count} records an earlier run left in the outbox for {Markup.Escape(address.ToString())} are now anchored.[/]");
            finished.AddRange(resumed);
        }

        var count = split.Resources.Count;
        var layoutJson = split.Layout.ToJson();
        for (var i = finished.Count - 1; i >= count; i--)
        {
            if (finished[i].ContentType != FhirContentTypes.BundleLayoutJson
                || finished.Skip(i - count).Take(count).Any(r => r.ContentType != FhirContentTypes.ResourceJson))
            {
                continue;
            }
            var layout = await client.GetProviderClient(key).OpenAsync(finished[i].Cid, cancellationToken).ConfigureAwait(false);
            if (layout.Content.Span.SequenceEqual(layoutJson))
            {
                var bundle = new PublishedBundle(split, finished[i], finished.GetRange(i - count, count));
                finished.RemoveRange(i - count, count + 1);
                return bundle;
            }
        }
        return null;
    }

    private void WriteSummary(IReadOnlyList<BundleOutcome> outcomes)
    {
        var table = new Table().AddColumns("Bundle", "Patient", "Resources", "Records", "Status");
        foreach (var o in outcomes)
        {
            table.AddRow(Markup.Escape(o.File), Markup.Escape(o.Patient ?? "-"), o.Resources.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Records.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(o.Status));
        }

        console.Write(table);
        console.MarkupLine(
            $"{outcomes.Count(o => o.Status is "published" or "resumed")} published, {outcomes.Count(o => o.Status == "skipped")} skipped, " +
            $"{outcomes.Count(o => o.Status.StartsWith("failed", StringComparison.Ordinal))} failed, {outcomes.Sum(o => o.Records)} records.");
    }
}
