using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Notifications;
using MediBloc.Sdk.Research;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Contracts.MedToken;

namespace MediBloc.IntegrationTests.Notifications;

/// <summary>The notification subscriptions on the devnet: each delivers what happened after its start block, once, in order.</summary>
public abstract class NotificationTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private const string Fhir = ResearchKit.Fhir;
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("{\"resourceType\":\"Observation\",\"id\":\"hr\"}");
    private Secp256k1PrivateKey _patient = null!;
    private Secp256k1PrivateKey _provider = null!;

    protected override async Task SetUpAsync()
    {
        _patient = await FundedKeyAsync();
        _provider = await FundedKeyAsync();
    }

    private async Task<SubscriptionOptions> FromNextBlockAsync() =>
        new() { FromBlock = await ResearchKit.NextBlockAsync(Chain), PollingInterval = TimeSpan.FromMilliseconds(50) };

    private async Task<DateTimeOffset> InAnHourAsync() => (await Chain.ChainTimeAsync()).AddHours(1);

    [Fact]
    public async Task New_grants_reach_the_grantee_and_the_granting_patient_once_each_in_order()
    {
        var options = await FromNextBlockAsync();
        var patient = Client.GetPatientClient(_patient);
        var record = await patient.PublishAsync(Content, Fhir);
        var scope = AccessScope.ForRecord(record.Owner, new Commitment(record.Commitment.ToBytes()));
        var first = await patient.ShareAsync(_provider.PublicKey, scope, "TREAT", await InAnHourAsync());
        var second = await patient.ShareAsync(_provider.PublicKey, scope, "PAYMENT", await InAnHourAsync());
        var toMe = Client.GetProviderClient(_provider);

        // Started after the grants were mined: the start block, not the moment of subscribing, decides.
        var received = await ResearchKit.TakeAsync(ct => toMe.WatchGrantsToMeAsync(options, ct), 2);
        var made = await ResearchKit.TakeAsync(ct => patient.WatchGrantsIMadeAsync(options, ct), 2);

        Assert.Equal([first.GrantId, second.GrantId], received.Select(g => g.GrantId));
        Assert.Equal([first.GrantId, second.GrantId], made.Select(g => g.GrantId));
        Assert.All(received, g => Assert.Equal(_provider.Address, g.Grantee));

        // A live subscription across several polls: the next grant arrives once, with no repeat of the earlier ones.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var live = ResearchKit.TakeAsync(ct => toMe.WatchGrantsToMeAsync(options, ct), 3);
        var third = await patient.ShareAsync(_provider.PublicKey, scope, "HPAYMT", await InAnHourAsync());
        Assert.Equal([first.GrantId, second.GrantId, third.GrantId], (await live).Select(g => g.GrantId));
    }

    [Fact]
    public async Task Reads_of_my_data_and_break_the_glass_reach_the_patient()
    {
        var paramedic = await Chain.FundedKeyAsync();
        await CertifyAsync(_provider.Address, CredentialRole.Provider);
        await CertifyAsync(paramedic.Address, CredentialRole.EmergencyProvider);
        var patient = Client.GetPatientClient(_patient);
        var options = await FromNextBlockAsync();
        var watching = ResearchKit.TakeAsync(ct => patient.WatchReadsOfMyDataAsync(options, ct), 2);

        var record = await patient.PublishAsync(Content, Fhir);
        var share = await patient.ShareAsync(_provider.PublicKey, AccessScope.ForRecord(record.Owner, new Commitment(record.Commitment.ToBytes())), "TREAT", await InAnHourAsync());
        await Client.GetProviderClient(_provider).OpenAsync(share.Records[0].Cid, "TREAT");
        var profile = await patient.Care.SetEmergencyProfileAsync(Content, Fhir, [paramedic.PublicKey]);
        await Client.GetEmergencyClient(paramedic).BreakTheGlassAsync(patient.Address, "unconscious at scene");

        var events = await watching;
        Assert.Equal(AuditEntryKind.Read, events[0].Kind);
        Assert.Equal(_provider.Address, events[0].Actor);
        Assert.Equal(RecordIds.Of(record), events[0].Subject, ignoreCase: true);
        Assert.Equal(AccessGrantsClient.ComputePurposeId("TREAT"), events[0].PurposeId, ignoreCase: true);
        Assert.Equal(AuditEntryKind.BreakTheGlass, events[1].Kind);
        Assert.Equal(paramedic.Address, events[1].Actor);
        Assert.Equal(AccessGrantsClient.ComputePatientTag(_patient.Address), events[1].Subject, ignoreCase: true); // by tag, not record

        // Read again from the start block with default polling, as an app would.
        var startBlock = options.FromBlock;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var cancellationToken = timeout.Token;
        var seen = new List<string>();
        #region Snippet:WatchReadsOfMyData
        await foreach (AuditEntry use in patient.WatchReadsOfMyDataAsync(new SubscriptionOptions { FromBlock = startBlock }, cancellationToken))
        {
            seen.Add($"{use.Kind} by {use.Actor}"); // Read (with its purpose) or BreakTheGlass (with the reason's hash)
            if (seen.Count == 2)
            {
                break;
            }
        }
        #endregion
        Assert.Equal([$"Read by {events[0].Actor}", $"BreakTheGlass by {events[1].Actor}"], seen);
        paramedic.Dispose();
    }

    [Fact]
    public async Task Matching_data_requests_reach_the_patient_and_others_do_not()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(Chain, Deployment);
        var researcher = Client.GetResearcherClient(researcherKey);
        var patient = Client.GetPatientClient(_patient);
        var code = ResearchKit.UniqueCode();
        var record = await patient.PublishAsync(Content, Fhir);
        await patient.Research.PublishToSearchIndexAsync(record.Commitment, new SearchMetadata(Fhir, [code], "30-39", "KR"));
        var options = await FromNextBlockAsync();
        var watching = ResearchKit.TakeAsync(ct => patient.Research.WatchMatchingDataRequestsAsync(options, ct), 1);
        var deadline = (await Chain.ChainTimeAsync()).AddDays(1);

        await researcher.PostRequestAsync(new DataRequestCriteria { Query = new SearchQuery { Codes = [ResearchKit.UniqueCode()] } }, MedTokenClient.FromMed(1), 1, deadline);
        await researcher.PostRequestAsync(new DataRequestCriteria { Query = new SearchQuery { Codes = [code], Regions = ["US"] } }, MedTokenClient.FromMed(1), 1, deadline);
        var matching = await researcher.PostRequestAsync(new DataRequestCriteria { Query = new SearchQuery { Codes = [code], AgeBrackets = ["30-39"] } }, MedTokenClient.FromMed(1), 1, deadline);

        var match = Assert.Single(await watching);
        Assert.Equal(matching.RequestId, match.Request.RequestId);
        Assert.Equal([record.Commitment], match.Commitments);
    }

    [Fact]
    public async Task Cancelling_the_token_ends_a_subscription_with_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        var subscription = Client.GetProviderClient(_provider).WatchGrantsToMeAsync(new SubscriptionOptions { PollingInterval = TimeSpan.FromMilliseconds(20) }, cts.Token);
        await using var enumerator = subscription.GetAsyncEnumerator();
        var next = enumerator.MoveNextAsync().AsTask();

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }
}

/// <summary>The Notification tests with anvil as the chain.</summary>
public sealed class NotificationOnAnvilTests(DevnetFixture fixture) : NotificationTests(fixture, ChainBackend.Anvil);

/// <summary>The Notification tests with the in-process embedded chain as the chain.</summary>
public sealed class NotificationOnEmbeddedChainTests(DevnetFixture fixture) : NotificationTests(fixture, ChainBackend.Embedded);
