using System.Security.Cryptography;
using MediBloc.Sdk.Access;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Emergency;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Testing;

namespace MediBloc.Benchmarks.Gas;

public sealed partial class GasHarness
{
    /// <summary>
    /// Access grants, delegates, read logs, credentials, break-the-glass and provider-authored records, on the same
    /// chain and registry. Returns the commitment of one provider-authored record (its author is account 4).
    /// </summary>
    private static async Task<byte[]> MeasureAccessAsync(Devnet devnet, ChainConnection owner, RecordRegistryClient registry, SortedDictionary<string, object> gas, CancellationToken cancellationToken)
    {
        var grantsDeployment = await owner.DeployAsync(
            ContractArtifact.AccessGrants,
            new Nethereum.ABI.ABIEncode().GetABIEncoded(new Nethereum.ABI.ABIValue("address", registry.ContractAddress)),
            cancellationToken);
        gas["deploy.AccessGrants"] = grantsDeployment.GasUsed;
        var grants = new AccessGrantsClient(owner, grantsDeployment.ContractAddress);
        var relayer = new AccessGrantsClient(Connect(devnet, 2), grants.ContractAddress);
        var grantee = new AccessGrantsClient(Connect(devnet, 1), grants.ContractAddress);
        using var ownerKey = Secp256k1PrivateKey.FromHex(devnet.Accounts[0].PrivateKey);
        var granteeAddress = devnet.Accounts[1].Address;
        var expiry = DateTimeOffset.UtcNow.AddYears(1);

        var records = new List<byte[]>();
        for (var i = 0; i < 10; i++)
        {
            records.Add(RandomNumberGenerator.GetBytes(32));
            await registry.AnchorAsync(records[^1], "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u", "application/fhir+json", cancellationToken);
        }

        var recordGrant = ownerKeyGrant(AccessScope.ForRecord(records[0]));
        var submitted = await relayer.SubmitGrantAsync(recordGrant, cancellationToken);
        gas["grant.submit.record"] = submitted.GasUsed;
        gas["grant.submit.all"] = (await relayer.SubmitGrantAsync(ownerKeyGrant(AccessScope.All), cancellationToken)).GasUsed;
        gas["grant.revoke"] = (await grants.RevokeGrantAsync(submitted.GrantId, cancellationToken)).GasUsed;
        gas["delegate.set"] = (await grants.SetDelegateAsync(owner.Address, devnet.Accounts[3].Address, expiry, cancellationToken)).GasUsed;
        gas["read.log.1"] = (await grantee.LogReadsAsync([records[0]], "TREAT", cancellationToken)).GasUsed;
        gas["read.log.10"] = (await grantee.LogReadsAsync([.. records.Select(r => (ReadOnlyMemory<byte>)r)], "TREAT", cancellationToken)).GasUsed;

        var credentials = await CredentialsClient.DeployAsync(owner, cancellationToken);
        await credentials.SetAuthorityAsync(owner.Address, true, cancellationToken);
        gas["credentials.certify"] = (await credentials.CertifyAsync(devnet.Accounts[4].Address, CredentialRole.EmergencyProvider, expiry, cancellationToken)).GasUsed;
        var emergency = await EmergencyAccessClient.DeployAsync(owner, registry.ContractAddress, credentials.ContractAddress, cancellationToken);
        gas["emergency.setVitalProfile"] = (await emergency.SetVitalProfileAsync(records[1], cancellationToken)).GasUsed;
        var provider = new EmergencyAccessClient(Connect(devnet, 4), emergency.ContractAddress);
        gas["emergency.breakTheGlass"] = (await provider.BreakTheGlassAsync(owner.Address, "unconscious on arrival", cancellationToken)).GasUsed;

        // Provider-authored records: account 4 (a certified provider) writes into account 0's record under a write grant.
        await credentials.CertifyAsync(devnet.Accounts[4].Address, CredentialRole.Provider, expiry, cancellationToken);
        gas["authoring.configure"] = (await registry.ConfigureAuthoringAsync(grants.ContractAddress, credentials.ContractAddress, cancellationToken)).GasUsed;
        var author = devnet.Accounts[4].Address;
        var writeGrant = grants.SignWriteGrant(new WriteGrant(owner.Address, author, AccessScope.ForContentType("application/fhir+json"), "TREAT", expiry), ownerKey);
        var writeSubmitted = await relayer.SubmitWriteGrantAsync(writeGrant, cancellationToken);
        gas["writeGrant.submit"] = writeSubmitted.GasUsed;
        var authorRegistry = new RecordRegistryClient(Connect(devnet, 4), registry.ContractAddress);
        var authored = new List<long>();
        byte[] authoredRecord = [];
        for (var i = 0; i < 5; i++)
        {
            authoredRecord = RandomNumberGenerator.GetBytes(32);
            authored.Add((await authorRegistry.AnchorForAsync(owner.Address, authoredRecord, "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u", "application/fhir+json", "TREAT", cancellationToken)).GasUsed);
        }
        gas["anchor.authored"] = authored.Order().ElementAt(authored.Count / 2);
        gas["writeGrant.revoke"] = (await grants.RevokeGrantAsync(writeSubmitted.GrantId, cancellationToken)).GasUsed;

        return authoredRecord;

        SignedAccessGrant ownerKeyGrant(AccessScope scope) =>
            grants.SignGrant(new AccessGrant(owner.Address, granteeAddress, scope, "TREAT", expiry), ownerKey);
    }

    private static ChainConnection Connect(Devnet devnet, int account) =>
        new(devnet.RpcUrl, devnet.Accounts[account].PrivateKey, devnet.ChainId, new ChainConnectionOptions { ReceiptPollingInterval = TimeSpan.FromMilliseconds(10) });
}
