namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>The chains an integration test can run against.</summary>
public enum ChainBackend
{
    /// <summary>anvil, started by the shared devnet fixture, over HTTP.</summary>
    Anvil,

    /// <summary>The in-process embedded chain, driven through its Nethereum JSON-RPC client (no sockets).</summary>
    Embedded,
}
