using System.Runtime.CompilerServices;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Notifications;

/// <summary>
/// The loop behind every subscription: each poll reads the latest block number L and hands the range
/// [next, L] to a reader that yields what happened in it, then continues from L + 1. Ranges are disjoint and
/// contiguous, so on a chain without reorganisations nothing is missed or delivered twice.
/// </summary>
internal static class ChainPoller
{
    /// <summary>Reads what happened in the blocks [from, to], in chain order.</summary>
    public delegate IAsyncEnumerable<T> RangeReader<out T>(long from, long to, CancellationToken cancellationToken);

    public static async IAsyncEnumerable<T> PollAsync<T>(ChainConnection connection, SubscriptionOptions? options, RangeReader<T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        options ??= new SubscriptionOptions();
        options.Validate();
        var interval = options.PollingInterval;
        var next = options.FromBlock ?? await connection.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false) + 1;
        while (true)
        {
            var latest = await connection.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
            if (latest >= next)
            {
                await foreach (var item in read(next, latest, cancellationToken).ConfigureAwait(false))
                {
                    yield return item;
                }
                next = latest + 1;
            }
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }
}
