namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>The node's version.</summary>
/// <param name="Version">The version it reports, e.g. <c>0.18.1</c>.</param>
/// <param name="Commit">The source commit, when reported.</param>
/// <param name="Repo">The repository format version, when reported.</param>
/// <param name="System">The platform, when reported.</param>
public sealed record KuboVersionInfo(string Version, string? Commit, string? Repo, string? System);
