namespace MediBloc.Samples.HealthReport;

/// <summary>What the health-report sample runs against and on. Every value is optional: with none, it runs in-process.</summary>
public sealed class HealthReportSettings
{
    /// <summary>The Synthea patient bundle published; none uses the sample's own (data/sof-Clemente_Kreiger_….json).</summary>
    public string? BundlePath { get; set; }

    /// <summary>The report's day; none uses today (UTC).</summary>
    public DateOnly? AsOf { get; set; }

    /// <summary>Where report.html and report.json go; none uses the current folder.</summary>
    public string? OutputFolder { get; set; }

    /// <summary>An EVM node's JSON-RPC URL; none uses an in-process chain.</summary>
    public Uri? RpcUrl { get; set; }

    /// <summary>An IPFS node's Kubo RPC URL; none uses a local content store in a temporary folder.</summary>
    public Uri? IpfsUrl { get; set; }

    /// <summary>The funded key that deploys the contracts (0x-hex); none uses the devnet's first dev account.</summary>
    public string? DeployerKey { get; set; }

    /// <summary>The funded key of the patient (0x-hex); none uses the devnet's second dev account.</summary>
    public string? PatientKey { get; set; }

    /// <summary>Start anvil + IPFS (the devnet) for whatever <see cref="RpcUrl"/> / <see cref="IpfsUrl"/> leave open.</summary>
    public bool StartDevnet { get; set; }
}
