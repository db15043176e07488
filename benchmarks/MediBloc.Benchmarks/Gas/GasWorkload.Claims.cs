using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Contracts.InsuranceClaims;

namespace MediBloc.Benchmarks.Gas;

internal sealed partial class GasWorkload
{
    /// <summary>
    /// Insurance claims: a certified insurer (key 1) opens a policy, enrols the patient (key 6) and funds the pool;
    /// the patient anchors three claim records and files a claim on each; the insurer pays one, denies another (both
    /// with a 46-character decision CID); the patient withdraws the third once the one-hour decision window passed
    /// (the chain moves an hour); the insurer withdraws what is left unreserved. The token and the credential registry
    /// are deployed here for the purpose and not measured.
    /// </summary>
    private async Task MeasureClaimsAsync(ChainConnection owner, RecordRegistryClient registry, CancellationToken cancellationToken)
    {
        var insurerConnection = Connect(1);
        var patientConnection = Connect(6);
        var supply = new Nethereum.ABI.ABIEncode().GetABIEncoded(new Nethereum.ABI.ABIValue("uint256", MedTokenClient.FromMed(1_000_000)));
        var token = new MedTokenClient(owner, (await owner.DeployAsync(ContractArtifact.MedToken, supply, cancellationToken)).ContractAddress);
        await token.TransferAsync(insurerConnection.Address, MedTokenClient.FromMed(10_000), cancellationToken);
        var credentials = await CredentialsClient.DeployAsync(owner, cancellationToken);
        await credentials.SetAuthorityAsync(owner.Address, true, cancellationToken);
        await credentials.CertifyAsync(insurerConnection.Address, CredentialRole.Insurer, origin.AddYears(5), cancellationToken);

        var arguments = new Nethereum.ABI.ABIEncode().GetABIEncoded(
            new Nethereum.ABI.ABIValue("address", token.ContractAddress.ToString()),
            new Nethereum.ABI.ABIValue("address", credentials.ContractAddress.ToString()),
            new Nethereum.ABI.ABIValue("address", registry.ContractAddress.ToString()));
        var deployment = await owner.DeployAsync(ContractArtifact.InsuranceClaims, arguments, cancellationToken);
        Add("deploy.InsuranceClaims", deployment.GasUsed);
        var insurer = new InsuranceClaimsClient(insurerConnection, deployment.ContractAddress);
        var patient = new InsuranceClaimsClient(patientConnection, deployment.ContractAddress);

        var opened = await insurer.OpenPolicyAsync(Commitment(), origin.AddYears(-1), origin.AddYears(10), MedTokenClient.FromMed(500), new PolicyLimits(5, TimeSpan.FromHours(1)), cancellationToken);
        Add("claims.openPolicy", opened.GasUsed);
        var policy = opened.PolicyId;
        Add("claims.enrol", (await insurer.SetMemberAsync(policy, patientConnection.Address, covered: true, cancellationToken)).GasUsed);
        await new MedTokenClient(insurerConnection, token.ContractAddress).ApproveAsync(insurer.ContractAddress, MedTokenClient.FromMed(5_000), cancellationToken);
        Add("claims.fund", (await insurer.FundAsync(policy, MedTokenClient.FromMed(5_000), cancellationToken)).GasUsed);

        var patientRegistry = new RecordRegistryClient(patientConnection, registry.ContractAddress);
        var claimIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var commitment = new Commitment(Commitment());
            await patientRegistry.AnchorAsync(commitment, Cid, ContentType, cancellationToken);
            var encounter = new Commitment(Commitment());
            await patientRegistry.AnchorAsync(encounter, Cid, "application/fhir+json", cancellationToken);
            var filing = await patient.FileClaimAsync(policy, RecordId.Of(patientConnection.Address, commitment), RecordId.Of(patientConnection.Address, encounter), patientConnection.Address, MedTokenClient.FromMed(120), cancellationToken);
            if (i == 0)
            {
                Add("claims.fileClaim", filing.GasUsed);
            }
            claimIds.Add(filing.ClaimId);
        }
        Add("claims.payClaim", (await insurer.PayAsync(claimIds[0], MedTokenClient.FromMed(100), Cid, cancellationToken)).GasUsed);
        Add("claims.denyClaim", (await insurer.DenyAsync(claimIds[1], ClaimDenialReason.NotCovered, Cid, cancellationToken)).GasUsed);
        await IncreaseTimeAsync(TimeSpan.FromHours(1));
        Add("claims.withdrawClaim", (await patient.WithdrawClaimAsync(claimIds[2], cancellationToken)).GasUsed);
        Add("claims.withdraw", (await insurer.WithdrawAsync(policy, MedTokenClient.FromMed(1_000), cancellationToken)).GasUsed);
    }
}
