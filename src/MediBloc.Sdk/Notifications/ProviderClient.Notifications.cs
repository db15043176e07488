using System.Runtime.CompilerServices;
using MediBloc.Sdk.Access;
using MediBloc.Sdk.Notifications;

namespace MediBloc.Sdk.Records;

public partial class ProviderClient
{
    /// <summary>
    /// Subscribes to the grants patients put in force for this reader, as they are mined; follow one with
    /// <see cref="ListSharedWithMeAsync"/> to find the records it covers.
    /// </summary>
    /// <param name="options">Where to start and how often to poll; <see langword="null"/> for new grants, polled every second.</param>
    /// <param name="cancellationToken">Ends the subscription (the enumeration then throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>An endless stream of grants in chain order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<GrantSubmittedEvent> WatchGrantsToMeAsync(SubscriptionOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var grants = await _client.GetAccessGrantsAsync(_key, "watch grants to me").ConfigureAwait(false);
        var connection = await _client.GetConnectionAsync(_key).ConfigureAwait(false);
        await foreach (var grant in ChainPoller.PollAsync(connection, options, ReadAsync, cancellationToken).ConfigureAwait(false))
        {
            yield return grant;
        }

        async IAsyncEnumerable<GrantSubmittedEvent> ReadAsync(long from, long to, [EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (var g in grants.GetGrantEventsAsync(grantee: Address, fromBlock: from, cancellationToken: ct).ConfigureAwait(false))
            {
                if (g.BlockNumber <= to)
                {
                    yield return g;
                }
            }
        }
    }
}
