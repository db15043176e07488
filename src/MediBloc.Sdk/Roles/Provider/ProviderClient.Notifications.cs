using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Notifications;

namespace MediBloc.Sdk.Roles.Provider;

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
    public virtual IAsyncEnumerable<GrantSubmittedEvent> WatchGrantsToMeAsync(SubscriptionOptions? options = null, CancellationToken cancellationToken = default) =>
        GrantSubscription.WatchAsync(_client, _signer, owner: null, grantee: Address, options, cancellationToken);
}
