namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>Options of <see cref="KuboRpcClient.AddAsync"/>, named after the <c>ipfs add</c> flags.</summary>
public sealed class KuboAddOptions
{
    /// <summary><c>--cid-version</c>: 0 (default) or 1.</summary>
    public int CidVersion { get; set; }

    /// <summary><c>--raw-leaves</c>; null (default) leaves the node's default (raw when <see cref="CidVersion"/> is 1).</summary>
    public bool? RawLeaves { get; set; }

    /// <summary><c>--pin</c>: pin the added content (default true).</summary>
    public bool Pin { get; set; } = true;

    /// <summary><c>--only-hash</c>: compute the CID without storing anything (default false).</summary>
    public bool OnlyHash { get; set; }

    /// <summary>The options that give the same DAG as a <see cref="UnixFsOptions"/>.</summary>
    /// <param name="format">The UnixFS options.</param>
    /// <returns>New add options (pinning).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="format"/> is null.</exception>
    public static KuboAddOptions From(UnixFsOptions format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return new KuboAddOptions { CidVersion = format.CidVersion, RawLeaves = format.UsesRawLeaves };
    }
}
