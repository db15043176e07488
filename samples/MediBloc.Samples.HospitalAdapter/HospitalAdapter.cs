using System.Globalization;
using System.Security.Cryptography;
using MediBloc.Sdk;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Roles.Provider;
using Spectre.Console;

namespace MediBloc.Samples.HospitalAdapter;

/// <summary>What happened to one patient in a run.</summary>
/// <param name="Patient">The EHR patient id.</param>
/// <param name="Inputs">Inputs (bundles and bulk resources) for the patient written this run.</param>
/// <param name="Records">Records anchored this run.</param>
/// <param name="Status"><c>written</c>, <c>resumed</c> (a batch an earlier run left in the outbox, anchored now),
/// <c>up to date</c>, <c>not in directory</c>, <c>bad directory entry</c>, <c>no write consent: CODE</c> or <c>failed: CODE</c>
/// (the batch waits in the outbox, or an earlier run's batch for the patient still does).</param>
/// <param name="GasUsed">The gas of the patient's batch anchor this run (one transaction), or 0.</param>
public sealed record PatientOutcome(string Patient, int Inputs, int Records, string Status, long GasUsed = 0);

/// <summary>A run's outcome.</summary>
/// <param name="Patients">One outcome per patient, in patient-id order (resumed batches first).</param>
/// <param name="Problems">Inputs that could not be read, with file and line.</param>
/// <param name="WithoutPatient">Bulk resources that name no patient (skipped).</param>
public sealed record AdapterRun(IReadOnlyList<PatientOutcome> Patients, IReadOnlyList<InputProblem> Problems, int WithoutPatient);

/// <summary>
/// Writes a hospital's FHIR data into its patients' records as a certified provider, holding only its own key. Inputs
/// are a folder of FHIR Bundles (<c>*.json</c>, each one patient's) and a FHIR Bulk Data export (<c>*.ndjson</c>, one
/// file per resource type), grouped by patient. Each patient's new inputs go into that patient's record as one batch
/// (<see cref="ProviderClient.WriteRecordsAsync"/>: one anchor per patient per run, sealed to the patient and the
/// hospital), under the write consent the patient granted the hospital. A bundle becomes its resources plus its
/// layout (so it reassembles byte for byte); a bulk resource becomes one record. The state file makes a rerun write
/// nothing twice, and a batch that failed after sealing (store or chain down) is finished from the outbox on the next run.
/// </summary>
/// <param name="client">The configured client (chain, contracts, content store, outbox).</param>
/// <param name="hospital">The hospital's identity: its key, the only one the adapter holds.</param>
/// <param name="directory">The patients' addresses and public keys.</param>
/// <param name="state">What is already written.</param>
/// <param name="console">Where the progress bar and the summary go.</param>
public sealed class HospitalAdapter(MediBlocClient client, HospitalIdentity hospital, PatientDirectory directory, AdapterState state, IAnsiConsole console)
{
    /// <summary>The purpose of use the hospital writes for; the patients' write consents name it.</summary>
    public const string Purpose = "TREAT";

