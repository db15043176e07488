using System.Numerics;
using System.Text;
using MediBloc.IntegrationTests.Contracts;
using MediBloc.IntegrationTests.EmbeddedChain;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Access;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Market;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Research;
using MediBloc.Sdk.Search;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Token;

namespace MediBloc.IntegrationTests.Workflows;

/// <summary>The research workflow on the devnet: search the opt-in index, post with escrow, consent per record, open audited, pay.</summary>
public abstract class ResearchTests(DevnetFixture fixture, ChainBackend backend) : IAsyncLifetime
{
    private const string Fhir = ResearchKit.Fhir;
    private static readonly byte[] Diabetes = Encoding.UTF8.GetBytes("{\"resourceType\":\"Condition\",\"code\":\"44054006\"}");
    private static readonly byte[] Asthma = Encoding.UTF8.GetBytes("{\"resourceType\":\"Condition\",\"code\":\"195967001\"}");
    private ChainUnderTest _chain = null!;
    private MediBlocDeployment _deployment = null!;
    private MediBlocClient _client = null!;
    private Secp256k1PrivateKey _patient = null!;
    private Secp256k1PrivateKey _relayer = null!;

    public async Task InitializeAsync()
    {
        (_chain, _deployment) = await WorkflowKit.SharedDeploymentAsync(fixture.Devnet, backend);
        _client = WorkflowKit.Client(_chain, _deployment);
        _patient = await _chain.FundedKeyAsync();
        _relayer = await _chain.FundedKeyAsync();
    }

    public Task DisposeAsync()
    {
        _patient.Dispose();
        _relayer.Dispose();
        return Task.CompletedTask;
    }

    private async Task<DateTimeOffset> InADayAsync() => (await _chain.ChainTimeAsync()).AddDays(1);

    private async Task<(PublishedRecord Record, SearchListing Listing)> PublishAndListAsync(byte[] content, string code, string age = "40-49", string region = "KR")
    {
        var patient = _client.GetPatientClient(_patient);
        var record = await patient.PublishAsync(content, Fhir);
        var listing = await patient.PublishToSearchIndexAsync(record.Commitment, new SearchMetadata(Fhir, [code], age, region), submitter: _relayer);
        return (record, listing);
    }

    [Fact]
    public async Task A_certified_researcher_finds_a_candidate_posts_a_request_the_patient_consents_the_researcher_opens_and_pays()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(_chain, _deployment);
        var code = ResearchKit.UniqueCode();
        var patient = _client.GetPatientClient(_patient);
        var record = await patient.PublishAsync(Diabetes, Fhir);
        #region Snippet:ResearchOptIn
        // De-identified metadata only; a relayer sends the transaction, so not even its sender names the patient.
        SearchListing listing = await patient.PublishToSearchIndexAsync(
            record.Commitment,
            new SearchMetadata("application/fhir+json", [code], SearchMetadata.AgeBracketOf(47), region: "KR"),
            submitter: _relayer);
        #endregion
        await PublishAndListAsync(Asthma, ResearchKit.UniqueCode());
        var researcher = _client.GetResearcherClient(researcherKey);
        Assert.True(await researcher.IsCertifiedAsync());

