using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Testing;
using MediBloc.Sdk.Contracts.MedToken;

namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>Helpers for the research workflow tests: funded, certified researchers with MED, and bounded waits on subscriptions.</summary>
internal static class ResearchKit
{
    public const string Fhir = "application/fhir+json";

    /// <summary>A code no other test lists, so searches on the shared devnet see only this test's entries.</summary>
    public static string UniqueCode() => "http://snomed.info/sct|" + Guid.NewGuid().ToString("N");

    /// <summary>A funded key, certified as a researcher (when asked) and holding <paramref name="med"/> MED from the deployer.</summary>
    public static async Task<Secp256k1PrivateKey> ResearcherAsync(ChainUnderTest chain, MediBlocDeployment deployment, bool certified = true, long med = 100)
    {
        var key = await chain.FundedKeyAsync();
        if (certified)
        {
            await WorkflowKit.CertifyAsync(chain, deployment, key.Address, CredentialRole.Researcher);
        }
        await Token(chain, deployment).TransferAsync(key.Address, MedTokenClient.FromMed(med));
        return key;
    }

    /// <summary>Revokes a researcher's credential, signed by the deployer (an authority).</summary>
    public static async Task RevokeResearcherAsync(ChainUnderTest chain, MediBlocDeployment deployment, EvmAddress account) =>
        await new CredentialsClient(chain.ConnectAccount(WorkflowKit.Deployer, WorkflowKit.FastOptions()), deployment.CredentialsAddress!.Value)
            .RevokeAsync(account, CredentialRole.Researcher, "test: revoked");

    /// <summary>The MED token as the deployer sees it (to read balances).</summary>
    public static MedTokenClient Token(ChainUnderTest chain, MediBlocDeployment deployment) =>
        new(chain.ConnectAccount(WorkflowKit.Deployer, WorkflowKit.FastOptions()), deployment.MedTokenAddress!.Value);

    public static async Task<long> NextBlockAsync(ChainUnderTest chain) =>
        await chain.ConnectAccount(WorkflowKit.Deployer).GetBlockNumberAsync() + 1;

    /// <summary>The first <paramref name="count"/> items of a subscription, or a failure naming how many came within the timeout.</summary>
    public static async Task<List<T>> TakeAsync<T>(Func<CancellationToken, IAsyncEnumerable<T>> subscribe, int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var items = new List<T>();
        try
        {
            await foreach (var item in subscribe(cts.Token).WithCancellation(cts.Token))
            {
                items.Add(item);
                if (items.Count == count)
                {
                    return items;
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
        }
        throw new Xunit.Sdk.XunitException($"The subscription delivered {items.Count} of {count} expected events before the timeout.");
    }
}
