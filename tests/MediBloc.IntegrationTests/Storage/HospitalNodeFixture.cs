using MediBloc.Sdk.Testing;

namespace MediBloc.IntegrationTests.Storage;

/// <summary>
/// The hospital's IPFS node: a second js-ipfs node with its own repository and loopback ports (a devnet without the
/// chain), started once for the test class. The tests connect it to the patient's node, the devnet fixture's.
/// </summary>
public sealed class HospitalNodeFixture : IAsyncLifetime
{
    private Devnet? _devnet;

    /// <summary>The running node.</summary>
    public Devnet Node => _devnet ?? throw new InvalidOperationException("The hospital's node has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _devnet = await StartNodeAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_devnet is not null)
        {
            await _devnet.DisposeAsync();
        }
    }

    /// <summary>Starts one more IPFS-only node, connected to nobody.</summary>
    public static Task<Devnet> StartNodeAsync() => Devnet.StartAsync(new DevnetOptions
    {
        StartChain = false,
        Log = Environment.GetEnvironmentVariable("MEDIBLOC_DEVNET_LOG") == "1" ? Console.Error.WriteLine : null,
    });
}
