using System.Net.Http.Json;
using System.Numerics;
using System.Security.Cryptography;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Credentials;
using MediBloc.Sdk.Market;
using MediBloc.Sdk.Points;
using MediBloc.Sdk.Quota;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Testing;
using MediBloc.Sdk.Token;

namespace MediBloc.Benchmarks.Gas;

public sealed partial class GasHarness
{
    /// <summary>
    /// The MED economy on the same chain and registry: token transfers, MediPoints (buy, claim, convert after the
    /// 3-month lock), storage quota, the data market (post, consent, confirm, refund after the deadline, cancel) and
    /// peer vouching (vouch, certifying vouch, challenge).
    /// </summary>
    private static async Task MeasureEconomyAsync(Devnet devnet, ChainConnection owner, RecordRegistryClient registry, byte[] authoredRecord, SortedDictionary<string, object> gas, CancellationToken cancellationToken)
    {
        var researcherConnection = Connect(devnet, 5);
        var patientConnection = Connect(devnet, 6);
        var patient = devnet.Accounts[6].Address;
        var researcher = devnet.Accounts[5].Address;

        var tokenDeployment = await owner.DeployAsync(ContractArtifact.MedToken, new Nethereum.ABI.ABIEncode().GetABIEncoded(new Nethereum.ABI.ABIValue("uint256", MedTokenClient.FromMed(1_000_000))), cancellationToken);
        gas["deploy.MedToken"] = tokenDeployment.GasUsed;
        var token = new MedTokenClient(owner, tokenDeployment.ContractAddress);
        gas["token.transfer.fresh"] = (await token.TransferAsync(patient, MedTokenClient.FromMed(1_000), cancellationToken)).GasUsed;
        gas["token.transfer"] = (await token.TransferAsync(patient, MedTokenClient.FromMed(1_000), cancellationToken)).GasUsed;
        await token.TransferAsync(researcher, MedTokenClient.FromMed(10_000), cancellationToken);
        var patientToken = new MedTokenClient(patientConnection, token.ContractAddress);
        var researcherToken = new MedTokenClient(researcherConnection, token.ContractAddress);
        gas["token.approve"] = (await patientToken.ApproveAsync(owner.Address, MedTokenClient.FromMed(1), cancellationToken)).GasUsed;
        gas["token.transferFrom"] = (await token.TransferFromAsync(patient, owner.Address, MedTokenClient.FromMed(1), cancellationToken)).GasUsed;

        // MediPoints.
        var medPerPoint = MedTokenClient.FromMed(1) / 100;
        var points = await MediPointsClient.DeployAsync(owner, token.ContractAddress, registry.ContractAddress, medPerPoint, cancellationToken);
        await points.SetRateAsync("application/fhir+json", 10, cancellationToken);
        await token.TransferAsync(points.ContractAddress, MedTokenClient.FromMed(1_000), cancellationToken);
        var patientPoints = new MediPointsClient(patientConnection, points.ContractAddress);
        await patientToken.ApproveAsync(points.ContractAddress, 1_000 * medPerPoint, cancellationToken);
        gas["points.buy.first"] = (await patientPoints.BuyAsync(500, cancellationToken)).GasUsed;
        gas["points.buy"] = (await patientPoints.BuyAsync(500, cancellationToken)).GasUsed;
        var patientRegistry = new RecordRegistryClient(patientConnection, registry.ContractAddress);
        var record = RandomNumberGenerator.GetBytes(32);
        await patientRegistry.AnchorAsync(record, Cid, ContentType, cancellationToken);
        gas["points.claimRecordReward"] = (await patientPoints.ClaimRecordRewardAsync(record, cancellationToken)).GasUsed;
        // The reward of a provider-authored record goes to its author (account 4, see MeasureAccessAsync).
        gas["points.claimRecordReward.authored"] = (await new MediPointsClient(Connect(devnet, 4), points.ContractAddress).ClaimRecordRewardAsync(authoredRecord, cancellationToken)).GasUsed;
        await IncreaseTimeAsync(devnet, TimeSpan.FromDays(90), cancellationToken);
        gas["points.convert.3lots"] = (await patientPoints.ConvertAsync(600, cancellationToken)).GasUsed;

        // Storage quota.
        var quota = await StorageQuotaClient.DeployAsync(owner, token.ContractAddress, owner.Address, MedTokenClient.FromMed(2), cancellationToken);
        var patientQuota = new StorageQuotaClient(patientConnection, quota.ContractAddress);
        await patientToken.ApproveAsync(quota.ContractAddress, MedTokenClient.FromMed(20), cancellationToken);
        gas["quota.buy.first"] = (await patientQuota.BuyAsync(5, cancellationToken)).GasUsed;
        gas["quota.buy"] = (await patientQuota.BuyAsync(5, cancellationToken)).GasUsed;

        // Data market.
        var credentials = await CredentialsClient.DeployAsync(owner, cancellationToken);
        await credentials.SetAuthorityAsync(owner.Address, true, cancellationToken);
        var now = await ChainTimeAsync(devnet, cancellationToken);
        await credentials.CertifyAsync(researcher, CredentialRole.Researcher, now.AddYears(5), cancellationToken);
        var marketDeployment = await DataMarketClient.DeployAsync(owner, token.ContractAddress, registry.ContractAddress, credentials.ContractAddress, cancellationToken);
        var market = new DataMarketClient(researcherConnection, marketDeployment.ContractAddress);
        var patientMarket = new DataMarketClient(patientConnection, market.ContractAddress);
        var price = MedTokenClient.FromMed(3);
        await researcherToken.ApproveAsync(market.ContractAddress, 20 * price, cancellationToken);
        var request = await market.PostRequestAsync(RandomNumberGenerator.GetBytes(32), price, 10, now.AddDays(7), cancellationToken);
        gas["market.post"] = request.GasUsed;
        var records = new List<byte[]>();
        for (var i = 0; i < 3; i++)
        {
            records.Add(RandomNumberGenerator.GetBytes(32));
            await patientRegistry.AnchorAsync(records[^1], Cid, ContentType, cancellationToken);
        }
        gas["market.consent"] = (await patientMarket.ConsentAsync(request.RequestId, records[0], "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", cancellationToken)).GasUsed;
        await patientMarket.ConsentAsync(request.RequestId, records[1], cancellationToken: cancellationToken);
        gas["market.confirmDelivery"] = (await market.ConfirmDeliveryAsync(request.RequestId, records[0], cancellationToken)).GasUsed;
        var cancelled = await market.PostRequestAsync(RandomNumberGenerator.GetBytes(32), price, 10, now.AddDays(7), cancellationToken);
        await patientMarket.ConsentAsync(cancelled.RequestId, records[2], cancellationToken: cancellationToken);
        gas["market.cancel"] = (await market.CancelAsync(cancelled.RequestId, cancellationToken)).GasUsed;
        await IncreaseTimeAsync(devnet, TimeSpan.FromDays(7), cancellationToken);
        gas["market.refund"] = (await market.RefundAsync(request.RequestId, cancellationToken)).GasUsed;

        // Peer vouching: two peers (accounts 7 and 8) vouch for account 9; the second vouch certifies.
        await points.SetLockerAsync(credentials.ContractAddress, true, cancellationToken);
        await credentials.SetVouchingAsync(points.ContractAddress, 2, 10, TimeSpan.FromDays(365), cancellationToken);
        var vouchers = new List<CredentialsClient>();
        foreach (var index in new[] { 7, 8 })
        {
            var connection = Connect(devnet, index);
            await credentials.CertifyAsync(devnet.Accounts[index].Address, CredentialRole.Provider, now.AddYears(5), cancellationToken);
            await token.TransferAsync(devnet.Accounts[index].Address, MedTokenClient.FromMed(1), cancellationToken);
            await new MedTokenClient(connection, token.ContractAddress).ApproveAsync(points.ContractAddress, 20 * medPerPoint, cancellationToken);
            await new MediPointsClient(connection, points.ContractAddress).BuyAsync(20, cancellationToken);
            vouchers.Add(new CredentialsClient(connection, credentials.ContractAddress));
        }
        var candidate = devnet.Accounts[9].Address;
        gas["credentials.vouch"] = (await vouchers[0].VouchAsync(candidate, CredentialRole.Provider, cancellationToken)).GasUsed;
        gas["credentials.vouch.certifying"] = (await vouchers[1].VouchAsync(candidate, CredentialRole.Provider, cancellationToken)).GasUsed;
        gas["credentials.challenge.2vouchers"] = (await credentials.ChallengeAsync(candidate, CredentialRole.Provider, "fraud", cancellationToken)).GasUsed;
    }

    private static async Task IncreaseTimeAsync(Devnet devnet, TimeSpan by, CancellationToken cancellationToken)
    {
        await RpcAsync(devnet, "evm_increaseTime", [(long)by.TotalSeconds], cancellationToken);
        await RpcAsync(devnet, "evm_mine", [], cancellationToken);
    }

    private static async Task<DateTimeOffset> ChainTimeAsync(Devnet devnet, CancellationToken cancellationToken)
    {
        var block = await RpcAsync(devnet, "eth_getBlockByNumber", ["latest", false], cancellationToken);
        return DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(block.GetProperty("timestamp").GetString(), 16));
    }

    private static async Task<System.Text.Json.JsonElement> RpcAsync(Devnet devnet, string method, object[] parameters, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(devnet.RpcUrl, new { jsonrpc = "2.0", id = 1, method, @params = parameters }, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancellationToken);
        return body.TryGetProperty("result", out var result)
            ? result.Clone()
            : throw new InvalidOperationException($"{method} failed: {body}");
    }
}
