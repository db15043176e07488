using System.Diagnostics;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Notifications;

/// <summary>
/// The loop behind every subscription: each poll reads the latest block number L and hands the range
/// [next, L] (at most <see cref="MaxRange"/> blocks at a time) to a reader that yields what happened in it, then
/// continues after it. Ranges are disjoint and contiguous, so on a chain without reorganisations nothing is missed or
/// delivered twice. A node that cannot be reached is waited for, up to <see cref="SubscriptionOptions.MaxOutage"/>:
/// the same range is read again once it answers.
/// </summary>
internal static class ChainPoller
{
    /// <summary>The most blocks one range covers (a subscription from an old block reads the history page by page).</summary>
    internal const long MaxRange = 10_000;

    /// <summary>Reads what happened in the blocks [from, to], in chain order.</summary>
    public delegate IAsyncEnumerable<T> RangeReader<out T>(long from, long to, CancellationToken cancellationToken);

    public static async IAsyncEnumerable<T> PollAsync<T>(ChainConnection connection, SubscriptionOptions? options, RangeReader<T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        options ??= new SubscriptionOptions();
        options.Validate();
        var interval = options.PollingInterval;
        var outage = new OutageClock(options.MaxOutage);
        long next;
        while (true)
        {
            try
            {
                next = options.FromBlock ?? await connection.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false) + 1;
                break;
            }
            catch (ChainException e) when (outage.RideOut(e))
            {
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            }
        }
        while (true)
        {
            long latest, to;
            var items = new List<T>();
            try
            {
                latest = await connection.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
                to = Math.Min(latest, next + MaxRange - 1);
                if (to >= next)
                {
                    await foreach (var item in read(next, to, cancellationToken).ConfigureAwait(false))
                    {
                        items.Add(item);
                    }
                }
                outage.Reset();
            }
            catch (ChainException e) when (outage.RideOut(e))
            {
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
                continue;
            }
            foreach (var item in items)
            {
                yield return item;
            }
            if (to >= next)
            {
                next = to + 1;
            }
            if (to < latest)
            {
                continue;
            }
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How long the node has been unreachable; whether to keep waiting for it.</summary>
    private sealed class OutageClock(TimeSpan limit)
    {
        private Stopwatch? _since;

        public bool RideOut(ChainException e)
        {
            if (e.Code != MediBlocErrorCode.NodeUnavailable)
            {
                return false;
            }
            _since ??= Stopwatch.StartNew();
            return _since.Elapsed < limit;
        }

        public void Reset() => _since = null;
    }
}
