namespace MediBloc.Samples.Quickstart;

/// <summary>What the quickstart runs against. Every value is optional: with none, it starts its own devnet.</summary>
public sealed class QuickstartSettings
{
    /// <summary>An EVM node's JSON-RPC URL; none starts anvil through the devnet launcher.</summary>
    public Uri? RpcUrl { get; set; }

    /// <summary>An IPFS node's Kubo RPC URL; none starts js-ipfs through the devnet launcher.</summary>
    public Uri? IpfsUrl { get; set; }

    /// <summary>A deployed record registry; none deploys one.</summary>
    public string? RegistryAddress { get; set; }

    /// <summary>The funded key that deploys contracts (0x-hex); none uses the devnet's first dev account.</summary>
    public string? DeployerKey { get; set; }

    /// <summary>The funded key of the patient (0x-hex); none uses the devnet's second dev account.</summary>
    public string? PatientKey { get; set; }

    /// <summary>End with one JSON line that summarises the run.</summary>
    public bool Json { get; set; }

    /// <summary>Start anvil + IPFS (the devnet) for whatever <see cref="RpcUrl"/> / <see cref="IpfsUrl"/> leave open, instead of the in-process chain and the local store.</summary>
    public bool StartDevnet { get; set; }
}