    /// <summary>Writes every patient's new inputs from <paramref name="folder"/>.</summary>
    /// <param name="folder">The folder of bundles and NDJSON files.</param>
    /// <param name="onPatientDone">Called after each patient (for example, to log or to stop the run).</param>
    /// <param name="cancellationToken">Stops the run after the current patient; finished patients stay recorded.</param>
    /// <returns>The run's outcome.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled; run again to resume.</exception>
    public async Task<AdapterRun> RunAsync(string folder, Action<PatientOutcome>? onPatientDone = null, CancellationToken cancellationToken = default)
    {
        var provider = hospital.AsProvider(client);
        var outcomes = new List<PatientOutcome>();
        outcomes.AddRange(await FinishEarlierRunsAsync(provider, cancellationToken).ConfigureAwait(false));
        var problems = new List<InputProblem>();
        var inputs = AdapterInputs.Read(folder, problems, out var withoutPatient);
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var overall = context.AddTask("Patients", maxValue: Math.Max(inputs.Count, 1));
                foreach (var (patient, items) in inputs)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var outcome = await WritePatientAsync(provider, patient, items, cancellationToken).ConfigureAwait(false);
                    outcomes.Add(outcome);
                    onPatientDone?.Invoke(outcome);
                    overall.Increment(1);
                }
            }).ConfigureAwait(false);

        var run = new AdapterRun(outcomes, problems, withoutPatient);
        WriteSummary(run);
        return run;
    }

    private async Task<PatientOutcome> WritePatientAsync(ProviderClient provider, string patient, IReadOnlyList<AdapterInput> items, CancellationToken cancellationToken)
    {
        var todo = items.Where(i => !state.IsWritten(patient, i.Key, i.Sha256)).ToList();
        if (todo.Count == 0)
        {
            return new PatientOutcome(patient, 0, 0, "up to date");
        }
        if (state.Pending.ContainsKey(patient))
        {
            // An earlier run's batch for this patient still waits in the outbox: writing again would write it twice.
            return new PatientOutcome(patient, 0, 0, "failed: " + MediBlocErrorCode.NodeUnavailable);
        }
        Sdk.Crypto.Secp256k1PublicKey? publicKey;
        try
        {
            publicKey = directory.Find(patient);
        }
        catch (Exception e) when (e is InvalidDataException or MediBlocException)
        {
            return new PatientOutcome(patient, 0, 0, "bad directory entry");
        }
        if (publicKey is null)
        {
            return new PatientOutcome(patient, 0, 0, "not in directory");
        }

        var records = todo.SelectMany(i => i.Records).ToList();
        state.BeginWrite(patient, new PendingWrite(
            todo.Select(i => new PendingItem(i.Key, i.Sha256, i.Records.Count)).ToArray(),
            records.Select(r => Digest(r.Content.Span)).ToArray()));
        try
        {
            #region Snippet:HospitalWritesPatientBatch
            // One batch per patient per run: every record sealed to the patient (public key from the directory) and
            // the hospital, one Merkle root anchored into the patient's record under the patient's write consent.
            IReadOnlyList<PublishedRecord> written = await provider.WriteRecordsAsync(publicKey, records, "TREAT", cancellationToken).ConfigureAwait(false);
            #endregion
            state.CompleteWrite(patient, written.Select(w => w.Cid.ToString()).ToArray());
            return new PatientOutcome(patient, todo.Count, written.Count, "written", written[0].GasUsed);
        }
        catch (AccessDeniedException e)
        {
            // Nothing sealed, stored or anchored (or, if the consent ended during the write, stored and refused on chain).
            state.AbandonWrite(patient);
            return new PatientOutcome(patient, 0, 0, "no write consent: " + e.Code);
        }
        catch (MediBlocException e)
        {
            // The batch waits in the outbox (or never reached it); the next run finishes or rewrites it.
            return new PatientOutcome(patient, 0, 0, "failed: " + e.Code);
        }
    }

    /// <summary>
    /// Finishes the batches an earlier run left in the outbox and matches each to the patient's pending write (same
    /// owner, same record plaintexts in the same order), which then counts as written. A pending write that no batch
    /// matches never reached the outbox: it is dropped, and its inputs are written again in this run.
    /// </summary>
    private async Task<List<PatientOutcome>> FinishEarlierRunsAsync(ProviderClient provider, CancellationToken cancellationToken)
    {
        var outcomes = new List<PatientOutcome>();
        Sdk.Records.ResumeReport report;
        try
        {
            report = await provider.ResumePendingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StorageException or ChainException)
        {
            // The store or the chain is still down: the batches stay in the outbox, and their patients wait for the next run.
            console.MarkupLine($"[yellow]Batches of earlier runs still wait in the outbox: {Markup.Escape(((MediBlocException)e).Code.ToString())}.[/]");
            return outcomes;
        }
        foreach (var batch in report.Finished.GroupBy(r => r.Batch?.Root ?? r.Commitment.ToString()))
        {
            var records = batch.ToList();
            var owner = records[0].Owner;
            foreach (var (patient, pending) in state.Pending.ToList())
            {
                if (directory.Entries.TryGetValue(patient, out var entry) && string.Equals(entry.Address, owner.ToString(), StringComparison.OrdinalIgnoreCase)
                    && pending.Digests.Count == records.Count
                    && await SameRecordsAsync(provider, records, pending.Digests, cancellationToken).ConfigureAwait(false))
                {
                    state.CompleteWrite(patient, records.Select(r => r.Cid.ToString()).ToArray());
                    outcomes.Add(new PatientOutcome(patient, pending.Items.Count, records.Count, "resumed", records[0].GasUsed));
                    break;
                }
            }
        }
        foreach (var failure in report.Failed.Where(f => f.LeftOutbox).DistinctBy(f => f.Owner))
        {
            var patient = directory.Entries.Values.FirstOrDefault(e => string.Equals(e.Address, failure.Owner.ToString(), StringComparison.OrdinalIgnoreCase))?.Id ?? failure.Owner.ToString();
            outcomes.Add(new PatientOutcome(patient, 0, 0, "no write consent: " + failure.Error.Code));
        }
        if (report.Failed.Count(f => !f.LeftOutbox) is > 0 and var waiting)
        {
            console.MarkupLine($"[yellow]{waiting} records of earlier runs still wait in the outbox: {Markup.Escape(report.Failed[0].Error.Code.ToString())}.[/]");
            return outcomes;
        }
        foreach (var patient in state.Pending.Keys.ToList())
        {
            state.AbandonWrite(patient);
        }
        if (report.Count > 0)
        {
            console.MarkupLine($"[yellow]{report.Count} records an earlier run left in the outbox are now anchored.[/]");
        }
        return outcomes;
    }

    private static async Task<bool> SameRecordsAsync(ProviderClient provider, List<PublishedRecord> records, IReadOnlyList<string> digests, CancellationToken cancellationToken)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var opened = await provider.OpenAsync(records[i].Cid, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(Digest(opened.Content.Span), digests[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    private static string Digest(ReadOnlySpan<byte> content) => Convert.ToHexString(SHA256.HashData(content));

    private void WriteSummary(AdapterRun run)
    {
        var table = new Table().AddColumns("Patient", "Inputs", "Records", "Gas", "Status");
        foreach (var o in run.Patients)
        {
            table.AddRow(Markup.Escape(o.Patient), o.Inputs.ToString(CultureInfo.InvariantCulture), o.Records.ToString(CultureInfo.InvariantCulture), o.GasUsed.ToString(CultureInfo.InvariantCulture), Markup.Escape(o.Status));
        }
        console.Write(table);
        foreach (var p in run.Problems)
        {
            console.MarkupLine($"[red]{Markup.Escape(p.File)}:{p.Line}[/] skipped: {Markup.Escape(p.Reason)}");
        }
        int Count(string prefix) => run.Patients.Count(o => o.Status.StartsWith(prefix, StringComparison.Ordinal));
        console.MarkupLine(
            $"{Count("written")} written, {Count("resumed")} resumed, {Count("up to date")} up to date, {Count("no write consent")} without write consent, " +
            $"{Count("not in directory")} not in directory, {Count("failed")} failed, {run.Patients.Sum(o => o.Records)} records; " +
            $"{run.Problems.Count} inputs skipped, {run.WithoutPatient} resources without a patient.");
    }
}
