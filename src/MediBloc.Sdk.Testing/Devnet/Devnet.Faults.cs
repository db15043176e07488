using System.Text.Json.Nodes;

namespace MediBloc.Sdk.Testing;

public sealed partial class Devnet
{
    /// <summary>
    /// Kills the EVM node at once (SIGKILL), as a crash or a power cut would: no shutdown, no last state dump. With
    /// <see cref="DevnetOptions.PersistChainState"/> the chain as of its last dump (at most a second old) comes back
    /// with <see cref="RestartChainAsync"/>.
    /// </summary>
    public async Task CrashChainAsync()
    {
        if (_chain is not null)
        {
            // anvil writes its dump in place: a kill in the middle of a write leaves half a file, which it then
            // refuses to start from. Keep the last complete dump and put it back if the kill cut the next one short.
            var lastComplete = CompleteChainState();
            for (var tries = 0; lastComplete is null && _options.PersistChainState && tries < 15; tries++)
            {
                // Caught mid-write (or before the first dump): the next complete one is a moment away.
                await Task.Delay(100).ConfigureAwait(false);
                lastComplete = CompleteChainState();
            }
            await _chain.CrashAsync().ConfigureAwait(false);
            if (lastComplete is not null && CompleteChainState() is null)
            {
                await File.WriteAllBytesAsync(_chainState!, lastComplete).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The chain's state file when it holds a whole JSON document, else <see langword="null"/>.</summary>
    private byte[]? CompleteChainState()
    {
        if (!_options.PersistChainState || _chainState is null || !File.Exists(_chainState))
        {
            return null;
        }
        try
        {
            var bytes = File.ReadAllBytes(_chainState);
            using var document = System.Text.Json.JsonDocument.Parse(bytes);
            return bytes;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Starts the EVM node again on the same port from its state file, after <see cref="CrashChainAsync"/> or
    /// <see cref="StopChainAsync"/>: clients keep their URL.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">The devnet was started without <see cref="DevnetOptions.PersistChainState"/> or without the chain.</exception>
    public async Task RestartChainAsync(CancellationToken cancellationToken = default)
    {
        if (!_options.PersistChainState || _rpcUrl is null)
        {
            throw new InvalidOperationException("Restarting the chain needs DevnetOptions.PersistChainState and a started chain.");
        }
        await StopChainAsync().ConfigureAwait(false);
        await StartChainAsync(cancellationToken, _rpcUrl.Port).ConfigureAwait(false);
    }

    /// <summary>
    /// Kills the IPFS node at once (SIGKILL). Its repository stays on disk: <see cref="RestartIpfsAsync"/> brings the
    /// node back with every block it had written.
    /// </summary>
    public async Task CrashIpfsAsync()
    {
        if (_ipfs is not null)
        {
            await _ipfs.CrashAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts the IPFS node again on its repository and on the same API port, after <see cref="CrashIpfsAsync"/>:
    /// clients keep their URL. A lock left by the killed daemon is removed first.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">The IPFS node was never started, or was stopped (its repository deleted).</exception>
    public async Task RestartIpfsAsync(CancellationToken cancellationToken = default)
    {
        if (_ipfsRepo is null || _ipfsApiUrl is null || !System.IO.Directory.Exists(_ipfsRepo))
        {
            throw new InvalidOperationException("Restarting IPFS needs a node that was started and crashed, not stopped.");
        }
        if (_ipfs is not null)
        {
            await _ipfs.CrashAsync().ConfigureAwait(false);
        }
        foreach (var lockPath in new[] { Path.Combine(_ipfsRepo, "repo.lock"), Path.Combine(_ipfsRepo, "api") })
        {
            if (System.IO.Directory.Exists(lockPath))
            {
                System.IO.Directory.Delete(lockPath, recursive: true);
            }
            else if (File.Exists(lockPath))
            {
                File.Delete(lockPath);
            }
        }
        var configPath = Path.Combine(_ipfsRepo, "config");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();
        config["Addresses"]!["API"] = $"/ip4/127.0.0.1/tcp/{_ipfsApiUrl.Port}";
        File.WriteAllText(configPath, config.ToJsonString());
        await StartIpfsDaemonAsync(cancellationToken).ConfigureAwait(false);
    }
}
