using System.Numerics;
using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.DataMarket;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Research;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Roles.Researcher;
using MediBloc.Sdk.Contracts.AccessGrants;

namespace MediBloc.IntegrationTests.Research;

/// <summary>
/// The research workflow of protocol v2 on the devnet: list in the opt-in index, search, post with escrow, consent
/// through a relayer with the entry key, review, release the key and be paid in the same step, open.
/// </summary>
public abstract class ResearchTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private const string Fhir = ResearchKit.Fhir;
    private static readonly byte[] Diabetes = Encoding.UTF8.GetBytes("{\"resourceType\":\"Condition\",\"code\":\"44054006\"}");
    private static readonly byte[] Asthma = Encoding.UTF8.GetBytes("{\"resourceType\":\"Condition\",\"code\":\"195967001\"}");
    private Secp256k1PrivateKey _patient = null!;
    private Secp256k1PrivateKey _relayer = null!;

    protected override async Task SetUpAsync()
    {
        _patient = await FundedKeyAsync();
        _relayer = await FundedKeyAsync();
    }

    /// <summary>Patients' index updates and market consents go through the relayer.</summary>
    protected override MediBlocClient CreateClient() => NewClient(options => options.RelayerKey = _relayer);

    private async Task<DateTimeOffset> InADayAsync() => (await Chain.ChainTimeAsync()).AddDays(1);

    private async Task<(PublishedRecord Record, SearchListing Listing)> PublishAndListAsync(byte[] content, string code, string age = "40-49", string region = "KR")
    {
        var patient = Client.GetPatientClient(_patient);
        var record = await patient.PublishAsync(content, Fhir);
        var listing = await patient.Research.PublishToSearchIndexAsync(record.Commitment, new SearchMetadata(Fhir, [code], age, region));
        return (record, listing);
    }

    [Fact]
    public async Task A_researcher_finds_a_candidate_posts_the_patient_consents_through_the_relayer_the_release_pays_and_the_researcher_opens()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(Chain, Deployment);
        var code = ResearchKit.UniqueCode();
        var patient = Client.GetPatientClient(_patient);
        var record = await patient.PublishAsync(Diabetes, Fhir);
        #region Snippet:ResearchOptIn
        // De-identified metadata only; the configured relayer (MediBlocClientOptions.RelayerKey) sends it.
        SearchListing listing = await patient.Research.PublishToSearchIndexAsync(
            record.Commitment,
            new SearchMetadata("application/fhir+json", [code], SearchMetadata.AgeBracketOf(47), region: "KR"));
        #endregion
        await PublishAndListAsync(Asthma, ResearchKit.UniqueCode());
        var researcher = Client.GetResearcherClient(researcherKey);

        #region Snippet:ResearchSearch
        var found = await researcher.SearchAsync(new SearchQuery { ContentType = "application/fhir+json", Codes = [code] }).ToListAsync();
        #endregion
        var candidate = Assert.Single(found);
        Assert.Equal(listing.Handle, candidate.Handle);
        Assert.DoesNotContain(_patient.Address.ToString()[2..], candidate.Metadata.ToJson(), StringComparison.OrdinalIgnoreCase);

        var price = MedTokenClient.FromMed(5);
        var deadline = await InADayAsync();
        #region Snippet:ResearchPost
        // Escrows price × places in MED; the criteria document (with the researcher's public key) goes to the store.
        PostedDataRequest posted = await researcher.PostRequestAsync(
            new DataRequestCriteria { Description = "Type 2 diabetes cohort", Handles = [.. found.Select(c => c.Handle)] },
            pricePerRecord: price, maxRecords: 2, deadline);
        #endregion
        Assert.Equal(price * 2, posted.Escrow);

        var consents = new List<DataConsentResult>();
        #region Snippet:ResearchConsent
        await foreach (MatchingDataRequest request in patient.Research.GetMatchingDataRequestsAsync(fromBlock: posted.BlockNumber))
        {
            foreach (var matchingRecord in request.Commitments)
            {
                // Signed by the record's entry key, names a fresh payee, sent by the relayer: no patient, no record on chain.
                consents.Add(await patient.Research.ConsentToDataRequestAsync(request.Request.RequestId, matchingRecord));
            }
        }
        #endregion
        var consent = Assert.Single(consents);
        Assert.Equal(listing.Handle, consent.Handle);

        #region Snippet:ResearchReview
        // The researcher sees handles and public metadata only; it accepts (or rejects junk within the review window).
        List<ReviewableConsent> toReview = await researcher.ListConsentsAsync(posted.RequestId).ToListAsync();
        await researcher.AcceptConsentsAsync(posted.RequestId, toReview.Where(c => c.Metadata is not null).Select(c => c.Handle));
        #endregion
        Assert.Equal(listing.Handle, Assert.Single(toReview).Handle);

        #region Snippet:ResearchRelease
        // The key goes to the researcher and the price to the payee in one transaction.
        DataKeyRelease release = await patient.Research.ReleaseDataRequestKeyAsync(posted.RequestId, record.Commitment);
        using Secp256k1PrivateKey payeeKey = patient.Research.GetResearchPayeeKey(posted.RequestId, record.Commitment);
        #endregion
        var token = ResearchKit.Token(Chain, Deployment);
        Assert.Equal(price, release.Amount);
        Assert.Equal(price, await token.GetBalanceAsync(payeeKey.Address));
        Assert.Equal(consent.Payee, payeeKey.Address);

        var opens = new List<ResearchRecord>();
        #region Snippet:ResearchOpenAndPay
        await foreach (KeyRelease delivered in researcher.ListDeliveriesAsync(posted.RequestId))
        {
            ResearchRecord opened = await researcher.OpenAsync(delivered); // already paid for; nothing logged on chain
            opens.Add(opened);
        }
        #endregion
        Assert.Equal(Diabetes, Assert.Single(opens).Content.ToArray());
        Assert.Equal(record.Commitment.ToString(), opens[0].Commitment.ToString(), ignoreCase: true);

        var refund = await researcher.CancelRequestAsync(posted.RequestId);
        Assert.Equal(price, refund.Amount);
        Assert.Equal(MedTokenClient.FromMed(100) - price, await token.GetBalanceAsync(researcher.Address));
        Assert.Equal(BigInteger.Zero, (await researcher.GetRequestAsync(posted.RequestId))!.Escrow);
    }

    [Fact]
    public async Task A_chain_observer_scanning_every_transaction_and_log_of_the_flow_finds_neither_the_patient_nor_the_record()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(Chain, Deployment);
        var researcher = Client.GetResearcherClient(researcherKey);
        var patient = Client.GetPatientClient(_patient);
        var record = await patient.PublishAsync(Diabetes, Fhir);
        var from = await ResearchKit.NextBlockAsync(Chain);

        var listing = await patient.Research.PublishToSearchIndexAsync(record.Commitment, new SearchMetadata(Fhir, [ResearchKit.UniqueCode()]));
        var posted = await researcher.PostRequestAsync(new DataRequestCriteria { Handles = [listing.Handle] }, MedTokenClient.FromMed(3), 1, await InADayAsync());
        await patient.Research.ConsentToDataRequestAsync(posted.RequestId, record.Commitment);
        await researcher.AcceptConsentsAsync(posted.RequestId, [listing.Handle]);
        await patient.Research.ReleaseDataRequestKeyAsync(posted.RequestId, record.Commitment);
        var opened = await researcher.OpenAsync(Assert.Single(await researcher.ListDeliveriesAsync(posted.RequestId).ToListAsync()));
        Assert.Equal(Diabetes, opened.Content.ToArray());
        var to = await ResearchKit.NextBlockAsync(Chain) - 1;

        var secrets = new[]
        {
            _patient.Address.ToString()[2..].ToLowerInvariant(),
            record.Commitment.ToString()[2..].ToLowerInvariant(),
            Convert.ToHexString(Keccak256.Hash([.. new byte[12], .. Convert.FromHexString(_patient.Address.ToString()[2..]), .. record.Commitment.ToBytes()])).ToLowerInvariant(),
        };
        var seen = 0;
        for (var block = from; block <= to; block++)
        {
            var b = await Chain.RpcAsync("eth_getBlockByNumber", "0x" + block.ToString("x"), true);
            foreach (var tx in b.GetProperty("transactions").EnumerateArray())
            {
                var receipt = await Chain.RpcAsync("eth_getTransactionReceipt", tx.GetProperty("hash").GetString()!);
                var text = (tx.ToString() + receipt.ToString()).ToLowerInvariant();
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
                }
                seen++;
            }
        }
        Assert.True(seen >= 5, $"the flow's blocks held {seen} transactions");
    }

    [Fact]
    public async Task A_researcher_that_stays_silent_rejects_late_then_cancels_and_refunds_cannot_keep_the_patient_unpaid()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(Chain, Deployment);
        var researcher = Client.GetResearcherClient(researcherKey);
        var patient = Client.GetPatientClient(_patient);
        var (record, listing) = await PublishAndListAsync(Diabetes, ResearchKit.UniqueCode());
        var price = MedTokenClient.FromMed(4);
        var posted = await researcher.PostRequestAsync(new DataRequestCriteria { Handles = [listing.Handle] }, price, 2, await InADayAsync());
        await patient.Research.ConsentToDataRequestAsync(posted.RequestId, record.Commitment);

        // No key before the review: the researcher has not accepted and may still reject.
        var early = await Assert.ThrowsAsync<ChainException>(() => patient.Research.ReleaseDataRequestKeyAsync(posted.RequestId, record.Commitment));
        Assert.Equal("UnderReview", early.RevertError);
        Assert.Empty(await researcher.ListDeliveriesAsync(posted.RequestId).ToListAsync());

        // Silence is acceptance: after the review window a late reject is refused and the release pays.
        await Chain.IncreaseTimeAsync(DataMarketClient.ReviewWindow);
        var late = await Assert.ThrowsAsync<ChainException>(() => researcher.RejectConsentsAsync(posted.RequestId, [listing.Handle]));
        Assert.Equal("ReviewOver", late.RevertError);
        var release = await patient.Research.ReleaseDataRequestKeyAsync(posted.RequestId, record.Commitment);
        Assert.Equal(price, release.Amount);

        // The researcher read the key; cancelling and refunding return only the free place.
        await researcher.OpenAsync(Assert.Single(await researcher.ListDeliveriesAsync(posted.RequestId).ToListAsync()));
        Assert.Equal(price, (await researcher.CancelRequestAsync(posted.RequestId)).Amount);
        Assert.Equal(BigInteger.Zero, (await researcher.RefundAsync(posted.RequestId)).Amount);
        using var payee = patient.Research.GetResearchPayeeKey(posted.RequestId, record.Commitment);
        Assert.Equal(price, await ResearchKit.Token(Chain, Deployment).GetBalanceAsync(payee.Address));
    }

    [Fact]
    public async Task Junk_consents_from_an_attackers_key_stop_at_the_cap_are_rejected_and_the_honest_consent_still_gets_a_place()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(Chain, Deployment);
        var researcher = Client.GetResearcherClient(researcherKey);
        var posted = await researcher.PostRequestAsync(new DataRequestCriteria(), MedTokenClient.FromMed(1), maxRecords: 3, maxPerSubmitter: 2, await InADayAsync());

        // The attacker lists junk entries under its own entry keys and consents with them from its own funded account.
        var attacker = await Adversary.CreateAsync(Chain);
        var connection = attacker.Connect(WorkflowKit.FastOptions());
        var index = new SearchIndexClient(connection, Deployment.SearchIndexAddress!.Value);
        var market = new DataMarketClient(connection, Deployment.DataMarketAddress!.Value);
        var junk = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var entryKey = Secp256k1PrivateKey.Generate();
            await index.PublishAsync(entryKey, new SearchMetadata(Fhir, ["junk|" + i]));
            if (i < 2)
            {
                await market.ConsentAsync(posted.RequestId, entryKey, attacker.Address);
                junk.Add(SearchIndexClient.ComputeHandle(entryKey));
            }
            else
            {
                var capped = await Assert.ThrowsAsync<ChainException>(() => market.ConsentAsync(posted.RequestId, entryKey, attacker.Address));
                Assert.Equal("SubmitterCapReached", capped.RevertError);
            }
        }

        await researcher.RejectConsentsAsync(posted.RequestId, junk);
        Assert.Empty(await researcher.ListConsentsAsync(posted.RequestId).ToListAsync());
        var (record, listing) = await PublishAndListAsync(Diabetes, ResearchKit.UniqueCode());
        var consent = await Client.GetPatientClient(_patient).Research.ConsentToDataRequestAsync(posted.RequestId, record.Commitment);
        Assert.Equal(listing.Handle, Assert.Single(await researcher.ListConsentsAsync(posted.RequestId).ToListAsync()).Handle);
        Assert.Equal(listing.Handle, consent.Handle);
        var request = (await researcher.GetRequestAsync(posted.RequestId))!;
        Assert.Equal(1, request.Reserved);
        Assert.Equal(2, request.FreePlaces);
    }

    [Fact]
    public async Task A_revoked_researcher_receives_no_consent_and_no_key()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(Chain, Deployment);
        var researcher = Client.GetResearcherClient(researcherKey);
        var patient = Client.GetPatientClient(_patient);
        var (first, firstListing) = await PublishAndListAsync(Diabetes, ResearchKit.UniqueCode());
        var (second, _) = await PublishAndListAsync(Asthma, ResearchKit.UniqueCode());
        var posted = await researcher.PostRequestAsync(new DataRequestCriteria(), MedTokenClient.FromMed(1), 3, await InADayAsync());
        await patient.Research.ConsentToDataRequestAsync(posted.RequestId, first.Commitment);
        await researcher.AcceptConsentsAsync(posted.RequestId, [firstListing.Handle]);

        await ResearchKit.RevokeResearcherAsync(Chain, Deployment, researcher.Address);

        var sdk = await Assert.ThrowsAsync<AccessDeniedException>(() => patient.Research.ConsentToDataRequestAsync(posted.RequestId, second.Commitment));
        Assert.Equal(AccessDenialCodes.NotCertified, sdk.Code);
        var noKey = await Assert.ThrowsAsync<AccessDeniedException>(() => patient.Research.ReleaseDataRequestKeyAsync(posted.RequestId, first.Commitment));
        Assert.Equal(AccessDenialCodes.NotCertified, noKey.Code);
        // Past the SDK: a consent sent straight to the contract from an attacker's account is refused too.
        var attacker = await Adversary.CreateAsync(Chain);
        var connection = attacker.Connect(WorkflowKit.FastOptions());
        var market = new DataMarketClient(connection, Deployment.DataMarketAddress!.Value);
        using var entryKey = Secp256k1PrivateKey.Generate();
        await new SearchIndexClient(connection, Deployment.SearchIndexAddress!.Value).PublishAsync(entryKey, new SearchMetadata(Fhir, ["x|1"]));
        var chain = await Assert.ThrowsAsync<ChainException>(() => market.ConsentAsync(posted.RequestId, entryKey, attacker.Address));
        Assert.Equal("ResearcherNotCertified", chain.RevertError);
        Assert.Empty(await researcher.ListDeliveriesAsync(posted.RequestId).ToListAsync());
    }

    [Fact]
    public async Task A_patient_withdraws_a_consent_before_release_the_place_frees_and_no_key_can_follow()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(Chain, Deployment);
        var researcher = Client.GetResearcherClient(researcherKey);
        var patient = Client.GetPatientClient(_patient);
        var (record, listing) = await PublishAndListAsync(Diabetes, ResearchKit.UniqueCode());
        var posted = await researcher.PostRequestAsync(new DataRequestCriteria { Handles = [listing.Handle] }, MedTokenClient.FromMed(1), 1, await InADayAsync());
        await patient.Research.ConsentToDataRequestAsync(posted.RequestId, record.Commitment);

        #region Snippet:WithdrawDataConsent
        DataConsentWithdrawal withdrawn = await patient.Research.WithdrawDataRequestConsentAsync(posted.RequestId, record.Commitment);
        #endregion

        Assert.NotNull(withdrawn.Withdrawal);
        Assert.Null((await patient.Research.WithdrawDataRequestConsentAsync(posted.RequestId, record.Commitment)).Withdrawal);
        Assert.Equal(1, (await researcher.GetRequestAsync(posted.RequestId))!.FreePlaces);
        var release = await Assert.ThrowsAsync<ChainException>(() => patient.Research.ReleaseDataRequestKeyAsync(posted.RequestId, record.Commitment));
        Assert.Equal("WrongStatus", release.RevertError);
    }

    [Fact]
    public async Task An_uncertified_researcher_cannot_post_and_spends_nothing()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(Chain, Deployment, certified: false);
        var researcher = Client.GetResearcherClient(researcherKey);
        var deadline = await InADayAsync();
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(
            () => researcher.PostRequestAsync(new DataRequestCriteria(), MedTokenClient.FromMed(1), 1, deadline));
        Assert.Equal(AccessDenialCodes.NotCertified, ex.Code);
        Assert.Equal(MedTokenClient.FromMed(100), await ResearchKit.Token(Chain, Deployment).GetBalanceAsync(researcher.Address));
    }

    [Fact]
    public async Task Opting_out_removes_every_entry_from_search_results_for_good()
    {
        var code = ResearchKit.UniqueCode();
        var (first, _) = await PublishAndListAsync(Diabetes, code);
        await PublishAndListAsync(Asthma, code, age: "10-19");
        using var researcherKey = await Chain.FundedKeyAsync();
        var researcher = Client.GetResearcherClient(researcherKey);
        var query = new SearchQuery { Codes = [code] };
        Assert.Equal(2, (await researcher.SearchAsync(query).ToListAsync()).Count);

        var removed = await Client.GetPatientClient(_patient).Research.OptOutOfSearchAsync();

        Assert.Equal(2, removed.Count);
        Assert.Empty(await researcher.SearchAsync(query).ToListAsync());
        var again = await Assert.ThrowsAsync<ChainException>(
            () => Client.GetPatientClient(_patient).Research.PublishToSearchIndexAsync(first.Commitment, new SearchMetadata(Fhir, [code])));
        Assert.Equal("EntryExists", again.RevertError);
    }

    [Fact]
    public async Task A_restricted_category_is_hidden_from_search_and_from_matching_requests_until_lifted()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(Chain, Deployment);
        var researcher = Client.GetResearcherClient(researcherKey);
        var patient = Client.GetPatientClient(_patient);
        var hiddenCode = ResearchKit.UniqueCode();
        var keptCode = ResearchKit.UniqueCode();
        var (hidden, _) = await PublishAndListAsync(Diabetes, hiddenCode);
        var (kept, _) = await PublishAndListAsync(Asthma, keptCode);

        var restricted = await patient.Research.RestrictSearchCategoriesAsync([hiddenCode]);

        Assert.Equal(hidden.Commitment, Assert.Single(restricted).Commitment);
        Assert.Empty(await researcher.SearchAsync(new SearchQuery { Codes = [hiddenCode] }).ToListAsync());
        var posted = await researcher.PostRequestAsync(new DataRequestCriteria { Query = new SearchQuery { Codes = [hiddenCode, keptCode] } }, MedTokenClient.FromMed(1), 5, await InADayAsync());
        Assert.Equal([kept.Commitment], Assert.Single(await patient.Research.GetMatchingDataRequestsAsync(posted.BlockNumber).ToListAsync()).Commitments);

        await patient.Research.LiftSearchRestrictionsAsync([hiddenCode]);

        var match = Assert.Single(await patient.Research.GetMatchingDataRequestsAsync(posted.BlockNumber).ToListAsync());
        Assert.Equal(new[] { hidden.Commitment, kept.Commitment }.Order(), match.Commitments.Order());
    }

    [Fact]
    public async Task After_the_deadline_consents_are_refused_and_the_researcher_takes_back_only_the_free_places()
    {
        using var researcherKey = await ResearchKit.ResearcherAsync(Chain, Deployment);
        var researcher = Client.GetResearcherClient(researcherKey);
        var patient = Client.GetPatientClient(_patient);
        var (record, listing) = await PublishAndListAsync(Diabetes, ResearchKit.UniqueCode());
        var (late, _) = await PublishAndListAsync(Asthma, ResearchKit.UniqueCode());
        var posted = await researcher.PostRequestAsync(new DataRequestCriteria { Handles = [listing.Handle] }, MedTokenClient.FromMed(2), 3, await InADayAsync());
        await patient.Research.ConsentToDataRequestAsync(posted.RequestId, record.Commitment);
        var early = await Assert.ThrowsAsync<ChainException>(() => researcher.RefundAsync(posted.RequestId));
        Assert.Equal("DeadlineNotReached", early.RevertError);

        await Chain.IncreaseTimeAsync(TimeSpan.FromDays(2));

        var refused = await Assert.ThrowsAsync<ChainException>(() => patient.Research.ConsentToDataRequestAsync(posted.RequestId, late.Commitment));
        Assert.Equal("RequestExpired", refused.RevertError);
        Assert.Equal(MedTokenClient.FromMed(4), (await researcher.RefundAsync(posted.RequestId)).Amount);
        // The reserved place stays payable: the review window passed in silence, so the key may still go and be paid.
        await Chain.IncreaseTimeAsync(DataMarketClient.ReviewWindow);
        Assert.Equal(MedTokenClient.FromMed(2), (await patient.Research.ReleaseDataRequestKeyAsync(posted.RequestId, record.Commitment)).Amount);
        Assert.Equal(BigInteger.Zero, (await researcher.GetRequestAsync(posted.RequestId))!.Escrow);
    }
}

/// <summary>The Research tests with anvil as the chain.</summary>
public sealed class ResearchOnAnvilTests(DevnetFixture fixture) : ResearchTests(fixture, ChainBackend.Anvil);

/// <summary>The Research tests with the in-process embedded chain as the chain.</summary>
public sealed class ResearchOnEmbeddedChainTests(DevnetFixture fixture) : ResearchTests(fixture, ChainBackend.Embedded);