        // Search: the candidate carries the opaque handle and the metadata, nothing that names the patient or the record.
        #region Snippet:ResearchSearch
        var found = await researcher.SearchAsync(new SearchQuery { ContentType = "application/fhir+json", Codes = [code] }).ToListAsync();
        #endregion
        var candidate = Assert.Single(found);
        Assert.Equal(listing.Handle, candidate.Handle);
        Assert.Equal("40-49", candidate.Metadata.AgeBracket);
        var metadataJson = candidate.Metadata.ToJson();
        Assert.DoesNotContain(record.Commitment[2..], metadataJson, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(record.Cid.ToString(), metadataJson, StringComparison.Ordinal);
        Assert.DoesNotContain(_patient.Address.ToString()[2..], metadataJson, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(record.Commitment, candidate.Handle, StringComparer.OrdinalIgnoreCase);

        // Post with escrow: 5 MED a record, two places.
        var price = MedTokenClient.FromMed(5);
        var deadline = await InADayAsync();
        #region Snippet:ResearchPost
        // Escrows price × places in MED; the criteria document (with the researcher's public key) goes to the store.
        PostedDataRequest posted = await researcher.PostRequestAsync(
            new DataRequestCriteria { Description = "Type 2 diabetes cohort", Handles = [.. found.Select(c => c.Handle)] },
            pricePerRecord: price, maxRecords: 2, deadline);
        #endregion
        Assert.Equal(price * 2, posted.Escrow);

        // The patient matches the public request locally and consents for the one record.
        var matches = new List<MatchingDataRequest>();
        #region Snippet:ResearchConsent
        await foreach (MatchingDataRequest request in patient.GetMatchingDataRequestsAsync(fromBlock: posted.BlockNumber))
        {
            foreach (string matchingRecord in request.Commitments)
            {
                // Re-wraps the data key to the researcher, grants HRESCH on this record only, consents on chain.
                await patient.ConsentToDataRequestAsync(request.Request.RequestId, matchingRecord);
            }
            matches.Add(request);
        }
        #endregion
        var match = Assert.Single(matches);
        Assert.Equal(posted.RequestId, match.Request.RequestId);
        Assert.Equal([record.Commitment], match.Commitments);
        Assert.Equal("Type 2 diabetes cohort", match.Criteria.Description);

        // The researcher opens it: verified, and the read is audited as HRESCH in the patient's trail.
        var token = ResearchKit.Token(_chain, _deployment);
        var before = await token.GetBalanceAsync(patient.Address);
        var opens = new List<OpenedRecord>();
        #region Snippet:ResearchOpenAndPay
        await foreach (MarketConsent consent in researcher.ListConsentsAsync(posted.RequestId))
        {
            OpenedRecord opened = await researcher.OpenAsync(consent);        // verified; logged on chain as HRESCH
            opens.Add(opened);
            await researcher.ConfirmDeliveryAsync(posted.RequestId, opened.Commitment); // pays the patient
        }
        #endregion
        Assert.Equal(Diabetes, Assert.Single(opens).Content.ToArray());
        var read = Assert.Single(await patient.GetAuditTrailAsync(), e => e.Kind == AuditEntryKind.Read);
        Assert.Equal(researcher.Address, read.Actor, ignoreCase: true);
        Assert.Equal(AccessGrantsClient.ComputePurposeId(ResearchCodes.Purpose), read.PurposeId, ignoreCase: true);

        // Confirming delivery paid the patient; a second confirmation is refused; cancelling returns the untaken place.
        Assert.Equal(before + price, await token.GetBalanceAsync(patient.Address));
        var twice = await Assert.ThrowsAsync<ChainException>(() => researcher.ConfirmDeliveryAsync(posted.RequestId, record.Commitment));
        Assert.Equal("AlreadyDelivered", twice.RevertError);
        var refund = await researcher.CancelRequestAsync(posted.RequestId);
        Assert.Equal(price, refund.Amount);
        Assert.Equal(MedTokenClient.FromMed(100) - price, await token.GetBalanceAsync(researcher.Address));
    }

    [Fact]
    public async Task The_index_entry_is_sent_by_the_relayer_and_links_to_neither_the_patient_nor_the_record()
    {
        var (record, listing) = await PublishAndListAsync(Diabetes, ResearchKit.UniqueCode());
        var logs = await _chain.RpcAsync("eth_getLogs", new { address = _deployment.SearchIndexAddress, fromBlock = "0x0", toBlock = "latest", topics = new object?[] { null, listing.Handle } });
        var log = Assert.Single(logs.EnumerateArray(), l => l.GetProperty("topics").GetArrayLength() > 2);
        var tx = await _chain.RpcAsync("eth_getTransactionByHash", log.GetProperty("transactionHash").GetString()!);

        Assert.Equal(_relayer.Address.ToString(), tx.GetProperty("from").GetString(), ignoreCase: true);
        var raw = log.ToString();
        Assert.DoesNotContain(_patient.Address.ToString()[2..].ToLowerInvariant(), raw.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.DoesNotContain(record.Commitment[2..].ToLowerInvariant(), raw.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.DoesNotContain(_patient.Address.ToString()[2..].ToLowerInvariant(), tx.GetProperty("input").GetString()!.ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_researcher_opening_a_record_without_consent_is_denied_with_NotConsented()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(_chain, _deployment);
        var researcher = _client.GetResearcherClient(researcherKey);
        var patient = _client.GetPatientClient(_patient);
        // The researcher even holds a key to this one (sealed to them directly), but no consent names it.
        var sealedToResearcher = await patient.PublishAsync(Asthma, Fhir, [researcherKey.PublicKey]);
        var code = ResearchKit.UniqueCode();
        var (record, listing) = await PublishAndListAsync(Diabetes, code);
        var first = await researcher.PostRequestAsync(new DataRequestCriteria { Handles = [listing.Handle] }, MedTokenClient.FromMed(1), 1, await InADayAsync());
        var second = await researcher.PostRequestAsync(new DataRequestCriteria { Handles = [listing.Handle] }, MedTokenClient.FromMed(1), 1, await InADayAsync());
        var consent = await patient.ConsentToDataRequestAsync(first.RequestId, record.Commitment);

        var unconsented = await Assert.ThrowsAsync<AccessDeniedException>(
            () => researcher.OpenAsync(first.RequestId, sealedToResearcher.Commitment, sealedToResearcher.Cid));
        var otherRequest = await Assert.ThrowsAsync<AccessDeniedException>(
            () => researcher.OpenAsync(second.RequestId, record.Commitment, ContentId.Parse(consent.KeyCid)));

        Assert.Equal(ResearchCodes.NotConsented, unconsented.Code);
        Assert.Equal(ResearchCodes.NotConsented, otherRequest.Code);
        Assert.DoesNotContain(await patient.GetAuditTrailAsync(), e => e.Kind == AuditEntryKind.Read);
    }

    [Fact]
    public async Task After_the_patient_revokes_the_research_grant_the_researcher_is_denied_with_NotPermitted()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(_chain, _deployment);
        var researcher = _client.GetResearcherClient(researcherKey);
        var patient = _client.GetPatientClient(_patient);
        var (record, listing) = await PublishAndListAsync(Diabetes, ResearchKit.UniqueCode());
        var posted = await researcher.PostRequestAsync(new DataRequestCriteria { Handles = [listing.Handle] }, MedTokenClient.FromMed(1), 1, await InADayAsync());
        var consent = await patient.ConsentToDataRequestAsync(posted.RequestId, record.Commitment);
        var opened = await researcher.OpenAsync(posted.RequestId, record.Commitment, ContentId.Parse(consent.KeyCid));
        Assert.Equal(Diabetes, opened.Content.ToArray());

        await patient.RevokeAsync(consent.GrantId);

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => researcher.OpenAsync(posted.RequestId, record.Commitment, ContentId.Parse(consent.KeyCid)));
        Assert.Equal(AccessDenialCodes.NotPermitted, ex.Code);
        Assert.Single(await patient.GetAuditTrailAsync(), e => e.Kind == AuditEntryKind.Read);
    }

    [Fact]
    public async Task A_patient_withdraws_a_consent_before_delivery_the_researcher_no_longer_lists_opens_or_pays_for_it()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(_chain, _deployment);
        var researcher = _client.GetResearcherClient(researcherKey);
        var patient = _client.GetPatientClient(_patient);
        var (record, listing) = await PublishAndListAsync(Asthma, ResearchKit.UniqueCode());
        var posted = await researcher.PostRequestAsync(new DataRequestCriteria { Handles = [listing.Handle] }, MedTokenClient.FromMed(1), 1, await InADayAsync());
        var consent = await patient.ConsentToDataRequestAsync(posted.RequestId, record.Commitment);
        Assert.Single(await researcher.ListConsentsAsync(posted.RequestId).ToListAsync());
        var patientKey = _patient;
        var requestId = posted.RequestId;
        var commitment = record.Commitment;

        #region Snippet:WithdrawDataConsent
        // Before the researcher confirms delivery, the patient changes their mind: the market consent is withdrawn
        // and the record's research grant revoked. What the researcher already read stays read.
        DataConsentWithdrawal withdrawn = await _client.GetPatientClient(patientKey).WithdrawDataRequestConsentAsync(requestId, commitment);
        #endregion

        Assert.NotNull(withdrawn.Withdrawal);
        Assert.Equal([consent.GrantId], withdrawn.RevokedGrantIds);
        Assert.Empty(await researcher.ListConsentsAsync(posted.RequestId).ToListAsync());
        var open = await Assert.ThrowsAsync<AccessDeniedException>(() => researcher.OpenAsync(posted.RequestId, record.Commitment, ContentId.Parse(consent.KeyCid)));
        Assert.Equal(ResearchCodes.NotConsented, open.Code);
        var confirm = await Assert.ThrowsAsync<ChainException>(() => researcher.ConfirmDeliveryAsync(posted.RequestId, record.Commitment));
        Assert.Equal("NotConsented", confirm.RevertError);
        var grants = new AccessGrantsClient(_chain.ConnectAccount(WorkflowKit.Deployer), _deployment.AccessGrantsAddress!);
        Assert.True((await grants.GetGrantAsync(consent.GrantId))!.Revoked);
        Assert.False(await grants.CanReadAsync(researcherKey.Address.ToString(), RecordIds.Bytes(record.Owner, Convert.FromHexString(record.Commitment[2..])), ResearchCodes.Purpose));
        var again = await patient.WithdrawDataRequestConsentAsync(posted.RequestId, record.Commitment);
        Assert.Null(again.Withdrawal);
        Assert.Empty(again.RevokedGrantIds);

        // Consenting again lists the record once, with its new key envelope.
        var renewed = await patient.ConsentToDataRequestAsync(posted.RequestId, record.Commitment);
        var listed = Assert.Single(await researcher.ListConsentsAsync(posted.RequestId).ToListAsync());
        Assert.Equal(renewed.KeyCid, listed.KeyCid);
    }

    [Fact]
    public async Task An_uncertified_researcher_cannot_post_and_spends_nothing()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(_chain, _deployment, certified: false);
        var researcher = _client.GetResearcherClient(researcherKey);
        var token = ResearchKit.Token(_chain, _deployment);

        var deadline = await InADayAsync();
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(
            () => researcher.PostRequestAsync(new DataRequestCriteria(), MedTokenClient.FromMed(1), 1, deadline));

        Assert.Equal(AccessDenialCodes.NotCertified, ex.Code);
        Assert.False(await researcher.IsCertifiedAsync());
        Assert.Equal(MedTokenClient.FromMed(100), await token.GetBalanceAsync(researcher.Address));
    }

