using MediBloc.Sdk.Crypto;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Notifications;
using MediBloc.Sdk.Research;
using MediBloc.Sdk.Sharing;

namespace MediBloc.Sdk.Roles.Patient;

public partial class PatientClient
{
    /// <summary>
    /// Subscribes to the grants this patient (or a delegate or guardian for them) puts in force, as they are mined.
    /// </summary>
    /// <param name="options">Where to start and how often to poll; <see langword="null"/> for new grants, polled every second.</param>
    /// <param name="cancellationToken">Ends the subscription (the enumeration then throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>An endless stream of grants in chain order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual IAsyncEnumerable<GrantSubmittedEvent> WatchGrantsIMadeAsync(SubscriptionOptions? options = null, CancellationToken cancellationToken = default) =>
        GrantSubscription.WatchAsync(_client, _signer, owner: Address, grantee: null, options, cancellationToken);

    /// <summary>
    /// Subscribes to every use of this patient's data as it is mined: audited reads of their records
    /// (<see cref="AuditEntryKind.Read"/>, with the purpose) and break-the-glass accesses to their vital-info profile
    /// (<see cref="AuditEntryKind.BreakTheGlass"/>, with the reason's hash).
    /// </summary>
    /// <param name="options">Where to start and how often to poll; <see langword="null"/> for new events, polled every second.</param>
    /// <param name="cancellationToken">Ends the subscription (the enumeration then throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>An endless stream of audit entries in block order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">The access grants or emergency access address is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<AuditEntry> WatchReadsOfMyDataAsync(SubscriptionOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var grants = await _client.GetAccessGrantsAsync(_signer, "watch reads of my data").ConfigureAwait(false);
        var emergency = await _client.GetEmergencyAccessAsync(_signer, "watch reads of my data").ConfigureAwait(false);
        var connection = await _client.GetConnectionAsync(_signer).ConfigureAwait(false);
        await foreach (var entry in ChainPoller.PollAsync(connection, options, ReadAsync, cancellationToken).ConfigureAwait(false))
        {
            yield return entry;
        }

        async IAsyncEnumerable<AuditEntry> ReadAsync(long from, long to, [EnumeratorCancellation] CancellationToken ct)
        {
            var entries = new List<AuditEntry>();
            await foreach (var r in grants.GetReadEventsAsync(owner: Address, fromBlock: from, cancellationToken: ct).ConfigureAwait(false))
            {
                entries.Add(new AuditEntry(AuditEntryKind.Read, r.Reader, r.RecordId.ToString(), r.PurposeId, r.ReadAt, r.TransactionHash, r.BlockNumber));
            }
            await foreach (var b in emergency.GetBreakTheGlassEventsAsync(owner: Address, fromBlock: from, cancellationToken: ct).ConfigureAwait(false))
            {
                entries.Add(new AuditEntry(AuditEntryKind.BreakTheGlass, b.Provider, b.PatientTag, b.ReasonHash, b.AccessedAt, b.TransactionHash, b.BlockNumber));
            }
            foreach (var entry in entries.Where(e => e.BlockNumber <= to).OrderBy(e => e.BlockNumber))
            {
                yield return entry;
            }
        }
    }

}
