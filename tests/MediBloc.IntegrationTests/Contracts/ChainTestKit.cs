using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Testing;

namespace MediBloc.IntegrationTests.Contracts;

/// <summary>
/// Helpers for the contract tests: account indexes by test area, connections for the devnet's accounts and raw
/// anvil RPC calls (chain time, time travel and revert data for both backends are on <see cref="InProcessChain.ChainUnderTest"/>).
/// </summary>
internal static class ChainTestKit
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private static int _rpcId;

    /// <summary>Account indexes by test area, so test classes never share an account's nonce sequence.</summary>
    public const int RegistryAccount = 1;
    public const int RegistryOtherAccount = 2;
    public const int ConnectionAccount = 3;
    public const int ConcurrencyAccount = 4;
    public const int AccessOwner = 10;
    public const int AccessGrantee = 11;
    public const int AccessRelayer = 12;
    public const int AccessDelegate = 13;
    public const int AccessGuardian = 14;
    public const int AccessStranger = 15;
    public const int CredentialsAdmin = 16;
    public const int CredentialsAuthority = 17;
    public const int CredentialsHolder = 18;
    public const int CredentialsPatient = 19;
    public const int TokenHolder = 20;
    public const int TokenReceiver = 21;
    public const int TokenSpender = 22;
    public const int PointsAdmin = 23;
    public const int PointsPatient = 24;
    public const int MarketAdmin = 25;
    public const int MarketResearcher = 26;
    public const int MarketPatient = 27;
    public const int MarketOtherPatient = 28;
    public const int QuotaBuyer = 29;
    // The collection runs one test at a time, so the points locker reuses the quota buyer's account.
    public const int PointsLocker = 29;
    // The collection runs one test at a time, so vouching reuses the access-test accounts.
    public const int VouchAdmin = 12;
    public const int VouchAuthority = 13;
    public const int VouchPeerA = 14;
    public const int VouchPeerB = 15;
    public const int VouchPeerC = 16;
    public const int VouchCandidate = 17;

    public static ChainConnection Connect(Devnet devnet, int accountIndex, ChainConnectionOptions? options = null) =>
        new(devnet.RpcUrl, devnet.Accounts[accountIndex].PrivateKey, devnet.ChainId, options ?? FastOptions());

    public static ChainConnectionOptions FastOptions() => new()
    {
        ReceiptPollingInterval = TimeSpan.FromMilliseconds(10),
        ReceiptTimeout = TimeSpan.FromSeconds(60),
        RpcTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>The 4-byte selector of a Solidity error or function signature, 0x-hex.</summary>
    public static string Selector(string signature) =>
        "0x" + Convert.ToHexString(Nethereum.Util.Sha3Keccack.Current.CalculateHash(System.Text.Encoding.UTF8.GetBytes(signature)))[..8].ToLowerInvariant();

    public static byte[] RandomCommitment() => RandomNumberGenerator.GetBytes(32);

    public static async Task<JsonElement> RpcAsync(Devnet devnet, string method, params object[] parameters)
    {
        var request = new { jsonrpc = "2.0", id = Interlocked.Increment(ref _rpcId), method, @params = parameters };
        using var response = await Http.PostAsJsonAsync(devnet.RpcUrl, request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method}: {error}");
        }
        return body.GetProperty("result").Clone();
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "contracts", "build.mjs")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("contracts/build.mjs not found above " + AppContext.BaseDirectory);
    }
}
