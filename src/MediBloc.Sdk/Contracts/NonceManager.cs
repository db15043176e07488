using System.Numerics;

namespace MediBloc.Sdk.Contracts;

/// <summary>
/// Hands out the nonces of one account so that concurrent sends never collide. The first use reads the node's
/// pending transaction count; a send that the node rejects calls <see cref="ResetAsync"/>, so the next send
/// reads the count again and no gap is left behind (a gap would make every later transaction wait forever).
/// </summary>
internal sealed class NonceManager
{
    private readonly Func<CancellationToken, Task<BigInteger>> _readPendingCount;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private BigInteger? _next;

    public NonceManager(Func<CancellationToken, Task<BigInteger>> readPendingCount)
    {
        _readPendingCount = readPendingCount;
    }

    /// <summary>Reserves the next nonce.</summary>
    public async Task<BigInteger> NextAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var next = _next ?? await _readPendingCount(cancellationToken).ConfigureAwait(false);
            _next = next + 1;
            return next;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the counter; the next <see cref="NextAsync"/> reads it from the node again.</summary>
    public async Task ResetAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _next = null;
        }
        finally
        {
            _gate.Release();
        }
    }
}
