using System.Text;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Roles.Patient;
using MediBloc.Sdk.Roles.Provider;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage.Local;

namespace MediBloc.Sdk.Tests.Signers;

/// <summary>Role clients over the three kinds of signer, in-process on the embedded chain.</summary>
public sealed class SignerWorkflowTests : IDisposable
{
    private const string Fhir = "application/fhir+json";
    private static readonly byte[] Note = Encoding.UTF8.GetBytes("{\"resourceType\":\"Encounter\",\"status\":\"finished\"}");
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-signers-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    #region Snippet:ExternalSigner
    /// <summary>An account whose key stays in a wallet: the SDK hands it 32-byte digests and gets signatures back.</summary>
    private sealed class WalletSigner(Secp256k1PublicKey publicKey, Func<byte[], CancellationToken, Task<byte[]>> signDigest) : MediBlocSigner
    {
        public override Secp256k1PublicKey PublicKey => publicKey;

        public override async ValueTask<EcdsaSignature> SignDigestAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
            EcdsaSignature.FromRsv(await signDigest(digest.ToArray(), cancellationToken)); // 65 bytes: r ‖ s ‖ v
    }
    #endregion

    [Fact]
    public async Task A_local_a_keystore_and_an_external_signer_drive_the_role_clients()
    {
        var chain = new InProcessChain();
        var deployment = await chain.DeployMediBlocContractsAsync();
        var client = new MediBlocClient(new MediBlocClientOptions { ChainClient = chain.CreateRpcClient(), ContentStore = new LocalContentStore(Path.Combine(_folder, "store")), Outbox = new InMemoryRecordOutbox() }.UseDeployment(deployment));
        using var patientKey = Secp256k1PrivateKey.FromHex(chain.Accounts[3].PrivateKey);
        using var authorityKey = Secp256k1PrivateKey.FromHex(chain.Accounts[0].PrivateKey); // the deployer is an authority
        var keystorePath = Path.Combine(_folder, "patient.json");
        var password = "correct horse battery staple";
        await File.WriteAllTextAsync(keystorePath, Web3KeyStore.Encrypt(patientKey, password, new KeyStoreOptions { Kdf = KeyStoreKdf.Pbkdf2, Pbkdf2Iterations = 1000 }));
        var walletSigned = 0;
        var walletKey = Secp256k1PrivateKey.FromHex(chain.Accounts[5].PrivateKey); // lives only inside the "wallet" below
        var wallet = (Func<byte[], CancellationToken, Task<byte[]>>)((digest, _) =>
        {
            Interlocked.Increment(ref walletSigned);
            return Task.FromResult(Secp256k1Ecdsa.SignHash(digest, walletKey).ToRsv());
        });
        var walletPublicKey = walletKey.PublicKey;
        var until = DateTimeOffset.UtcNow.AddHours(1);
        var note = Note;

        #region Snippet:Signers
        // A key held in this process.
        MediBlocSigner authoritySigner = new LocalKeySigner(authorityKey);

        // A keystore v3 file (geth, MetaMask, Nethereum), decrypted with its password.
        using KeyStoreSigner patientSigner = await KeyStoreSigner.OpenAsync(keystorePath, password);

        // Anything else (a wallet, an HSM, a remote service) signs digests; the SDK never sees its key.
        MediBlocSigner doctorSigner = new WalletSigner(walletPublicKey, wallet);

        await client.GetAuthorityClient(authoritySigner).CertifyAsync(doctorSigner.Address, CredentialRole.Provider, until.AddYears(1));
        PatientClient patient = client.GetPatientClient(patientSigner);
        await patient.GrantWriteAccessAsync(doctorSigner.Address, AccessScope.ForContentType("application/fhir+json"), "TREAT", until);
        ProviderClient doctor = client.GetProviderClient(doctorSigner);
        AuthoredRecord written = await doctor.WriteRecordAsync(patientSigner.PublicKey, note, "application/fhir+json", "TREAT");
        OpenedRecord opened = await client.GetProviderClient(patientSigner).OpenAsync(written.Cid); // the patient reads it
        #endregion

        Assert.Equal(Note, opened.Content.ToArray());
        Assert.Equal(patientKey.Address, opened.Owner);
        Assert.Equal(walletPublicKey.Address, written.Author);
        Assert.True(walletSigned >= 1);
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => doctor.OpenAsync(written.Cid));
        Assert.Equal(MediBlocErrorCode.KeyAgreementUnavailable, denied.Code);
        walletKey.Dispose();
    }
}
