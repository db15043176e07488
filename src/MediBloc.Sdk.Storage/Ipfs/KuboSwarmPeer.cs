namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>A peer the node is connected to (one entry of <c>ipfs swarm peers</c>).</summary>
/// <param name="PeerId">The peer's id.</param>
/// <param name="Address">The multiaddress of the connection, e.g. <c>/ip4/127.0.0.1/tcp/4001/p2p/12D3Koo…</c>.</param>
public sealed record KuboSwarmPeer(string PeerId, string Address);