    [Fact]
    public async Task Opting_out_removes_every_entry_from_search_results_for_good()
    {
        var code = ResearchKit.UniqueCode();
        var (first, _) = await PublishAndListAsync(Diabetes, code);
        await PublishAndListAsync(Asthma, code, age: "10-19");
        using var researcherKey = await _chain.FundedKeyAsync();
        var researcher = _client.GetResearcherClient(researcherKey);
        var query = new SearchQuery { Codes = [code] };
        Assert.Equal(2, (await researcher.SearchAsync(query).ToListAsync()).Count);
        Assert.Single(await researcher.SearchAsync(query with { AgeBrackets = ["10-19"] }).ToListAsync());

        var removed = await _client.GetPatientClient(_patient).OptOutOfSearchAsync(submitter: _relayer);

        Assert.Equal(2, removed.Count);
        Assert.Empty(await researcher.SearchAsync(query).ToListAsync());
        Assert.All(await _client.GetPatientClient(_patient).GetSearchListingsAsync().ToListAsync(), l => Assert.Equal(SearchEntryStatus.Removed, l.Status));
        var again = await Assert.ThrowsAsync<ChainException>(
            () => _client.GetPatientClient(_patient).PublishToSearchIndexAsync(first.Commitment, new SearchMetadata(Fhir, [code])));
        Assert.Equal("EntryExists", again.RevertError);
    }

