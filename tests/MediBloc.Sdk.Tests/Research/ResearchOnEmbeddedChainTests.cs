using System.Text;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Research;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.Sdk.Tests.Research;

/// <summary>The research workflow with no node at all: the embedded chain and a local content store.</summary>
public sealed class ResearchOnEmbeddedChainTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-research-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_deployment_carries_the_market_and_the_index_and_a_consented_record_is_released_paid_and_opened()
    {
        var chain = new InProcessChain();
        var deployment = await chain.DeployMediBlocContractsAsync();
        Assert.StartsWith("0x", deployment.DataMarketAddress?.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("0x", deployment.SearchIndexAddress?.ToString(), StringComparison.Ordinal);
        var options = new MediBlocClientOptions { ChainClient = chain.CreateRpcClient(), ContentStore = new LocalContentStore(_folder), Outbox = new InMemoryRecordOutbox() }.UseDeployment(deployment);
        Assert.Equal((deployment.DataMarketAddress?.ToString(), deployment.SearchIndexAddress?.ToString()), (options.DataMarketAddress, options.SearchIndexAddress));
        var client = new MediBlocClient(options);
        using var deployer = Secp256k1PrivateKey.FromHex(chain.Accounts[0].PrivateKey);
        using var researcherKey = Secp256k1PrivateKey.FromHex(chain.Accounts[1].PrivateKey);
        using var patientKey = Secp256k1PrivateKey.FromHex(chain.Accounts[2].PrivateKey);
        var deployerConnection = await client.Context.GetConnectionAsync(deployer);
        var now = await client.Context.GetChainTimeAsync(deployer, CancellationToken.None);
        await new CredentialsClient(deployerConnection, deployment.CredentialsAddress!.Value).CertifyAsync(researcherKey.Address, CredentialRole.Researcher, now.AddYears(1));
        var token = new MedTokenClient(deployerConnection, deployment.MedTokenAddress!.Value);
        await token.TransferAsync(researcherKey.Address, MedTokenClient.FromMed(10));

        var patient = client.GetPatientClient(patientKey);
        var record = await patient.PublishAsync(Encoding.UTF8.GetBytes("{\"resourceType\":\"Observation\"}"), "application/fhir+json");
        await patient.Research.PublishToSearchIndexAsync(record.Commitment, new SearchMetadata("application/fhir+json", ["http://loinc.org|4548-4"], "60-69", "KR"));
        var researcher = client.GetResearcherClient(researcherKey);
        var candidate = Assert.Single(await researcher.SearchAsync(new SearchQuery { Codes = ["http://loinc.org|4548-4"] }).ToListAsync());
        var posted = await researcher.PostRequestAsync(new DataRequestCriteria { Handles = [candidate.Handle] }, MedTokenClient.FromMed(2), 1, now.AddDays(1));
        var match = Assert.Single(await patient.Research.GetMatchingDataRequestsAsync().ToListAsync());
        await patient.Research.ConsentToDataRequestAsync(match.Request.RequestId, Assert.Single(match.Commitments));

        var review = Assert.Single(await researcher.ListConsentsAsync(posted.RequestId).ToListAsync());
        await researcher.AcceptConsentsAsync(posted.RequestId, [review.Handle]);
        var paid = await patient.Research.ReleaseDataRequestKeyAsync(posted.RequestId, record.Commitment);
        var opened = await researcher.OpenAsync(Assert.Single(await researcher.ListDeliveriesAsync(posted.RequestId).ToListAsync()));

        Assert.Equal(record.Commitment.ToString(), opened.Commitment.ToString(), ignoreCase: true);
        Assert.Equal(MedTokenClient.FromMed(2), paid.Amount);
        using var payee = patient.Research.GetResearchPayeeKey(posted.RequestId, record.Commitment);
        Assert.Equal(MedTokenClient.FromMed(2), await token.GetBalanceAsync(payee.Address));
    }
}
