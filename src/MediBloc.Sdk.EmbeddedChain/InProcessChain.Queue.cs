using System.Globalization;
using System.Numerics;
using MediBloc.Sdk.EmbeddedChain.Execution;

namespace MediBloc.Sdk.EmbeddedChain;

public sealed partial class InProcessChain
{
    /// <summary>How far ahead of a sender's next nonce a transaction may be and still wait in the sender's queue.</summary>
    public const int MaxQueuedNonceGap = 64;

    /// <summary>Per sender, the transactions whose nonce is ahead of the sender's next, by nonce.</summary>
    private Dictionary<string, SortedDictionary<BigInteger, DecodedTransaction>> _queued = new(StringComparer.Ordinal);

    /// <summary>The number of transactions waiting in senders' queues for the transactions before them (nonce gaps).</summary>
    public int QueuedTransactionCount
    {
        get
        {
            _gate.Wait();
            try
            {
                return _queued.Values.Sum(q => q.Count);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>
    /// Holds a transaction whose nonce is ahead of its sender's next, as a node's pool holds a "future" transaction:
    /// concurrent senders sign nonces in order but may deliver them out of order. It is mined when the gap closes.
    /// </summary>
    private void Queue(DecodedTransaction decoded)
    {
        var tx = decoded.Request;
        ChainException Reject(MediBlocErrorCode code, string message) => new(message, code) { TransactionHash = decoded.Hash };

        ValidateShape(decoded);
        var expected = _state.GetNonce(tx.From);
        if (tx.Nonce - expected > MaxQueuedNonceGap)
        {
            throw Reject(InProcessChainErrors.NonceTooHigh, string.Create(CultureInfo.InvariantCulture,
                $"nonce too high: next nonce {expected}, tx nonce {tx.Nonce}. The embedded chain queues a transaction at most {MaxQueuedNonceGap} nonces ahead until the ones before it arrive."));
        }
        if (!_queued.TryGetValue(tx.From, out var queue))
        {
            _queued[tx.From] = queue = [];
        }
        if (queue.TryGetValue(tx.Nonce, out var waiting))
        {
            if (waiting.Hash == decoded.Hash)
            {
                return;
            }
            throw Reject(InProcessChainErrors.InvalidTransaction, string.Create(CultureInfo.InvariantCulture,
                $"replacement transaction not supported: a transaction with nonce {tx.Nonce} from this sender already waits in the embedded chain's queue ({waiting.Hash})."));
        }
        queue[tx.Nonce] = decoded;
    }

    /// <summary>Mines the sender's queued transactions that are now next in line; one that the chain rejects is dropped, as a node drops it from its pool.</summary>
    private async Task MineQueuedAsync(string sender)
    {
        while (_queued.TryGetValue(sender, out var queue) && queue.Remove(_state.GetNonce(sender), out var next))
        {
            if (queue.Count == 0)
            {
                _queued.Remove(sender);
            }
            try
            {
                await MineNowAsync(next).ConfigureAwait(false);
            }
            catch (ChainException)
            {
                return;
            }
        }
    }

    private Dictionary<string, SortedDictionary<BigInteger, DecodedTransaction>> CopyQueue() =>
        _queued.ToDictionary(p => p.Key, p => new SortedDictionary<BigInteger, DecodedTransaction>(p.Value), StringComparer.Ordinal);
}