    [Fact]
    public async Task A_restricted_category_is_hidden_from_search_and_from_matching_requests_until_lifted()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(_chain, _deployment);
        var researcher = _client.GetResearcherClient(researcherKey);
        var patient = _client.GetPatientClient(_patient);
        var hiddenCode = ResearchKit.UniqueCode();
        var keptCode = ResearchKit.UniqueCode();
        var (hidden, _) = await PublishAndListAsync(Diabetes, hiddenCode);
        var (kept, _) = await PublishAndListAsync(Asthma, keptCode);

        var restricted = await patient.RestrictSearchCategoriesAsync([hiddenCode], submitter: _relayer);

        Assert.Equal(hidden.Commitment, Assert.Single(restricted).Commitment);
        Assert.Empty(await researcher.SearchAsync(new SearchQuery { Codes = [hiddenCode] }).ToListAsync());
        Assert.Single(await researcher.SearchAsync(new SearchQuery { Codes = [keptCode] }).ToListAsync());
        var posted = await researcher.PostRequestAsync(new DataRequestCriteria { Query = new SearchQuery { Codes = [hiddenCode, keptCode] } }, MedTokenClient.FromMed(1), 5, await InADayAsync());
        var match = Assert.Single(await patient.GetMatchingDataRequestsAsync(posted.BlockNumber).ToListAsync());
        Assert.Equal([kept.Commitment], match.Commitments);

