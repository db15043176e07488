using MediBloc.Sdk.Crypto;

namespace MediBloc.Services.KeyRelease;

/// <summary>What a key-release service needs: its key, the chain it checks, and how recent a break-the-glass must be.</summary>
public sealed class KeyReleaseServiceOptions
{
    /// <summary>The chain's HTTP JSON-RPC endpoint (anvil, a node, or the embedded chain's HTTP server).</summary>
    public Uri? RpcUrl { get; set; }

    /// <summary>The <c>EmergencyAccess</c> contract whose <c>BreakTheGlass</c> events the service accepts.</summary>
    public EvmAddress? EmergencyAccessAddress { get; set; }

    /// <summary>The <c>Credentials</c> contract that certifies emergency providers.</summary>
    public EvmAddress? CredentialsAddress { get; set; }

    /// <summary>The service's private key: shares are sealed to its public key. The service owns it once built and never exports it.</summary>
    public Secp256k1PrivateKey? ServiceKey { get; set; }

    /// <summary>How long after a break-the-glass (in chain time) the service still releases its share. Defaults to 30 minutes.</summary>
    public TimeSpan ReleaseWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The URLs to listen on (semicolon-separated). Defaults to <c>http://127.0.0.1:0</c>: loopback, any free port.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>Checks that everything required is set.</summary>
    /// <exception cref="ArgumentException">A required value is missing or out of range.</exception>
    public void Validate()
    {
        if (RpcUrl is not { IsAbsoluteUri: true })
        {
            throw new ArgumentException("Set RpcUrl to the chain's absolute HTTP JSON-RPC URL.", nameof(RpcUrl));
        }
        if (EmergencyAccessAddress is null || CredentialsAddress is null)
        {
            throw new ArgumentException("Set EmergencyAccessAddress and CredentialsAddress (the deployment's contracts).", nameof(EmergencyAccessAddress));
        }
        if (ServiceKey is null)
        {
            throw new ArgumentException("Set ServiceKey, the service's secp256k1 private key.", nameof(ServiceKey));
        }
        if (ReleaseWindow <= TimeSpan.Zero || ReleaseWindow > TimeSpan.FromDays(1))
        {
            throw new ArgumentException("ReleaseWindow must be positive and at most one day.", nameof(ReleaseWindow));
        }
    }
}
