using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Services.KeyRelease;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.KeyEscrow;
using Microsoft.AspNetCore.Builder;

namespace MediBloc.IntegrationTests.Roles.Emergency;

/// <summary>
/// Real key-release services for a test: each a Kestrel server on a loopback port, with its own key, checking this
/// test's chain over HTTP JSON-RPC (anvil's URL, or an HTTP server in front of the embedded chain).
/// </summary>
internal sealed class KeyReleaseFarm : IAsyncDisposable
{
    private readonly List<WebApplication?> _apps = [];
    private readonly List<Secp256k1PrivateKey> _keys = [];
    private readonly List<KeyReleaseService> _services = [];
    private InProcessChainHttpServer? _server;

    public IReadOnlyList<KeyReleaseService> Services => _services;

    public static async Task<KeyReleaseFarm> StartAsync(ChainUnderTest chain, MediBlocDeployment deployment, int count, TimeSpan? window = null)
    {
        var farm = new KeyReleaseFarm();
        farm._server = chain.Embedded is { } embedded ? InProcessChainHttpServer.Start(embedded) : null;
        var rpcUrl = farm._server?.Url ?? chain.Devnet.RpcUrl;
        for (var i = 0; i < count; i++)
        {
            var key = Secp256k1PrivateKey.Generate();
            farm._keys.Add(key);
            var app = KeyReleaseApp.Build(new KeyReleaseServiceOptions
            {
                RpcUrl = rpcUrl,
                EmergencyAccessAddress = deployment.EmergencyAccessAddress,
                CredentialsAddress = deployment.CredentialsAddress,
                // The app owns (and disposes) its key; the farm keeps its own copy for the tests that play a dishonest service.
                ServiceKey = Secp256k1PrivateKey.Import(key.ExportPrivateKey()),
                ReleaseWindow = window ?? TimeSpan.FromMinutes(30),
            });
            await app.StartAsync();
            farm._apps.Add(app);
            farm._services.Add(new KeyReleaseService(new Uri(app.Urls.First()), key.PublicKey));
        }
        return farm;
    }

    /// <summary>The options a patient gives <c>SetEmergencyProfileAsync</c>: every service, <paramref name="threshold"/> of them needed.</summary>
    public EmergencyReleaseOptions Release(int threshold = 2)
    {
        var options = new EmergencyReleaseOptions { Threshold = threshold };
        foreach (var service in _services)
        {
            options.Services.Add(service);
        }
        return options;
    }

    /// <summary>Service <paramref name="index"/>'s private key, as a dishonest operator (or a thief) of that one service holds it.</summary>
    public Secp256k1PrivateKey KeyOf(int index) => _keys[index];

    /// <summary>Stops service <paramref name="index"/>: its port refuses connections from now on.</summary>
    public async Task StopAsync(int index)
    {
        if (_apps[index] is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            _apps[index] = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _apps.Count; i++)
        {
            await StopAsync(i);
        }
        foreach (var key in _keys)
        {
            key.Dispose();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
