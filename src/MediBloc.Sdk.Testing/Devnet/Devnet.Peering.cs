using MediBloc.Sdk.Storage.Ipfs;

namespace MediBloc.Sdk.Testing;

/// <content>Peering two devnets' IPFS nodes (the patient's and the hospital's) over loopback.</content>
public sealed partial class Devnet
{
    /// <summary>
    /// The IPFS node's libp2p address, e.g. <c>/ip4/127.0.0.1/tcp/40123/p2p/12D3Koo…</c> (plain TCP on loopback), or
    /// <see langword="null"/> when IPFS was not started or did not print it.
    /// </summary>
    public string? IpfsSwarmAddress { get; private set; }

    /// <summary>
    /// Connects this devnet's IPFS node to <paramref name="other"/>'s (<c>swarm connect</c>) and waits until each
    /// lists the other as a peer: from then on each fetches by CID what the other holds (bitswap). A second node for
    /// this is a devnet started with <see cref="DevnetOptions.StartChain"/> off; it has its own repository and ports.
    /// </summary>
    /// <param name="other">The other devnet, with IPFS started.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the two nodes are connected.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this devnet.</exception>
    /// <exception cref="InvalidOperationException">One of the devnets was started without IPFS.</exception>
    /// <exception cref="MediBlocException">The nodes did not connect within <see cref="DevnetOptions.StartTimeout"/> (code <c>DevnetUnavailable</c>), or a node did not answer (<see cref="StorageException"/>).</exception>
    public async Task ConnectIpfsAsync(Devnet other, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("Connect the node to another devnet's node, not to itself.", nameof(other));
        }

        var address = other.IpfsSwarmAddress ?? throw new InvalidOperationException("The other devnet was started without IPFS (DevnetOptions.StartIpfs), or its node printed no swarm address.");
        var options = new KuboRpcClientOptions { RequestTimeout = TimeSpan.FromSeconds(30) };
        var mine = new KuboRpcClient(IpfsApiUrl, options);
        var theirs = new KuboRpcClient(other.IpfsApiUrl, options);
        var myId = (await mine.IdAsync(cancellationToken).ConfigureAwait(false)).Id;
        var theirId = (await theirs.IdAsync(cancellationToken).ConfigureAwait(false)).Id;

        await mine.SwarmConnectAsync(address, cancellationToken).ConfigureAwait(false);
        var deadline = DateTime.UtcNow + _options.StartTimeout;
        while (!await ListsAsync(mine, theirId, cancellationToken).ConfigureAwait(false)
            || !await ListsAsync(theirs, myId, cancellationToken).ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new MediBlocException(
                    $"The IPFS nodes at {IpfsApiUrl} and {other.IpfsApiUrl} did not list each other as peers within {_options.StartTimeout.TotalSeconds:0} s after swarm connect.",
                    DevnetErrors.DevnetUnavailable);
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> ListsAsync(KuboRpcClient node, string peerId, CancellationToken cancellationToken) =>
        (await node.SwarmPeersAsync(cancellationToken).ConfigureAwait(false)).Any(p => p.PeerId == peerId);
}