        await patient.LiftSearchRestrictionsAsync([hiddenCode], submitter: _relayer);

        Assert.Single(await researcher.SearchAsync(new SearchQuery { Codes = [hiddenCode] }).ToListAsync());
        match = Assert.Single(await patient.GetMatchingDataRequestsAsync(posted.BlockNumber).ToListAsync());
        Assert.Equal(new[] { hidden.Commitment, kept.Commitment }.Order(), match.Commitments.Order());
    }

    [Fact]
    public async Task After_the_deadline_consents_are_refused_and_the_researcher_takes_back_the_unspent_escrow()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(_chain, _deployment);
        var researcher = _client.GetResearcherClient(researcherKey);
        var (record, listing) = await PublishAndListAsync(Diabetes, ResearchKit.UniqueCode());
        var posted = await researcher.PostRequestAsync(new DataRequestCriteria { Handles = [listing.Handle] }, MedTokenClient.FromMed(2), 3, await InADayAsync());
        var early = await Assert.ThrowsAsync<ChainException>(() => researcher.RefundAsync(posted.RequestId));
        Assert.Equal("DeadlineNotReached", early.RevertError);

        await _chain.IncreaseTimeAsync(TimeSpan.FromDays(2));

        var patient = _client.GetPatientClient(_patient);
        Assert.Empty(await patient.GetMatchingDataRequestsAsync(posted.BlockNumber).ToListAsync());
        var late = await Assert.ThrowsAsync<ChainException>(() => patient.ConsentToDataRequestAsync(posted.RequestId, record.Commitment));
        Assert.Equal("RequestExpired", late.RevertError);
        var refund = await researcher.RefundAsync(posted.RequestId);
        Assert.Equal(MedTokenClient.FromMed(6), refund.Amount);
        Assert.True((await researcher.GetRequestAsync(posted.RequestId))!.Closed);
    }
}
