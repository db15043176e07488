using MediBloc.Sdk.Crypto;
using System.Text;
using System.Text.Json;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using MediBloc.Sdk.Storage.Replication;

namespace MediBloc.IntegrationTests.Storage;

/// <summary>
/// Two IPFS nodes peered over loopback, the patient's (the devnet fixture's) and the hospital's: records published
/// through one are fetched by CID through the other over bitswap, and the replicating store repairs a hospital node
/// that lost its blocks.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class PeeredNodesTests(DevnetFixture fixture, HospitalNodeFixture hospital) : IClassFixture<HospitalNodeFixture>, IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private KuboRpcClient PatientNode => Client(fixture.Devnet.IpfsApiUrl);

    private KuboRpcClient HospitalNode => Client(hospital.Node.IpfsApiUrl);

    public Task InitializeAsync() => hospital.Node.ConnectIpfsAsync(fixture.Devnet);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Swarm_connect_to_the_address_from_id_peers_the_two_nodes()
    {
        var patient = await PatientNode.IdAsync();
        var hospitalId = await HospitalNode.IdAsync();

        Assert.Contains(fixture.Devnet.IpfsSwarmAddress, patient.Addresses);
        Assert.StartsWith("/ip4/127.0.0.1/tcp/", fixture.Devnet.IpfsSwarmAddress, StringComparison.Ordinal);
        await HospitalNode.SwarmConnectAsync(Assert.Single(patient.Addresses, a => a.StartsWith("/ip4/127.0.0.1/tcp/", StringComparison.Ordinal)));
        Assert.Contains(await HospitalNode.SwarmPeersAsync(), p => p.PeerId == patient.Id && p.Address.StartsWith("/ip4/127.0.0.1/tcp/", StringComparison.Ordinal));
        Assert.Contains(await PatientNode.SwarmPeersAsync(), p => p.PeerId == hospitalId.Id);
    }

    [Fact]
    public async Task An_object_put_on_the_patients_node_is_read_by_CID_through_the_hospitals_node()
    {
        var data = KuboRpcClientTests.Bytes(700_000, seed: Environment.TickCount);
        var cid = await new IpfsContentStore(PatientNode).PutAsync(new MemoryStream(data));
        Assert.False(await HoldsLocallyAsync(hospital.Node.IpfsApiUrl, cid));

        var hospitalStore = new IpfsContentStore(HospitalNode);
        Assert.Equal(data, await ContentStoreContractTests.ReadAllAsync(hospitalStore, cid));

        Assert.True(await HoldsLocallyAsync(hospital.Node.IpfsApiUrl, cid));
        Assert.False((await hospitalStore.GetInfoAsync(cid)).IsPinned);
    }

    [Fact]
    public async Task A_record_the_patient_publishes_and_shares_opens_at_the_hospital_through_its_own_node()
    {
        var (chain, deployment) = await WorkflowKit.SharedDeploymentAsync(fixture.Devnet, ChainBackend.Anvil);
        using var patientKey = await chain.FundedKeyAsync();
        using var providerKey = await chain.FundedKeyAsync();
        await WorkflowKit.CertifyAsync(chain, deployment, providerKey.Address, CredentialRole.Provider);
        var content = Encoding.UTF8.GetBytes("{\"resourceType\":\"Observation\",\"id\":\"hba1c\",\"valueQuantity\":{\"value\":6.1}}");
        var atHome = WorkflowKit.Client(chain, deployment);
        var atHospital = new MediBlocClient(new MediBlocClientOptions
        {
            ChainRpcUrl = fixture.Devnet.RpcUrl,
            IpfsApiUrl = hospital.Node.IpfsApiUrl,
            Outbox = new InMemoryRecordOutbox(),
            Chain = WorkflowKit.FastOptions(),
        }.UseDeployment(deployment));

        var patient = atHome.GetPatientClient(patientKey);
        var published = await patient.PublishAsync(content, "application/fhir+json");
        var share = await patient.ShareAsync(
            providerKey.PublicKey, AccessScope.ForContentType("application/fhir+json"), "TREAT", (await chain.ChainTimeAsync()).AddHours(1));
        var shared = Assert.Single(share.Records).Cid;
        Assert.False(await HoldsLocallyAsync(hospital.Node.IpfsApiUrl, shared));

        var opened = await atHospital.GetProviderClient(providerKey).OpenAsync(shared, "TREAT");

        Assert.Equal(content, opened.Content.ToArray());
        Assert.True(await HoldsLocallyAsync(hospital.Node.IpfsApiUrl, shared), "The envelope came to the hospital's node over bitswap.");
        Assert.True(await HoldsLocallyAsync(fixture.Devnet.IpfsApiUrl, published.Cid));
    }

    [Fact]
    public async Task A_hospital_backup_that_lost_its_blocks_is_reported_missing_and_repaired_by_verify()
    {
        var inputs = Enumerable.Range(0, 3).Select(i => KuboRpcClientTests.Bytes(150_000 * (i + 1), seed: Environment.TickCount + i)).ToArray();
        var hospitalStore = new IpfsContentStore(HospitalNode);
        await using var store = new ReplicatingContentStore(new IpfsContentStore(PatientNode), hospitalStore, new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual });
        var cids = new List<ContentId>();
        foreach (var data in inputs)
        {
            cids.Add(await store.PutAsync(new MemoryStream(data)));
        }

        var copied = await store.VerifyAllAsync(cids, repair: true);
        Assert.All(copied.Problems, p => Assert.Equal((ReplicaRole.Backup, ReplicaProblemKind.Missing, true), (p.Store, p.Kind, p.Repaired)));
        Assert.Equal(cids, copied.Problems.Select(p => p.Cid));

        // The hospital's node loses the blocks: unpinned and collected.
        foreach (var cid in cids)
        {
            await HospitalNode.PinRmAsync(cid);
        }

        await RepoGcAsync(hospital.Node.IpfsApiUrl);
        Assert.All(cids, cid => Assert.False(HoldsLocallyAsync(hospital.Node.IpfsApiUrl, cid).GetAwaiter().GetResult()));

        // Peered, the hospital's node still "has" them through bitswap; only the pin says it keeps them.
        var report = await store.VerifyAllAsync(cids);
        Assert.Equal(cids.Select(c => new ReplicaProblem(c, ReplicaRole.Backup, ReplicaProblemKind.Missing, false)), report.Problems);

        var repaired = await store.VerifyAllAsync(cids, repair: true);

        Assert.Equal(cids.Select(c => new ReplicaProblem(c, ReplicaRole.Backup, ReplicaProblemKind.Missing, true)), repaired.Problems);
        Assert.Empty((await store.VerifyAllAsync(cids)).Problems);
        for (var i = 0; i < cids.Count; i++)
        {
            Assert.True((await hospitalStore.GetInfoAsync(cids[i])).IsPinned);
            Assert.True(await HoldsLocallyAsync(hospital.Node.IpfsApiUrl, cids[i]));
            Assert.Equal(inputs[i], await ContentStoreContractTests.ReadAllAsync(hospitalStore, cids[i]));
        }
    }

    [Fact]
    public async Task A_replacement_hospital_node_with_an_empty_repo_is_filled_from_the_patients_node_and_serves_alone()
    {
        var inputs = Enumerable.Range(0, 2).Select(i => KuboRpcClientTests.Bytes(400_000, seed: Environment.TickCount + (7 * i))).ToArray();
        var patientStore = new IpfsContentStore(PatientNode);
        var cids = new List<ContentId>();
        foreach (var data in inputs)
        {
            cids.Add(await patientStore.PutAsync(new MemoryStream(data)));
        }

        await using var fresh = await HospitalNodeFixture.StartNodeAsync();
        var freshStore = new IpfsContentStore(Client(fresh.IpfsApiUrl));
        await using var store = new ReplicatingContentStore(patientStore, freshStore, new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual });

        var report = await store.VerifyAllAsync(cids, repair: true);

        Assert.Equal(cids.Select(c => new ReplicaProblem(c, ReplicaRole.Backup, ReplicaProblemKind.Missing, true)), report.Problems);
        Assert.Empty(await Client(fresh.IpfsApiUrl).SwarmPeersAsync());
        for (var i = 0; i < cids.Count; i++)
        {
            Assert.Equal(inputs[i], await ContentStoreContractTests.ReadAllAsync(freshStore, cids[i]));
        }
    }

    [Fact]
    public async Task The_two_nodes_snippet_runs()
    {
        var patientApiUrl = fixture.Devnet.IpfsApiUrl;
        var hospitalApiUrl = hospital.Node.IpfsApiUrl;
        var envelope = new MemoryStream(KuboRpcClientTests.Bytes(50_000, seed: Environment.TickCount));

        #region Snippet:StorageTwoNodes
        var patientNode = new KuboRpcClient(patientApiUrl);
        var hospitalNode = new KuboRpcClient(hospitalApiUrl);
        KuboPeerInfo patientPeer = await patientNode.IdAsync();
        await hospitalNode.SwarmConnectAsync(patientPeer.Addresses[0]);    // /ip4/…/tcp/…/p2p/12D3Koo…

        ContentId cid = await new IpfsContentStore(patientNode).PutAsync(envelope);
        await using (Stream read = await new IpfsContentStore(hospitalNode).OpenReadAsync(cid))
        {
            await read.CopyToAsync(Stream.Null);                           // over bitswap, checked against the CID
        }

        // The hospital keeps a pinned copy of every anchored record, and gets back whatever it lost.
        await using var replicas = new ReplicatingContentStore(
            new IpfsContentStore(patientNode), new IpfsContentStore(hospitalNode), new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual });
        VerificationReport report = await replicas.VerifyAllAsync([cid], repair: true);
        #endregion

        Assert.Equal([new ReplicaProblem(cid, ReplicaRole.Backup, ReplicaProblemKind.Missing, true)], report.Problems);
    }

    private static KuboRpcClient Client(Uri url) =>
        new(url, new KuboRpcClientOptions { LookupTimeout = TimeSpan.FromSeconds(2), MaxRetries = 0 });

    /// <summary>Whether the node's own blockstore holds the root block (<c>refs local</c>: no network lookup).</summary>
    private static async Task<bool> HoldsLocallyAsync(Uri api, ContentId cid)
    {
        using var response = await Http.PostAsync(new Uri(api, "api/v0/refs/local"), null);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("Ref").GetString())
            .Any(r => ContentId.TryParse(r, out var local) && local.Multihash == cid.Multihash);
    }

    private static async Task RepoGcAsync(Uri api)
    {
        using var response = await Http.PostAsync(new Uri(api, "api/v0/repo/gc"), null);
        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadAsStringAsync();
    }
}
