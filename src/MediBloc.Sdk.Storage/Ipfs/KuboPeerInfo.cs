namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>The node's identity.</summary>
/// <param name="Id">The peer id.</param>
/// <param name="PublicKey">The public key (base64 protobuf), when reported.</param>
/// <param name="Addresses">The multiaddresses it listens on.</param>
/// <param name="AgentVersion">The agent, e.g. <c>kubo/0.29.0</c> or <c>js-ipfs/0.18.1</c>.</param>
/// <param name="ProtocolVersion">The protocol version, when reported.</param>
public sealed record KuboPeerInfo(string Id, string? PublicKey, IReadOnlyList<string> Addresses, string? AgentVersion, string? ProtocolVersion);
