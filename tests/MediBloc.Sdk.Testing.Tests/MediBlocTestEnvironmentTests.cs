using MediBloc.Sdk.Crypto;
using System.Text;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Roles.Patient;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Testing.Tests;

/// <summary>The in-process test environment runs a real publish → share → open workflow and cleans up after itself.</summary>
public class MediBlocTestEnvironmentTests
{
    private const string Observation = """{"resourceType":"Observation","status":"final","valueQuantity":{"value":7.2,"unit":"mmol/L"}}""";

    [Fact]
    public async Task A_patient_publishes_and_shares_and_the_certified_provider_opens_the_record()
    {
        #region Snippet:TestEnvironmentQuickstart
        await using var env = await MediBlocTestEnvironment.StartAsync(); // in-process chain + contracts + store, ~1 s

        // The patient publishes a record and shares it with the provider (certified by the environment) for 30 days.
        PatientClient patient = env.Client.GetPatientClient(env.PatientKey);
        PublishedRecord record = await patient.PublishAsync(Encoding.UTF8.GetBytes(Observation), "application/fhir+json");
        ShareResult share = await patient.ShareAsync(env.ProviderKey.PublicKey, AccessScope.All, "TREAT", env.ChainTime.AddDays(30));

        // The provider opens the copy sealed to it, for treatment: grant and credential checked on chain, bytes against the anchor.
        ContentId shared = share.Records[0].Cid;
        OpenedRecord opened = await env.Client.GetProviderClient(env.ProviderKey).OpenAsync(shared, "TREAT");
        #endregion

        Assert.Equal(record.Commitment, share.Records[0].Commitment);

        Assert.Equal(Observation, Encoding.UTF8.GetString(opened.Content.Span));
        Assert.Equal(env.PatientKey.Address, opened.Owner);
        Assert.True(await env.ContentStore.ExistsAsync(record.Cid));
    }

    [Fact]
    public async Task A_grant_expires_when_the_chain_clock_is_advanced_past_it()
    {
        await using var env = await MediBlocTestEnvironment.StartAsync();
        var patient = env.Client.GetPatientClient(env.PatientKey);
        var record = await patient.PublishAsync("x"u8.ToArray(), "text/plain");
        var share = await patient.ShareAsync(env.ProviderKey.PublicKey, AccessScope.All, "TREAT", env.ChainTime.AddDays(1));
        var shared = share.Records[0].Cid;
        var provider = env.Client.GetProviderClient(env.ProviderKey);
        await provider.OpenAsync(shared, "TREAT");
        var before = env.ChainTime;

        var after = env.AdvanceTime(TimeSpan.FromDays(2));

        Assert.True(after >= before.AddDays(2));
        Assert.Equal(record.Commitment, share.Records[0].Commitment);
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.OpenAsync(shared, "TREAT"));
        Assert.Equal(AccessDenialCodes.NotPermitted, ex.Code);
    }

    [Fact]
    public async Task Role_keys_are_distinct_funded_accounts_and_only_the_provider_is_certified()
    {
        await using var env = await MediBlocTestEnvironment.StartAsync();
        var keys = new[] { env.AuthorityKey, env.PatientKey, env.ProviderKey, env.GuardianKey, env.ResearcherKey, env.RelayerKey };

        Assert.Equal(keys.Length, keys.Select(k => k.Address).Distinct().Count());
        Assert.All(keys, k => Assert.True(env.Chain.GetBalance(k.Address.ToString()) > 0));
        Assert.NotNull(await env.Client.GetProviderClient(env.ProviderKey).GetCredentialAsync());
        Assert.Null(await env.Client.GetProviderClient(env.ResearcherKey).GetCredentialAsync(CredentialRole.Researcher));
        Assert.Equal(env.AuthorityKey.Address, env.Deployment.TreasuryAddress);
        Assert.Equal(env.Chain.ChainId, env.Deployment.ChainId);
    }

    [Fact]
    public async Task CertifyAsync_and_CreateFundedKey_give_more_accounts_their_roles()
    {
        await using var env = await MediBlocTestEnvironment.StartAsync(new MediBlocTestEnvironmentOptions { CertifyProvider = false });
        Assert.Null(await env.Client.GetProviderClient(env.ProviderKey).GetCredentialAsync());

        var researcher = env.CreateFundedKey();
        await env.CertifyAsync(researcher, CredentialRole.Researcher);

        Assert.True(env.Chain.GetBalance(researcher.Address.ToString()) > 0);
        var credential = await env.Client.GetProviderClient(researcher).GetCredentialAsync(CredentialRole.Researcher);
        Assert.NotNull(credential);
    }

    [Fact]
    public async Task The_folder_is_owner_only_and_is_deleted_with_the_environment_and_the_keys_are_zeroed()
    {
        var env = await MediBlocTestEnvironment.StartAsync();
        var folder = env.Folder;
        await env.Client.GetPatientClient(env.PatientKey).PublishAsync("x"u8.ToArray(), "text/plain");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }

        await env.DisposeAsync();
        await env.DisposeAsync();

        Assert.False(Directory.Exists(folder));
        Assert.Throws<ObjectDisposedException>(() => env.PatientKey.ExportPrivateKey());
    }

    [Fact]
    public async Task CreateOptions_give_an_independent_client_over_the_same_chain_and_store()
    {
        await using var env = await MediBlocTestEnvironment.StartAsync(new MediBlocTestEnvironmentOptions { TemporaryRoot = Path.GetTempPath() });
        var record = await env.Client.GetPatientClient(env.PatientKey).PublishAsync("x"u8.ToArray(), "text/plain");
        var options = env.CreateOptions();
        options.MaxEnvelopeBytes = 1024;

        var opened = await new MediBlocClient(options).GetProviderClient(env.PatientKey).OpenAsync(record.Cid);

        Assert.Equal("x"u8.ToArray(), opened.Content.ToArray());
        Assert.IsType<InProcessChainRpcClient>(options.ChainClient);
        Assert.StartsWith(Path.GetTempPath(), env.Folder, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_few_chain_accounts_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            MediBlocTestEnvironment.StartAsync(new MediBlocTestEnvironmentOptions { Chain = new InProcessChainOptions { AccountCount = 3 } }));
    }
}
