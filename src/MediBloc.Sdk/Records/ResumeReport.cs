using MediBloc.Sdk.Crypto;
using System.Collections;

namespace MediBloc.Sdk.Records;

/// <summary>
/// What <see cref="MediBloc.Sdk.Roles.Patient.PatientClient.ResumePendingAsync"/> (and <see cref="MediBloc.Sdk.Roles.Provider.ProviderClient.ResumePendingAsync"/>) did with
/// every outbox entry of the client's chain and registry: the records it finished, and each entry it could not finish
/// with its commitment, CID and reason. One entry that cannot finish never stops the others.
/// </summary>
/// <remarks>
/// The report is also the list of the finished records (<see cref="Finished"/>), so code written for v1, which
/// received that list, keeps working; check <see cref="Failed"/> (or <see cref="IsComplete"/>) to see what is left.
/// </remarks>
public sealed class ResumeReport : IReadOnlyList<PublishedRecord>
{
    /// <summary>Creates a report.</summary>
    /// <param name="finished">The records finished, oldest first.</param>
    /// <param name="failed">The entries that could not finish, in outbox order.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ResumeReport(IReadOnlyList<PublishedRecord> finished, IReadOnlyList<ResumeFailure> failed)
    {
        ArgumentNullException.ThrowIfNull(finished);
        ArgumentNullException.ThrowIfNull(failed);
        Finished = finished;
        Failed = failed;
    }

    /// <summary>The records finished now, oldest first (for one anchored before a crash, its original anchor).</summary>
    public IReadOnlyList<PublishedRecord> Finished { get; }

    /// <summary>The entries that could not finish, each with its commitment, CID (when stored) and reason.</summary>
    public IReadOnlyList<ResumeFailure> Failed { get; }

    /// <summary>Whether every entry finished.</summary>
    public bool IsComplete => Failed.Count == 0;

    /// <inheritdoc/>
    public int Count => Finished.Count;

    /// <inheritdoc/>
    public PublishedRecord this[int index] => Finished[index];

    /// <inheritdoc/>
    public IEnumerator<PublishedRecord> GetEnumerator() => Finished.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>One outbox entry that <see cref="MediBloc.Sdk.Roles.Patient.PatientClient.ResumePendingAsync"/> could not finish.</summary>
/// <param name="Commitment">The record's commitment (0x-hex).</param>
/// <param name="Cid">The CID its envelope is stored under, or <see langword="null"/> when it was not stored.</param>
/// <param name="Owner">The account that owns (or would own) the record on chain: the patient of a written record.</param>
/// <param name="OutboxBatchId">For a record of a batch, the batch's <see cref="MediBloc.Sdk.Outbox.PendingBatch.BatchId"/> (every record of the batch is reported); otherwise <see langword="null"/>.</param>
/// <param name="Reason">Why, in words (the error's message).</param>
/// <param name="Error">The typed error: its <see cref="MediBlocException.Code"/> (and, for a refused transaction, <see cref="ChainException.RevertError"/>) tells what to do.</param>
/// <param name="LeftOutbox">
/// <see langword="true"/> when the entry left the outbox because nothing can finish it (a written record whose write
/// grant or credential ended: write it again under a new grant); <see langword="false"/> when it stays for the next call
/// or for inspection.
/// </param>
public sealed record ResumeFailure(Commitment Commitment, string? Cid, EvmAddress Owner, string? OutboxBatchId, string Reason, MediBlocException Error, bool LeftOutbox);
