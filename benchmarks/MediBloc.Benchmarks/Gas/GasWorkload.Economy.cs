using System.Numerics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.DataMarket;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Contracts.StorageQuota;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.Benchmarks.Gas;

internal sealed partial class GasWorkload
{
    /// <summary>
    /// The MED economy on the same chain and registry: token transfers, MediPoints (fund the pool, buy, claim an
    /// authored record's reward, deposits, convert after the lock), storage quota, the data market v2 (post, consent by an entry key through a relayer, accept, reject, release and pay, withdraw,
    /// cancel, refund after the deadline) and
    /// peer vouching (vouch, certifying vouch, challenge).
    /// </summary>
    private async Task MeasureEconomyAsync(ChainConnection owner, RecordRegistryClient registry, RecordId authoredRecord, CancellationToken cancellationToken)
    {
        var researcherConnection = Connect(5);
        var patientConnection = Connect(6);
        var patient = Address(6);
        var researcher = Address(5);

        var tokenDeployment = await owner.DeployAsync(ContractArtifact.MedToken, new Nethereum.ABI.ABIEncode().GetABIEncoded(new Nethereum.ABI.ABIValue("uint256", MedTokenClient.FromMed(1_000_000))), cancellationToken);
        Add("deploy.MedToken", tokenDeployment.GasUsed);
        var token = new MedTokenClient(owner, tokenDeployment.ContractAddress);
        Add("token.transfer.fresh", (await token.TransferAsync(EvmAddress.Parse(patient), MedTokenClient.FromMed(1_000), cancellationToken)).GasUsed);
        Add("token.transfer", (await token.TransferAsync(EvmAddress.Parse(patient), MedTokenClient.FromMed(1_000), cancellationToken)).GasUsed);
        await token.TransferAsync(EvmAddress.Parse(researcher), MedTokenClient.FromMed(10_000), cancellationToken);
        var patientToken = new MedTokenClient(patientConnection, token.ContractAddress);
        var researcherToken = new MedTokenClient(researcherConnection, token.ContractAddress);
        Add("token.approve", (await patientToken.ApproveAsync(owner.Address, MedTokenClient.FromMed(1), cancellationToken)).GasUsed);
        Add("token.transferFrom", (await token.TransferFromAsync(EvmAddress.Parse(patient), owner.Address, MedTokenClient.FromMed(1), cancellationToken)).GasUsed);

        // Both chains' clocks to just past origin (other tests may have moved them apart): lots are weekly, so the
        // points rows must see the same week boundaries on both.
        await PassAsync(origin);

        // MediPoints: the owner funds the reward pool and is the treasury and (standing in for Credentials) a locker.
        var medPerPoint = MedTokenClient.FromMed(1) / 100;
        var points = await MediPointsClient.DeployAsync(owner, token.ContractAddress, registry.ContractAddress, medPerPoint, owner.Address, cancellationToken);
        await points.SetRateAsync("application/fhir+json", 10, cancellationToken);
        await points.SetLockerAsync(owner.Address, true, cancellationToken);
        await token.ApproveAsync(points.ContractAddress, MedTokenClient.FromMed(1_000), cancellationToken);
        Add("points.fundRewardPool", (await points.FundRewardPoolAsync(MedTokenClient.FromMed(1_000), cancellationToken)).GasUsed);
        var patientPoints = new MediPointsClient(patientConnection, points.ContractAddress);
        await patientToken.ApproveAsync(points.ContractAddress, 1_000 * medPerPoint, cancellationToken);
        Add("points.buy.first", (await patientPoints.BuyAsync(500, cancellationToken)).GasUsed);
        Add("points.buy", (await patientPoints.BuyAsync(500, cancellationToken)).GasUsed);
        // Only provider-authored records earn rewards; the reward goes to the author (account 4, see MeasureAccessAsync).
        Add("points.claimRecordReward.authored", (await new MediPointsClient(Connect(4), points.ContractAddress).ClaimRecordRewardAsync(authoredRecord, cancellationToken)).GasUsed);
        var patientRegistry = new RecordRegistryClient(patientConnection, registry.ContractAddress);
        // A deposit whose points need only be live now: the two chains' clocks may lie years apart (other tests move
        // time), so a term from origin could outlive every lot on one of them; the calldata stays the same on both.
        var until = DateTimeOffset.UnixEpoch;
        var released = await points.LockDepositAsync(EvmAddress.Parse(patient), 100, until, cancellationToken);
        Add("points.lockDeposit.1lot", released.GasUsed);
        Add("points.releaseDeposit.1lot", (await points.ReleaseDepositAsync(released.DepositId, cancellationToken)).GasUsed);
        var slashed = await points.LockDepositAsync(EvmAddress.Parse(patient), 100, until, cancellationToken);
        Add("points.slashDeposit.1lot", (await points.SlashDepositAsync(slashed.DepositId, cancellationToken)).GasUsed);
        // 98 days on, the first lot is past its lock (90 days after the end of its week) on either chain's clock.
        await IncreaseTimeAsync(TimeSpan.FromDays(98));
        Add("points.convert.1lot", (await patientPoints.ConvertAsync(600, cancellationToken)).GasUsed);

        // Storage quota.
        var quota = await StorageQuotaClient.DeployAsync(owner, token.ContractAddress, owner.Address, MedTokenClient.FromMed(2), cancellationToken);
        var patientQuota = new StorageQuotaClient(patientConnection, quota.ContractAddress);
        await patientToken.ApproveAsync(quota.ContractAddress, MedTokenClient.FromMed(20), cancellationToken);
        Add("quota.buy.first", (await patientQuota.BuyAsync(5, cancellationToken)).GasUsed);
        Add("quota.buy", (await patientQuota.BuyAsync(5, cancellationToken)).GasUsed);

        // Data market.
        var credentials = await CredentialsClient.DeployAsync(owner, cancellationToken);
        await credentials.SetAuthorityAsync(owner.Address, true, cancellationToken);
        // Chain time is now origin + 98 days and a little: the market deadline lies a week after that.
        var deadline = origin.AddDays(105);
        await credentials.CertifyAsync(EvmAddress.Parse(researcher), CredentialRole.Researcher, origin.AddYears(5), cancellationToken);
        // Market v2: consents are signed by search-index entry keys (from the seed, so signatures match on every chain)
        // and sent by a relayer (account 6); the researcher accepts or rejects; a release pays its payee at once.
        var marketIndex = await SearchIndexClient.DeployAsync(patientConnection, cancellationToken);
        var marketDeployment = await DataMarketClient.DeployAsync(owner, token.ContractAddress, credentials.ContractAddress, marketIndex.ContractAddress, cancellationToken);
        var market = new DataMarketClient(researcherConnection, marketDeployment.ContractAddress);
        var relayerMarket = new DataMarketClient(patientConnection, market.ContractAddress);
        var price = MedTokenClient.FromMed(3);
        await researcherToken.ApproveAsync(market.ContractAddress, 20 * price, cancellationToken);
        var request = await market.PostRequestAsync(Commitment(), price, 10, 10, deadline, cancellationToken);
        Add("market.post", request.GasUsed);
        var entryKeys = new List<Secp256k1PrivateKey>();
        for (var i = 0; i < 4; i++)
        {
            entryKeys.Add(Secp256k1PrivateKey.FromHex(Convert.ToHexString(Commitment())));
            await marketIndex.PublishAsync(entryKeys[^1], new SearchMetadata(ContentType, ["http://snomed.info/sct|44054006"]), cancellationToken);
        }
        var payee = Address(9);
        Add("market.consent", (await relayerMarket.ConsentAsync(request.RequestId, entryKeys[0], EvmAddress.Parse(payee), cancellationToken)).GasUsed);
        await relayerMarket.ConsentAsync(request.RequestId, entryKeys[1], EvmAddress.Parse(payee), cancellationToken);
        await relayerMarket.ConsentAsync(request.RequestId, entryKeys[2], EvmAddress.Parse(payee), cancellationToken);
        Add("market.accept.1", (await market.AcceptAsync(request.RequestId, [SearchIndexClient.ComputeHandle(entryKeys[0])], cancellationToken)).GasUsed);
        Add("market.reject.1", (await market.RejectAsync(request.RequestId, [SearchIndexClient.ComputeHandle(entryKeys[2])], cancellationToken)).GasUsed);
        Add("market.release.200B", (await relayerMarket.ReleaseAsync(request.RequestId, entryKeys[0], new byte[200], cancellationToken)).GasUsed);
        Add("market.withdraw", (await relayerMarket.WithdrawAsync(request.RequestId, entryKeys[1], cancellationToken)).GasUsed);
        var cancelled = await market.PostRequestAsync(Commitment(), price, 10, 10, deadline, cancellationToken);
        await relayerMarket.ConsentAsync(cancelled.RequestId, entryKeys[3], EvmAddress.Parse(payee), cancellationToken);
        Add("market.cancel", (await market.CancelAsync(cancelled.RequestId, cancellationToken)).GasUsed);
        await PassAsync(deadline);
        Add("market.refund", (await market.RefundAsync(request.RequestId, cancellationToken)).GasUsed);
        entryKeys.ForEach(k => k.Dispose());

        // Peer vouching (v2): two authority-certified peers (accounts 7 and 8) vouch for account 9; the second vouch
        // certifies. A pending vouch on account 2 is withdrawn; account 9 is challenged; account 3 is vouched in and,
        // after the term and the challenge window, a bonded vouch is released.
        await points.SetLockerAsync(credentials.ContractAddress, true, cancellationToken);
        var term = TimeSpan.FromDays(365);
        var window = TimeSpan.FromDays(30);
        await credentials.SetVouchingAsync(new VouchingRules(points.ContractAddress, 2, 10, term, window, 4), cancellationToken);
        var vouchers = new List<CredentialsClient>();
        foreach (var index in new[] { 7, 8 })
        {
            var connection = Connect(index);
            await credentials.CertifyAsync(EvmAddress.Parse(Address(index)), CredentialRole.Provider, origin.AddYears(5), cancellationToken);
            await token.TransferAsync(EvmAddress.Parse(Address(index)), MedTokenClient.FromMed(1), cancellationToken);
            await new MedTokenClient(connection, token.ContractAddress).ApproveAsync(points.ContractAddress, 40 * medPerPoint, cancellationToken);
            await new MediPointsClient(connection, points.ContractAddress).BuyAsync(40, cancellationToken);
            vouchers.Add(new CredentialsClient(connection, credentials.ContractAddress));
        }
        var candidate = Address(9);
        Add("credentials.vouch", (await vouchers[0].VouchAsync(EvmAddress.Parse(candidate), CredentialRole.Provider, cancellationToken)).GasUsed);
        Add("credentials.vouch.certifying", (await vouchers[1].VouchAsync(EvmAddress.Parse(candidate), CredentialRole.Provider, cancellationToken)).GasUsed);
        await vouchers[0].VouchAsync(EvmAddress.Parse(Address(2)), CredentialRole.Provider, cancellationToken);
        Add("credentials.releaseVouch.pending", (await vouchers[0].ReleaseVouchAsync(EvmAddress.Parse(Address(2)), CredentialRole.Provider, cancellationToken)).GasUsed);
        Add("credentials.challenge.2vouchers", (await credentials.ChallengeAsync(EvmAddress.Parse(candidate), CredentialRole.Provider, "fraud", cancellationToken)).GasUsed);
        await vouchers[0].VouchAsync(EvmAddress.Parse(Address(3)), CredentialRole.Provider, cancellationToken);
        await vouchers[1].VouchAsync(EvmAddress.Parse(Address(3)), CredentialRole.Provider, cancellationToken);
        var releasableAt = (await vouchers[0].GetVouchAsync(EvmAddress.Parse(Address(3)), CredentialRole.Provider, EvmAddress.Parse(Address(7)), cancellationToken))!.ReleasableAt;
        await PassAsync(releasableAt);
        Add("credentials.releaseVouch.bonded", (await vouchers[0].ReleaseVouchAsync(EvmAddress.Parse(Address(3)), CredentialRole.Provider, cancellationToken)).GasUsed);
    }
}
