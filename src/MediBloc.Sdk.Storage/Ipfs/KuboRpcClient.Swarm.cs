using System.Text.Json;

namespace MediBloc.Sdk.Storage.Ipfs;

/// <content>The swarm: connecting this node to another (the patient's node to the hospital's) so that bitswap moves blocks between them.</content>
public partial class KuboRpcClient
{
    /// <summary>
    /// Connects the node to a peer (<c>ipfs swarm connect</c>), for example the other node's address from its
    /// <see cref="IdAsync"/>. Once connected, each node fetches by CID the blocks the other holds (bitswap).
    /// </summary>
    /// <param name="multiaddress">The peer's multiaddress ending in <c>/p2p/&lt;peer id&gt;</c>, e.g. <c>/ip4/127.0.0.1/tcp/4001/p2p/12D3Koo…</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the node reports the connection made.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="multiaddress"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="multiaddress"/> is empty or not a multiaddress (it must start with <c>/</c>).</exception>
    /// <exception cref="StorageException">The node is unavailable or timed out, or could not connect to the peer (the node's message says why).</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task SwarmConnectAsync(string multiaddress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(multiaddress);
        if (!multiaddress.StartsWith('/') || multiaddress.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"'{multiaddress}' is not a multiaddress (e.g. /ip4/127.0.0.1/tcp/4001/p2p/<peer id>).", nameof(multiaddress));
        }

        using var json = await CallAsync("swarm/connect", "arg=" + Uri.EscapeDataString(multiaddress), null, idempotent: true, _options.RequestTimeout, null, cancellationToken).ConfigureAwait(false);
        if (json.RootElement.TryGetProperty("Strings", out var strings) && strings.ValueKind == JsonValueKind.Array
            && strings.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.String ? s.GetString() ?? string.Empty : string.Empty).FirstOrDefault(s => !s.Contains("success", StringComparison.OrdinalIgnoreCase)) is { } failure)
        {
            throw new StorageException($"The IPFS node at {_endpoint} could not connect to {multiaddress}: {failure}", MediBlocErrorCode.StorageError) { Endpoint = _endpoint };
        }
    }

    /// <summary>Lists the peers the node is connected to (<c>ipfs swarm peers</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The connected peers; empty when none.</returns>
    /// <exception cref="StorageException">The node is unavailable or timed out, or answered with an error.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<IReadOnlyList<KuboSwarmPeer>> SwarmPeersAsync(CancellationToken cancellationToken = default)
    {
        using var json = await CallAsync("swarm/peers", string.Empty, null, idempotent: true, _options.RequestTimeout, null, cancellationToken).ConfigureAwait(false);
        var peers = new List<KuboSwarmPeer>();
        if (json.RootElement.TryGetProperty("Peers", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var peer in list.EnumerateArray())
            {
                var id = ReadString(peer, "Peer");
                if (!string.IsNullOrEmpty(id))
                {
                    peers.Add(new KuboSwarmPeer(id, ReadString(peer, "Addr") ?? string.Empty));
                }
            }
        }

        return peers;
    }
}
