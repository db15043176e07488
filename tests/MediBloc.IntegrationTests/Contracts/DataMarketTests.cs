using MediBloc.IntegrationTests.EmbeddedChain;
using System.Numerics;
using System.Security.Cryptography;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Credentials;
using MediBloc.Sdk.Market;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Token;

namespace MediBloc.IntegrationTests.Contracts;

[Collection(DevnetCollection.Name)]
public sealed class DataMarketTests(DevnetFixture fixture)
{
    private const string Cid = "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u";
    private static readonly BigInteger Price = MedTokenClient.FromMed(3);

    private string Researcher => fixture.Devnet.Accounts[ChainTestKit.MarketResearcher].Address;

    private string Patient => fixture.Devnet.Accounts[ChainTestKit.MarketPatient].Address;

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Posting_escrows_price_times_max_records_and_the_request_reads_back(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var before = await s.ResearcherToken.GetBalanceAsync(Researcher);
        var criteria = SHA256.HashData("age>40 AND condition=I10"u8);
        var deadline = (await chain.ChainTimeAsync()).AddDays(7);

        var posted = await s.PostAsync(4, deadline, criteria);
        var request = await s.Researcher.GetRequestAsync(posted.RequestId);

        Assert.Equal(4 * Price, posted.Escrow);
        Assert.Equal(before - (4 * Price), await s.ResearcherToken.GetBalanceAsync(Researcher));
        Assert.Equal(4 * Price, await s.ResearcherToken.GetBalanceAsync(s.Researcher.ContractAddress));
        Assert.NotNull(request);
        Assert.Equal(Researcher, request.Researcher);
        Assert.Equal(criteria, request.Criteria.ToArray());
        Assert.Equal(Price, request.PricePerRecord);
        Assert.Equal(4, request.MaxRecords);
        Assert.Equal(deadline.ToUnixTimeSeconds(), request.Deadline.ToUnixTimeSeconds());
        Assert.Equal((0, 0, false, false), (request.Consented, request.Delivered, request.Cancelled, request.Closed));
        Assert.Null(await s.Researcher.GetRequestAsync(posted.RequestId + 1000));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Only_a_certified_researcher_with_an_allowance_and_a_future_deadline_posts(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var now = await chain.ChainTimeAsync();
        var criteria = RandomNumberGenerator.GetBytes(32);

        var notResearcher = await Assert.ThrowsAsync<ChainException>(() => s.Patient.PostRequestAsync(criteria, Price, 1, now.AddDays(1)));
        var pastDeadline = await Assert.ThrowsAsync<ChainException>(() => s.Researcher.PostRequestAsync(criteria, Price, 1, now.AddSeconds(-1)));
        var noAllowance = await Assert.ThrowsAsync<ChainException>(() => s.Researcher.PostRequestAsync(criteria, Price, 1, now.AddDays(1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => s.Researcher.PostRequestAsync(criteria, 0, 1, now.AddDays(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => s.Researcher.PostRequestAsync(new byte[31], Price, 1, now.AddDays(1)));
        var zeroOnChain = await chain.RevertDataAsync(Researcher, s.Researcher.ContractAddress, "post(bytes32,uint128,uint32,uint64)", Words(0, 0, 1, now.AddDays(1).ToUnixTimeSeconds()));

        Assert.Equal("NotResearcher", notResearcher.RevertError);
        Assert.Equal("InvalidDeadline", pastDeadline.RevertError);
        Assert.Equal("ERC20InsufficientAllowance", noAllowance.RevertError);
        Assert.Equal(ChainTestKit.Selector("ZeroValue()"), zeroOnChain);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_confirmed_delivery_of_a_consented_record_pays_the_patient(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var posted = await s.PostAsync(2, (await chain.ChainTimeAsync()).AddDays(7));
        var record = await s.AnchorAsync();
        var patientBefore = await s.ResearcherToken.GetBalanceAsync(Patient);

        await s.Patient.ConsentAsync(posted.RequestId, record, "bafkreiwrappedkeytoresearcher");
        var consents = await s.Researcher.GetConsentsAsync(posted.RequestId, posted.BlockNumber).ToListAsync();
        Assert.Equal(new DataConsent(Patient, false), await s.Researcher.GetConsentAsync(posted.RequestId, record));
        var paid = await s.Researcher.ConfirmDeliveryAsync(posted.RequestId, record);

        var consent = Assert.Single(consents);
        Assert.Equal(record, consent.Commitment.ToArray());
        Assert.Equal((Patient, "bafkreiwrappedkeytoresearcher", posted.RequestId), (consent.Patient, consent.KeyCid, consent.RequestId));
        Assert.Equal(Price, paid.Amount);
        Assert.Equal(patientBefore + Price, await s.ResearcherToken.GetBalanceAsync(Patient));
        Assert.Equal(new DataConsent(Patient, true), await s.Researcher.GetConsentAsync(posted.RequestId, record));
        var request = await s.Researcher.GetRequestAsync(posted.RequestId);
        Assert.Equal((1, 1, Price), (request!.Consented, request.Delivered, request.Escrow));
        Assert.Null(await s.Researcher.GetConsentAsync(posted.RequestId, ChainTestKit.RandomCommitment()));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_patient_withdraws_a_consent_before_delivery_the_place_frees_and_it_can_no_longer_be_confirmed(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var posted = await s.PostAsync(1, (await chain.ChainTimeAsync()).AddDays(7));
        var first = await s.AnchorAsync();
        var second = await s.AnchorAsync();
        await s.Patient.ConsentAsync(posted.RequestId, first, "bafkreiwrappedkeytoresearcher");

        var byOther = await Assert.ThrowsAsync<ChainException>(() => s.OtherPatient.WithdrawConsentAsync(posted.RequestId, first));
        var withdrawn = await s.Patient.WithdrawConsentAsync(posted.RequestId, first);
        var again = await Assert.ThrowsAsync<ChainException>(() => s.Patient.WithdrawConsentAsync(posted.RequestId, first));
        var confirm = await Assert.ThrowsAsync<ChainException>(() => s.Researcher.ConfirmDeliveryAsync(posted.RequestId, first));
        var afterWithdrawal = await s.Researcher.GetRequestAsync(posted.RequestId);
        await s.Patient.ConsentAsync(posted.RequestId, second); // the only place is free again
        await s.Researcher.ConfirmDeliveryAsync(posted.RequestId, second);
        var delivered = await Assert.ThrowsAsync<ChainException>(() => s.Patient.WithdrawConsentAsync(posted.RequestId, second));

        Assert.Equal("NotConsentingPatient", byOther.RevertError);
        Assert.True(withdrawn.GasUsed > 21_000);
        Assert.Equal("NotConsented", again.RevertError);
        Assert.Equal("NotConsented", confirm.RevertError);
        Assert.Null(await s.Researcher.GetConsentAsync(posted.RequestId, first));
        Assert.Equal((0, 0, Price), (afterWithdrawal!.Consented, afterWithdrawal.Delivered, afterWithdrawal.Escrow));
        Assert.Equal("AlreadyDelivered", delivered.RevertError);
        Assert.Equal(new DataConsent(Patient, true), await s.Researcher.GetConsentAsync(posted.RequestId, second));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Consent_is_refused_for_another_owners_record_twice_when_full_unknown_or_after_the_deadline(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var deadline = (await chain.ChainTimeAsync()).AddDays(1);
        var posted = await s.PostAsync(2, deadline);
        var first = await s.AnchorAsync();
        var second = await s.AnchorAsync();
        var third = await s.AnchorAsync();
        var late = await s.PostAsync(1, deadline);

        var notOwner = await Assert.ThrowsAsync<ChainException>(() => s.OtherPatient.ConsentAsync(posted.RequestId, first));
        await s.Patient.ConsentAsync(posted.RequestId, first);
        var twice = await Assert.ThrowsAsync<ChainException>(() => s.Patient.ConsentAsync(posted.RequestId, first));
        await s.Patient.ConsentAsync(posted.RequestId, second);
        var full = await Assert.ThrowsAsync<ChainException>(() => s.Patient.ConsentAsync(posted.RequestId, third));
        var unknown = await Assert.ThrowsAsync<ChainException>(() => s.Patient.ConsentAsync(posted.RequestId + 1000, third));
        await chain.IncreaseTimeAsync(TimeSpan.FromDays(1));
        var expired = await Assert.ThrowsAsync<ChainException>(() => s.Patient.ConsentAsync(late.RequestId, third));

        Assert.Equal("NotRecordOwner", notOwner.RevertError);
        Assert.Equal("AlreadyConsented", twice.RevertError);
        Assert.Equal("RequestFull", full.RevertError);
        Assert.Equal("UnknownRequest", unknown.RevertError);
        Assert.Equal("RequestExpired", expired.RevertError);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Only_the_requests_researcher_confirms_once_and_only_consented_records(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var posted = await s.PostAsync(2, (await chain.ChainTimeAsync()).AddDays(7));
        var record = await s.AnchorAsync();
        await s.Patient.ConsentAsync(posted.RequestId, record);

        var byPatient = await Assert.ThrowsAsync<ChainException>(() => s.Patient.ConfirmDeliveryAsync(posted.RequestId, record));
        var unconsented = await Assert.ThrowsAsync<ChainException>(() => s.Researcher.ConfirmDeliveryAsync(posted.RequestId, ChainTestKit.RandomCommitment()));
        await s.Researcher.ConfirmDeliveryAsync(posted.RequestId, record);
        var twice = await Assert.ThrowsAsync<ChainException>(() => s.Researcher.ConfirmDeliveryAsync(posted.RequestId, record));
        var unknown = await Assert.ThrowsAsync<ChainException>(() => s.Researcher.ConfirmDeliveryAsync(posted.RequestId + 1000, record));

        Assert.Equal("NotRequestResearcher", byPatient.RevertError);
        Assert.Equal("NotConsented", unconsented.RevertError);
        Assert.Equal("AlreadyDelivered", twice.RevertError);
        Assert.Equal("UnknownRequest", unknown.RevertError);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task After_the_deadline_the_researcher_refunds_the_unspent_escrow_and_the_request_closes(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var posted = await s.PostAsync(3, (await chain.ChainTimeAsync()).AddDays(2));
        var delivered = await s.AnchorAsync();
        var pending = await s.AnchorAsync();
        await s.Patient.ConsentAsync(posted.RequestId, delivered);
        await s.Patient.ConsentAsync(posted.RequestId, pending);
        await s.Researcher.ConfirmDeliveryAsync(posted.RequestId, delivered);

        var early = await Assert.ThrowsAsync<ChainException>(() => s.Researcher.RefundAsync(posted.RequestId));
        await chain.IncreaseTimeAsync(TimeSpan.FromDays(2));
        var byPatient = await Assert.ThrowsAsync<ChainException>(() => s.Patient.RefundAsync(posted.RequestId));
        var before = await s.ResearcherToken.GetBalanceAsync(Researcher);
        var refund = await s.Researcher.RefundAsync(posted.RequestId);
        var confirmAfter = await Assert.ThrowsAsync<ChainException>(() => s.Researcher.ConfirmDeliveryAsync(posted.RequestId, pending));
        var refundTwice = await Assert.ThrowsAsync<ChainException>(() => s.Researcher.RefundAsync(posted.RequestId));
        var cancelAfter = await Assert.ThrowsAsync<ChainException>(() => s.Researcher.CancelAsync(posted.RequestId));
        var unknown = await Assert.ThrowsAsync<ChainException>(() => s.Researcher.RefundAsync(posted.RequestId + 1000));

        Assert.Equal("DeadlineNotReached", early.RevertError);
        Assert.Equal("NotRequestResearcher", byPatient.RevertError);
        Assert.Equal(2 * Price, refund.Amount);
        Assert.Equal(before + (2 * Price), await s.ResearcherToken.GetBalanceAsync(Researcher));
        Assert.Equal("RequestClosed", confirmAfter.RevertError);
        Assert.Equal("RequestClosed", refundTwice.RevertError);
        Assert.Equal("RequestClosed", cancelAfter.RevertError);
        Assert.Equal("UnknownRequest", unknown.RevertError);
        var request = await s.Researcher.GetRequestAsync(posted.RequestId);
        Assert.Equal((true, BigInteger.Zero), (request!.Closed, request.Escrow));
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task A_delivery_consented_before_the_deadline_may_be_confirmed_after_it_until_the_refund(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var posted = await s.PostAsync(1, (await chain.ChainTimeAsync()).AddDays(1));
        var record = await s.AnchorAsync();
        await s.Patient.ConsentAsync(posted.RequestId, record);
        await chain.IncreaseTimeAsync(TimeSpan.FromDays(3));

        var paid = await s.Researcher.ConfirmDeliveryAsync(posted.RequestId, record);
        var refund = await s.Researcher.RefundAsync(posted.RequestId);

        Assert.Equal(Price, paid.Amount);
        Assert.Equal(BigInteger.Zero, refund.Amount);
    }

    [Theory]
    [MemberData(nameof(ChainUnderTest.Backends), MemberType = typeof(ChainUnderTest))]
    public async Task Cancelling_refunds_the_unconsented_places_at_once_stops_consents_and_keeps_consented_records_payable(ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var s = await SetUpAsync(chain);
        var posted = await s.PostAsync(5, (await chain.ChainTimeAsync()).AddDays(2));
        var consented = await s.AnchorAsync();
        var after = await s.AnchorAsync();
        await s.Patient.ConsentAsync(posted.RequestId, consented);

        var byPatient = await Assert.ThrowsAsync<ChainException>(() => s.Patient.CancelAsync(posted.RequestId));
        var before = await s.ResearcherToken.GetBalanceAsync(Researcher);
        var cancelled = await s.Researcher.CancelAsync(posted.RequestId);
        var consentAfter = await Assert.ThrowsAsync<ChainException>(() => s.Patient.ConsentAsync(posted.RequestId, after));
        var twice = await Assert.ThrowsAsync<ChainException>(() => s.Researcher.CancelAsync(posted.RequestId));
        var unknown = await Assert.ThrowsAsync<ChainException>(() => s.Researcher.CancelAsync(posted.RequestId + 1000));
        var paid = await s.Researcher.ConfirmDeliveryAsync(posted.RequestId, consented);

        Assert.Equal("NotRequestResearcher", byPatient.RevertError);
        Assert.Equal(4 * Price, cancelled.Amount);
        Assert.Equal(before + (4 * Price), await s.ResearcherToken.GetBalanceAsync(Researcher));
        Assert.Equal("RequestCancelled", consentAfter.RevertError);
        Assert.Equal("RequestCancelled", twice.RevertError);
        Assert.Equal("UnknownRequest", unknown.RevertError);
        Assert.Equal(Price, paid.Amount);
        var request = await s.Researcher.GetRequestAsync(posted.RequestId);
        Assert.Equal((true, false, BigInteger.Zero), (request!.Cancelled, request.Closed, request.Escrow));
    }

    private static string Words(params long[] values) => string.Concat(values.Select(v => v.ToString("x64", System.Globalization.CultureInfo.InvariantCulture)));

    private async Task<MarketSetup> SetUpAsync(ChainUnderTest chain)
    {
        var admin = chain.ConnectAccount(ChainTestKit.MarketAdmin);
        var researcher = chain.ConnectAccount(ChainTestKit.MarketResearcher);
        var patient = chain.ConnectAccount(ChainTestKit.MarketPatient);
        var other = chain.ConnectAccount(ChainTestKit.MarketOtherPatient);
        var token = await MedTokenClient.DeployAsync(admin, MedTokenClient.FromMed(1_000_000));
        var registry = await RecordRegistryClient.DeployAsync(admin);
        var credentials = await CredentialsClient.DeployAsync(admin);
        await credentials.SetAuthorityAsync(admin.Address, true);
        await credentials.CertifyAsync(Researcher, CredentialRole.Researcher, (await chain.ChainTimeAsync()).AddYears(5));
        var market = await DataMarketClient.DeployAsync(admin, token.ContractAddress, registry.ContractAddress, credentials.ContractAddress);
        await token.TransferAsync(Researcher, MedTokenClient.FromMed(1_000));
        return new MarketSetup(
            new DataMarketClient(researcher, market.ContractAddress),
            new DataMarketClient(patient, market.ContractAddress),
            new DataMarketClient(other, market.ContractAddress),
            new MedTokenClient(researcher, token.ContractAddress),
            new RecordRegistryClient(patient, registry.ContractAddress));
    }

    private sealed record MarketSetup(DataMarketClient Researcher, DataMarketClient Patient, DataMarketClient OtherPatient, MedTokenClient ResearcherToken, RecordRegistryClient PatientRegistry)
    {
        public async Task<DataRequestPosted> PostAsync(int maxRecords, DateTimeOffset deadline, byte[]? criteria = null)
        {
            await ResearcherToken.ApproveAsync(Researcher.ContractAddress, maxRecords * Price);
            return await Researcher.PostRequestAsync(criteria ?? RandomNumberGenerator.GetBytes(32), Price, maxRecords, deadline);
        }

        public async Task<byte[]> AnchorAsync()
        {
            // The market names a record by its record id.
            var anchored = await PatientRegistry.AnchorAsync(ChainTestKit.RandomCommitment(), Cid, "application/fhir+json");
            return Convert.FromHexString(anchored.RecordId[2..]);
        }
    }
}
