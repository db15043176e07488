using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Contracts.AccessGrants;

namespace MediBloc.IntegrationTests.Signers;

/// <summary>
/// A provider whose key lives in another process (<see cref="ProcessSigner"/>) writes into a patient's record under
/// the patient's write consent; the patient opens it. The SDK only ever had the provider's public key and signatures.
/// </summary>
public abstract class ExternalSignerTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private const string Fhir = "application/fhir+json";
    private static readonly byte[] Note = Encoding.UTF8.GetBytes("{\"resourceType\":\"Encounter\",\"id\":\"visit-ext\",\"status\":\"finished\"}");

    [Fact]
    public async Task A_provider_signing_in_another_process_writes_into_the_patients_record_and_the_patient_opens_it()
    {
        var patientKey = await FundedKeyAsync();
        using var external = await ProcessSigner.StartAsync();
        await Chain.SetBalanceAsync(external.Address.ToString(), System.Numerics.BigInteger.Pow(10, 20));
        await CertifyAsync(external.Address, CredentialRole.Provider);

        var patient = Client.GetPatientClient(patientKey);
        await patient.GrantWriteAccessAsync(external.Address, AccessScope.ForContentType(Fhir), "TREAT", await FromNowAsync(TimeSpan.FromHours(1)));
        var provider = Client.GetProviderClient(external);
        var written = await provider.WriteRecordAsync(patientKey.PublicKey, Note, Fhir, "TREAT");

        Assert.Equal(patientKey.Address, written.Owner);
        Assert.Equal(external.Address, written.Author);
        var opened = await Client.GetProviderClient(patientKey).OpenAsync(written.Cid);
        Assert.Equal(Note, opened.Content.ToArray());
        Assert.Equal(patientKey.Address, opened.Owner);

        // Every transaction of the provider was signed in the other process; the SDK had no key to open with.
        Assert.True(await external.SignedCountAsync() >= 1);
        Assert.IsNotAssignableFrom<LocalKeySigner>(external);
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => provider.OpenAsync(written.Cid));
        Assert.Equal(MediBlocErrorCode.KeyAgreementUnavailable, denied.Code);
    }
}

public sealed class ExternalSignerOnAnvilTests(DevnetFixture fixture) : ExternalSignerTests(fixture, ChainBackend.Anvil);

public sealed class ExternalSignerOnEmbeddedChainTests(DevnetFixture fixture) : ExternalSignerTests(fixture, ChainBackend.Embedded);
