namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>A pin held by the node.</summary>
/// <param name="Cid">The pinned CID.</param>
/// <param name="Type">The pin type: <c>recursive</c>, <c>direct</c> or <c>indirect</c>.</param>
public sealed record KuboPin(ContentId Cid, string Type);
