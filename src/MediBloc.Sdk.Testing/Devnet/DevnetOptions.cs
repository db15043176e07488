namespace MediBloc.Sdk.Testing;

/// <summary>Options for <see cref="Devnet.StartAsync(DevnetOptions?, CancellationToken)"/>.</summary>
public sealed class DevnetOptions
{
    /// <summary>Start the EVM node (anvil). Default <see langword="true"/>.</summary>
    public bool StartChain { get; set; } = true;

    /// <summary>Start the IPFS node (js-ipfs with the Kubo RPC API). Default <see langword="true"/>.</summary>
    public bool StartIpfs { get; set; } = true;

    /// <summary>
    /// The folder holding the devnet's <c>package.json</c> and lockfile. When <see langword="null"/>, the
    /// launcher uses the <c>MEDIBLOC_DEVNET_DIR</c> environment variable, then a <c>devnet/</c> folder above the
    /// current or application directory, then a per-user cache folder into which it writes the manifest that
    /// ships inside this package.
    /// </summary>
    public string? DevnetDirectory { get; set; }

    /// <summary>The chain id anvil reports. Default 31337.</summary>
    public long ChainId { get; set; } = 31337;

    /// <summary>How many funded dev accounts anvil creates. Default 10.</summary>
    public int AccountCount { get; set; } = 10;

    /// <summary>
    /// The hardfork anvil runs. Default <c>prague</c>: the contracts are compiled for it, and the embedded chain
    /// executes the same rules.
    /// </summary>
    public string Hardfork { get; set; } = "prague";

    /// <summary>
    /// How long each node may take to answer after it was started. Default 3 minutes: js-ipfs starts in seconds on
    /// an idle machine but can take over a minute while a test run keeps every core busy; this only guards
    /// against a hang.
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long <c>npm install</c> may take when the devnet is not installed yet. Default 10 minutes.</summary>
    public TimeSpan InstallTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether anvil keeps its chain in a state file, written every second, so that
    /// <see cref="Devnet.RestartChainAsync"/> after <see cref="Devnet.CrashChainAsync"/> brings the same chain back
    /// (for fault tests). Default false: the chain lives in memory only.
    /// </summary>
    public bool PersistChainState { get; set; }

    /// <summary>
    /// More command-line arguments for anvil, appended after the devnet's own (for example
    /// <c>["--prune-history", "64"]</c> for a long benchmark that needs no old states). Default none.
    /// </summary>
    public IList<string> AdditionalChainArguments { get; } = new List<string>();

    /// <summary>Receives every line the nodes print, prefixed with the node's name. Default none.</summary>
    public Action<string>? Log { get; set; }

    internal void Validate()
    {
        if (!StartChain && !StartIpfs)
        {
            throw new ArgumentException("Start at least one node: set StartChain or StartIpfs.", nameof(StartChain));
        }
        if (ChainId <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ChainId), ChainId, "The chain id must be positive.");
        }
        if (AccountCount is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(AccountCount), AccountCount, "Between 1 and 1000 accounts.");
        }
        if (StartTimeout <= TimeSpan.Zero || InstallTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StartTimeout), "Timeouts must be positive.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(Hardfork);
    }
}
