using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Studies;
using MediBloc.Sdk.Contracts.Credentials;

namespace MediBloc.Benchmarks.Gas;

internal sealed partial class GasWorkload
{
    /// <summary>
    /// Clinical-trial recruitment: a certified researcher (key 5) posts a study; a relayer (key 2) submits a signed
    /// interest and its withdrawal (interest keys from the seed, so the signatures are the same on every chain), then
    /// the patient's (key 6) signed enrolment and withdrawal; the researcher closes the study. The credential
    /// registry is deployed here for the purpose and not measured.
    /// </summary>
    private async Task MeasureStudiesAsync(ChainConnection owner, CancellationToken cancellationToken)
    {
        var researcherConnection = Connect(5);
        var credentials = await CredentialsClient.DeployAsync(owner, cancellationToken);
        await credentials.SetAuthorityAsync(owner.Address, true, cancellationToken);
        await credentials.CertifyAsync(researcherConnection.Address, CredentialRole.Researcher, origin.AddYears(5), cancellationToken);

        var arguments = new Nethereum.ABI.ABIEncode().GetABIEncoded(new Nethereum.ABI.ABIValue("address", credentials.ContractAddress.ToString()));
        var deployment = await owner.DeployAsync(ContractArtifact.Studies, arguments, cancellationToken);
        Add("deploy.Studies", deployment.GasUsed);
        var researcher = new StudiesClient(researcherConnection, deployment.ContractAddress);
        var relayer = new StudiesClient(Connect(2), deployment.ContractAddress);

        var posted = await researcher.PostStudyAsync(Commitment(), cancellationToken);
        Add("studies.post", posted.GasUsed);
        var study = posted.StudyId;
        using var interestKey = Secp256k1PrivateKey.FromHex(Convert.ToHexString(Commitment()));
        Add("studies.signalInterest", (await relayer.SignalInterestAsync(study, interestKey, cancellationToken)).GasUsed);
        Add("studies.withdrawInterest", (await relayer.WithdrawInterestAsync(study, interestKey, cancellationToken)).GasUsed);

        using var patientKey = Secp256k1PrivateKey.FromHex(privateKeys[6]);
        var patient = new LocalKeySigner(patientKey);
        var consent = Commitment();
        var enrolment = await relayer.SignEnrolmentAsync(study, patient, consent, cancellationToken);
        Add("studies.enrol", (await relayer.EnrolAsync(study, patient.Address, consent, enrolment, cancellationToken)).GasUsed);
        var withdrawal = await relayer.SignWithdrawalAsync(study, patient, cancellationToken);
        Add("studies.withdraw", (await relayer.WithdrawAsync(study, patient.Address, withdrawal, cancellationToken)).GasUsed);
        Add("studies.close", (await researcher.CloseStudyAsync(study, cancellationToken)).GasUsed);
    }
}
