using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MediBloc.Sdk.Testing;

/// <summary>
/// A real development network for tests and samples: an EVM node (anvil) and an IPFS node (js-ipfs, serving
/// the Kubo HTTP RPC API), installed from the npm registry on first use and started on free loopback ports.
/// </summary>
/// <remarks>
/// <para>
/// Start one with <see cref="StartAsync(DevnetOptions?, CancellationToken)"/> and dispose it when done: both
/// nodes are stopped and the IPFS repository is deleted. The nodes also end when the process that started them
/// ends, however it ends, so no node is left behind.
/// </para>
/// <para>
/// The first start runs <c>npm install --no-audit --no-fund</c> in the devnet folder (about two minutes); it
/// needs Node.js 20 or later with npm on PATH. anvil runs with <c>--hardfork prague</c>, the target the SDK's
/// contracts are compiled for.
/// </para>
/// </remarks>
public sealed partial class Devnet : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly DevnetOptions _options;
    private NodeProcess? _chain;
    private NodeProcess? _ipfs;
    private string? _ipfsRepo;
    private string? _chainState;
    private string? _chainCache;
    private int _rpcId;

    private Devnet(DevnetOptions options, string directory)
    {
        _options = options;
        Directory = directory;
    }

    /// <summary>The devnet folder (its <c>package.json</c> and <c>node_modules</c>).</summary>
    public string Directory { get; }

    /// <summary>The EVM node's JSON-RPC URL. Throws when the chain was not started.</summary>
    /// <exception cref="InvalidOperationException">The devnet was started without the chain.</exception>
    public Uri RpcUrl => _rpcUrl ?? throw new InvalidOperationException("The devnet was started without the chain (DevnetOptions.StartChain).");
    private Uri? _rpcUrl;

    /// <summary>The IPFS node's Kubo RPC API base URL (e.g. <c>http://127.0.0.1:port</c>). Throws when IPFS was not started.</summary>
    /// <exception cref="InvalidOperationException">The devnet was started without IPFS.</exception>
    public Uri IpfsApiUrl => _ipfsApiUrl ?? throw new InvalidOperationException("The devnet was started without IPFS (DevnetOptions.StartIpfs).");
    private Uri? _ipfsApiUrl;

    /// <summary>The IPFS node's read-only HTTP gateway URL, when IPFS was started.</summary>
    public Uri? IpfsGatewayUrl { get; private set; }

    /// <summary>The chain id.</summary>
    public long ChainId => _options.ChainId;

    /// <summary>The funded development accounts, in anvil's order.</summary>
    public IReadOnlyList<DevnetAccount> Accounts { get; private set; } = [];

    /// <summary>The operating-system ids of the node processes still running (for checks that none is left behind).</summary>
    public IReadOnlyList<int> ProcessIds =>
        new[] { _chain, _ipfs }.Where(p => p is { HasExited: false }).Select(p => p!.ProcessId).ToArray();

    /// <summary>Installs the devnet if needed, starts the requested nodes and waits until each answers.</summary>
    /// <param name="options">What to start; <see langword="null"/> starts both nodes with defaults.</param>
    /// <param name="cancellationToken">Cancels the start; nodes already started are stopped.</param>
    /// <returns>The running devnet. Dispose it to stop the nodes.</returns>
    /// <exception cref="MediBlocException">npm or Node.js is missing, the install failed, or a node did not answer in time (code <see cref="DevnetErrors.DevnetUnavailable"/>; the message holds the node's last output), or no anvil is published for this OS and architecture (code <see cref="DevnetErrors.UnsupportedPlatform"/>).</exception>
    public static async Task<Devnet> StartAsync(DevnetOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DevnetOptions();
        options.Validate();
        var dir = DevnetInstallation.Locate(options);
        await DevnetInstallation.EnsureInstalledAsync(dir, options, cancellationToken).ConfigureAwait(false);

        var devnet = new Devnet(options, dir);
        try
        {
            var chain = options.StartChain ? devnet.StartChainAsync(cancellationToken) : Task.CompletedTask;
            var ipfs = options.StartIpfs ? devnet.StartIpfsAsync(cancellationToken) : Task.CompletedTask;
            await Task.WhenAll(chain, ipfs).ConfigureAwait(false);
            return devnet;
        }
        catch
        {
            await devnet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Advances the chain's clock by <paramref name="by"/> and mines a block (anvil's <c>evm_increaseTime</c> + <c>evm_mine</c>).</summary>
    /// <param name="by">How far to move the clock; whole seconds.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="InvalidOperationException">The devnet was started without the chain.</exception>
    /// <exception cref="MediBlocException">The node did not answer.</exception>
    public async Task IncreaseTimeAsync(TimeSpan by, CancellationToken cancellationToken = default)
    {
        await RpcAsync("evm_increaseTime", [(long)by.TotalSeconds], cancellationToken).ConfigureAwait(false);
        await MineAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Mines one block now.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="InvalidOperationException">The devnet was started without the chain.</exception>
    /// <exception cref="MediBlocException">The node did not answer.</exception>
    public Task MineAsync(CancellationToken cancellationToken = default) =>
        RpcAsync("evm_mine", [], cancellationToken);

    /// <summary>Stops the IPFS node now (to test how callers behave when it goes down). Idempotent.</summary>
    public async Task StopIpfsAsync()
    {
        if (_ipfs is not null)
        {
            await _ipfs.DisposeAsync().ConfigureAwait(false);
        }
        DeleteIpfsRepo();
    }

    /// <summary>Stops the EVM node now (to test how callers behave when it goes down). Idempotent.</summary>
    public async Task StopChainAsync()
    {
        if (_chain is not null)
        {
            await _chain.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops both nodes and deletes the IPFS repository.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopChainAsync().ConfigureAwait(false);
        await StopIpfsAsync().ConfigureAwait(false);
        if (_chainState is not null)
        {
            File.Delete(_chainState);
        }
        DeleteDirectory(_chainCache);
    }

    private async Task StartChainAsync(CancellationToken cancellationToken, int port = 0)
    {
        var args = new List<string>
        {
            "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--hardfork", _options.Hardfork,
            "--chain-id", _options.ChainId.ToString(CultureInfo.InvariantCulture),
            "--accounts", _options.AccountCount.ToString(CultureInfo.InvariantCulture),
        };
        // anvil writes the historical states it evicts from memory under its cache path (gigabytes over a long
        // run); by default that is ~/.foundry/anvil/tmp, never cleaned when the node is killed. Each devnet keeps
        // them in a temporary folder of its own, deleted with the devnet (and kept across a chain restart).
        _chainCache ??= Path.Combine(Path.GetTempPath(), "medibloc-anvil-cache-" + Guid.NewGuid().ToString("N"));
        args.AddRange(["--cache-path", _chainCache]);
        if (_options.PersistChainState)
        {
            _chainState ??= Path.Combine(Path.GetTempPath(), "medibloc-anvil-" + Guid.NewGuid().ToString("N") + ".json");
            args.AddRange(["--state", _chainState, "--state-interval", "1"]);
        }
        args.AddRange(_options.AdditionalChainArguments);
        _chain = NodeProcess.Start("anvil", DevnetInstallation.AnvilPath(Directory), args, Directory, null, _options.Log,
            maxTail: 400 + (3 * _options.AccountCount));
        var listening = await _chain.WaitForLineAsync(AnvilListening(), _options.StartTimeout, cancellationToken).ConfigureAwait(false);
        _rpcUrl = new Uri($"http://127.0.0.1:{listening.Groups[1].Value}/");
        Accounts = ParseAccounts(_chain.Lines);
        if (Accounts.Count != _options.AccountCount)
        {
            throw new MediBlocException(
                $"anvil listed {Accounts.Count} dev accounts where {_options.AccountCount} were asked for.",
                DevnetErrors.DevnetUnavailable);
        }
        var chainId = await RpcAsync("eth_chainId", [], cancellationToken).ConfigureAwait(false);
        if (Convert.ToInt64(chainId.GetString(), 16) != _options.ChainId)
        {
            throw new MediBlocException($"anvil reports chain id {chainId} instead of {_options.ChainId}.", DevnetErrors.DevnetUnavailable);
        }
    }

    private async Task StartIpfsAsync(CancellationToken cancellationToken)
    {
        _ipfsRepo = Path.Combine(Path.GetTempPath(), "medibloc-ipfs-" + Guid.NewGuid().ToString("N"));
        var env = new Dictionary<string, string> { ["IPFS_PATH"] = _ipfsRepo };
        var jsipfs = DevnetInstallation.JsIpfsPath(Directory);

        await using (var init = NodeProcess.Start("ipfs-init", jsipfs, ["init", "--profile", "test"], Directory, env, _options.Log))
        {
            await init.WaitForExitAsync(_options.StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        ConfigureLoopbackOnly(Path.Combine(_ipfsRepo, "config"));
        await StartIpfsDaemonAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task StartIpfsDaemonAsync(CancellationToken cancellationToken)
    {
        var env = new Dictionary<string, string> { ["IPFS_PATH"] = _ipfsRepo! };
        var jsipfs = DevnetInstallation.JsIpfsPath(Directory);
        _ipfs = NodeProcess.Start("ipfs", jsipfs, ["daemon"], Directory, env, _options.Log);
        var api = await _ipfs.WaitForLineAsync(IpfsApiListening(), _options.StartTimeout, cancellationToken).ConfigureAwait(false);
        await _ipfs.WaitForLineAsync(IpfsReady(), _options.StartTimeout, cancellationToken).ConfigureAwait(false);
        _ipfsApiUrl = new Uri($"http://127.0.0.1:{api.Groups[1].Value}/");
        IpfsSwarmAddress = _ipfs.Lines.Select(l => IpfsSwarmListening().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
        var gateway = _ipfs.Lines.Select(l => IpfsGatewayListening().Match(l)).FirstOrDefault(m => m.Success);
        if (gateway is not null)
        {
            IpfsGatewayUrl = new Uri($"http://127.0.0.1:{gateway.Groups[1].Value}/");
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_options.StartTimeout);
        using var response = await Http.PostAsync(new Uri(_ipfsApiUrl, "api/v0/version"), null, cts.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new MediBlocException($"The IPFS node at {_ipfsApiUrl} answered {(int)response.StatusCode} to /api/v0/version.", DevnetErrors.DevnetUnavailable);
        }
    }

    /// <summary>
    /// Every address on 127.0.0.1 with an OS-chosen port (the libp2p swarm on plain TCP, which js-ipfs's Node.js
    /// transport speaks); no bootstrap peers, no delegates, no MDNS or WebRTC discovery: the node talks only to peers
    /// it is told to connect to.
    /// </summary>
    private static void ConfigureLoopbackOnly(string configPath)
    {
        var config = JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();
        var addresses = config["Addresses"]!.AsObject();
        addresses["API"] = "/ip4/127.0.0.1/tcp/0";
        addresses["Gateway"] = "/ip4/127.0.0.1/tcp/0";
        addresses["RPC"] = "/ip4/127.0.0.1/tcp/0";
        addresses["Swarm"] = new JsonArray("/ip4/127.0.0.1/tcp/0");
        addresses["Delegates"] = new JsonArray();
        config["Bootstrap"] = new JsonArray();
        config["Discovery"] = new JsonObject
        {
            ["MDNS"] = new JsonObject { ["Enabled"] = false, ["Interval"] = 10 },
            ["webRTCStar"] = new JsonObject { ["Enabled"] = false },
        };
        File.WriteAllText(configPath, config.ToJsonString());
    }

    private async Task<JsonElement> RpcAsync(string method, object[] parameters, CancellationToken cancellationToken)
    {
        var request = new { jsonrpc = "2.0", id = Interlocked.Increment(ref _rpcId), method, @params = parameters };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            using var response = await Http.PostAsJsonAsync(RpcUrl, request, cts.Token).ConfigureAwait(false);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cts.Token).ConfigureAwait(false);
            if (body.TryGetProperty("error", out var error))
            {
                throw new MediBlocException($"anvil rejected {method}: {error}", MediBlocErrorCode.ChainError);
            }
            return body.GetProperty("result").Clone();
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new MediBlocException($"The devnet chain at {RpcUrl} did not answer {method}.", MediBlocErrorCode.NodeUnavailable, ex);
        }
    }

    private static List<DevnetAccount> ParseAccounts(IReadOnlyList<string> lines)
    {
        var addresses = new List<string>();
        var keys = new List<string>();
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("Available Accounts", StringComparison.Ordinal))
            {
                current = addresses;
            }
            else if (line.StartsWith("Private Keys", StringComparison.Ordinal))
            {
                current = keys;
            }
            else if (line.StartsWith("Wallet", StringComparison.Ordinal))
            {
                current = null;
            }
            else if (current is not null && IndexedHex().Match(line) is { Success: true } m)
            {
                current.Add(m.Groups[1].Value);
            }
        }
        return addresses.Zip(keys, (a, k) => new DevnetAccount(a, k)).ToList();
    }

    private void DeleteIpfsRepo() => DeleteDirectory(_ipfsRepo);

    private static void DeleteDirectory(string? path)
    {
        if (path is not null && System.IO.Directory.Exists(path))
        {
            try
            {
                System.IO.Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a dying process; the OS temp cleaner takes it.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }
        }
    }

    [GeneratedRegex(@"Listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex AnvilListening();

    [GeneratedRegex(@"HTTP API listening on /ip4/127\.0\.0\.1/tcp/(\d+)")]
    private static partial Regex IpfsApiListening();

    [GeneratedRegex(@"Gateway \(read only\) listening on /ip4/127\.0\.0\.1/tcp/(\d+)")]
    private static partial Regex IpfsGatewayListening();

    [GeneratedRegex(@"Swarm listening on (/ip4/127\.0\.0\.1/tcp/\d+/p2p/\w+)")]
    private static partial Regex IpfsSwarmListening();

    [GeneratedRegex(@"Daemon is ready")]
    private static partial Regex IpfsReady();

    [GeneratedRegex(@"^\(\d+\) (0x[0-9a-fA-F]{40,64})\b")]
    private static partial Regex IndexedHex();
}
