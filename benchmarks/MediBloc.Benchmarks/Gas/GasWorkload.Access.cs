using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.EmergencyAccess;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.Benchmarks.Gas;

internal sealed partial class GasWorkload
{
    /// <summary>
    /// Access grants, delegates, read logs, credentials, break-the-glass and provider-authored records, on the same
    /// chain and registry. Returns the commitment of one provider-authored record (its author is account 4).
    /// </summary>
    private async Task<RecordId> MeasureAccessAsync(ChainConnection owner, RecordRegistryClient registry, CancellationToken cancellationToken)
    {
        var grantsDeployment = await owner.DeployAsync(
            ContractArtifact.AccessGrants,
            new Nethereum.ABI.ABIEncode().GetABIEncoded(new Nethereum.ABI.ABIValue("address", registry.ContractAddress.ToString())),
            cancellationToken);
        Add("deploy.AccessGrants", grantsDeployment.GasUsed);
        var grants = new AccessGrantsClient(owner, grantsDeployment.ContractAddress);
        var relayer = new AccessGrantsClient(Connect(2), grants.ContractAddress);
        var grantee = new AccessGrantsClient(Connect(1), grants.ContractAddress);
        using var ownerKey = Secp256k1PrivateKey.FromHex(privateKeys[0]);
        var granteeAddress = Address(1);
        var expiry = origin.AddYears(1);

        var records = new List<RecordId>();
        for (var i = 0; i < 10; i++)
        {
            var commitment = Commitment();
            await registry.AnchorAsync(new Commitment(commitment), "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u", "application/fhir+json", cancellationToken);
            records.Add(RecordId.Of(owner.Address, new Commitment(commitment))); // grants, reads and the emergency profile name record ids
        }

        var recordGrant = await ownerKeyGrant(AccessScope.ForRecord(records[0]));
        var submitted = await relayer.SubmitGrantAsync(recordGrant, cancellationToken);
        Add("grant.submit.record", submitted.GasUsed);
        Add("grant.submit.all", (await relayer.SubmitGrantAsync(await ownerKeyGrant(AccessScope.All), cancellationToken)).GasUsed);
        var replacing = await relayer.SubmitGrantAsync(await ownerKeyGrant(AccessScope.ForRecord(records[0])), cancellationToken);
        Add("grant.submit.replace", replacing.GasUsed);
        Add("grant.revoke", (await grants.RevokeGrantAsync(submitted.GrantId, cancellationToken)).GasUsed);
        Add("grant.revokeInForce", (await grants.RevokeGrantInForceAsync(owner.Address, EvmAddress.Parse(granteeAddress), AccessScope.ForRecord(records[0]), "TREAT", cancellationToken)).GasUsed);
        Add("grant.cancel", (await grants.CancelGrantAsync((await ownerKeyGrant(AccessScope.ForRecord(records[1]))).Grant, cancellationToken)).GasUsed);

        Add("delegate.set", (await grants.SetDelegateAsync(owner.Address, EvmAddress.Parse(Address(3)), expiry, cancellationToken)).GasUsed);
        Add("read.log.1", (await grantee.LogReadsAsync([records[0]], "TREAT", cancellationToken)).GasUsed);
        await relayer.SubmitGrantAsync(await ownerKeyGrant(AccessScope.ForRecord(records[0])), cancellationToken);
        Add("read.log.10", (await grantee.LogReadsAsync(records, "TREAT", cancellationToken)).GasUsed);

        var credentials = await CredentialsClient.DeployAsync(owner, cancellationToken);
        await credentials.SetAuthorityAsync(owner.Address, true, cancellationToken);
        Add("credentials.certify", (await credentials.CertifyAsync(EvmAddress.Parse(Address(4)), CredentialRole.EmergencyProvider, expiry, cancellationToken)).GasUsed);
        var emergency = await EmergencyAccessClient.DeployAsync(owner, registry.ContractAddress, credentials.ContractAddress, cancellationToken);
        Add("emergency.setVitalProfile", (await emergency.SetVitalProfileAsync(records[1], cancellationToken)).GasUsed);
        var provider = new EmergencyAccessClient(Connect(4), emergency.ContractAddress);
        Add("emergency.breakTheGlass", (await provider.BreakTheGlassAsync(owner.Address, "unconscious on arrival", cancellationToken)).GasUsed);

        // Provider-authored records: account 4 (a certified provider) writes into account 0's record under a write grant.
        await credentials.CertifyAsync(EvmAddress.Parse(Address(4)), CredentialRole.Provider, expiry, cancellationToken);
        Add("authoring.configure", (await registry.ConfigureAuthoringAsync(grants.ContractAddress, credentials.ContractAddress, cancellationToken)).GasUsed);
        var writeGrant = grants.SignWriteGrant(await grants.PrepareWriteGrantAsync(new WriteGrant(owner.Address, EvmAddress.Parse(Address(4)), AccessScope.ForContentType(ContentType), "TREAT", expiry, Commitment()), cancellationToken), ownerKey);
        var writeSubmitted = await relayer.SubmitWriteGrantAsync(writeGrant, cancellationToken);
        Add("writeGrant.submit", writeSubmitted.GasUsed);
        var authorRegistry = new RecordRegistryClient(Connect(4), registry.ContractAddress);
        var authored = new List<long>();
        byte[] authoredRecord = [];
        for (var i = 0; i < 5; i++)
        {
            authoredRecord = Commitment();
            authored.Add((await authorRegistry.AnchorForAsync(owner.Address, new Commitment(authoredRecord), Cid, ContentType, "TREAT", cancellationToken)).GasUsed);
        }
        Add("anchor.authored", authored.Order().ElementAt(authored.Count / 2));
        Add("writeGrant.revoke", (await grants.RevokeGrantAsync(writeSubmitted.GrantId, cancellationToken)).GasUsed);
        Add("grant.epochBump", (await grants.BumpEpochAsync(owner.Address, cancellationToken)).GasUsed);
        return RecordId.Of(owner.Address, new Commitment(authoredRecord));

        async Task<SignedAccessGrant> ownerKeyGrant(AccessScope scope) =>
            grants.SignGrant(await grants.PrepareGrantAsync(new AccessGrant(owner.Address, EvmAddress.Parse(granteeAddress), scope, "TREAT", expiry, Commitment()), cancellationToken), ownerKey);
    }

}
