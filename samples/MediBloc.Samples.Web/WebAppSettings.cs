namespace MediBloc.Samples.Web;

/// <summary>Where the app runs and what it talks to. Every value is optional: with none, it runs on an in-process chain and a local store.</summary>
public sealed class WebAppSettings
{
    /// <summary>An EVM node's JSON-RPC URL; none runs an in-process chain.</summary>
    public Uri? RpcUrl { get; set; }

    /// <summary>An IPFS node's Kubo RPC URL; none keeps content in the local store under <see cref="DataFolder"/>.</summary>
    public Uri? IpfsUrl { get; set; }

    /// <summary>Start anvil + IPFS (the devnet) for whatever <see cref="RpcUrl"/> / <see cref="IpfsUrl"/> leave open.</summary>
    public bool StartDevnet { get; set; }

    /// <summary>The funded key (0x-hex) that deploys the contracts and acts as the demo authority and treasury; none uses the chain's first dev account.</summary>
    public string? DeployerKey { get; set; }

    /// <summary>Where keystores and the local content store live; none uses a new owner-only temporary folder, deleted on exit.</summary>
    public string? DataFolder { get; set; }

    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; set; } = 5080;

    /// <summary>Listen on every interface instead of loopback only (a clinic's server behind TLS; see the README).</summary>
    public bool ListenOnAllInterfaces { get; set; }

    /// <summary>The keystores' scrypt cost (N); lower only for tests.</summary>
    public int KeyStoreScryptN { get; set; } = 262_144;
}
