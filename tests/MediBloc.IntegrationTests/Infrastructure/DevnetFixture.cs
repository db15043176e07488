using MediBloc.Sdk.Testing;

namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>
/// One devnet (anvil + js-ipfs) shared by every test class in <see cref="DevnetCollection"/>. It installs the
/// devnet on first use, so the test command needs nothing running beforehand.
/// </summary>
public sealed class DevnetFixture : IAsyncLifetime
{
    private Devnet? _devnet;

    /// <summary>The running devnet.</summary>
    public Devnet Devnet => _devnet ?? throw new InvalidOperationException("The devnet has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _devnet = await Devnet.StartAsync(new DevnetOptions
        {
            AccountCount = 30,
            Log = Environment.GetEnvironmentVariable("MEDIBLOC_DEVNET_LOG") == "1" ? Console.Error.WriteLine : null,
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_devnet is not null)
        {
            await _devnet.DisposeAsync();
        }
    }
}
