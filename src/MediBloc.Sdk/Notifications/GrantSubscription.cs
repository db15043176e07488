using MediBloc.Sdk.Crypto.Signers;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;

namespace MediBloc.Sdk.Notifications;

/// <summary>The subscription to <c>GrantSubmitted</c> events behind the patient's and the provider's grant notifications.</summary>
internal static class GrantSubscription
{
    public static async IAsyncEnumerable<GrantSubmittedEvent> WatchAsync(
        ClientContext client, MediBlocSigner signer, EvmAddress? owner, EvmAddress? grantee, SubscriptionOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var grants = await client.GetAccessGrantsAsync(signer, "watch grants").ConfigureAwait(false);
        var connection = await client.GetConnectionAsync(signer).ConfigureAwait(false);
        await foreach (var grant in ChainPoller.PollAsync(connection, options, ReadAsync, cancellationToken).ConfigureAwait(false))
        {
            yield return grant;
        }

        async IAsyncEnumerable<GrantSubmittedEvent> ReadAsync(long from, long to, [EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (var g in grants.GetGrantEventsAsync(owner, grantee, from, ct).ConfigureAwait(false))
            {
                if (g.BlockNumber <= to)
                {
                    yield return g;
                }
            }
        }
    }
}
