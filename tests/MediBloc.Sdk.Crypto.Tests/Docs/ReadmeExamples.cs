using System.Text;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Docs;

/// <summary>The examples of the package README, compiled and run (the README blocks are copies of these regions).</summary>
public class ReadmeExamples
{
    [Fact]
    public void Seal_and_open_a_record()
    {
        using var doctor = Secp256k1PrivateKey.Generate();
        #region Snippet:CryptoSealAndOpen
        using var patient = Secp256k1PrivateKey.Generate();
        byte[] record = Encoding.UTF8.GetBytes("""{"resourceType":"Observation","status":"final"}""");

        // Seal to the patient and a doctor: one random data key, wrapped once per recipient.
        SealedEnvelope sealedRecord = RecordEnvelope.Seal(record, "application/fhir+json", [patient.PublicKey, doctor.PublicKey]);
        // sealedRecord.Envelope goes to storage; sealedRecord.Commitment (32 bytes) is what gets anchored.

        OpenedEnvelope opened = RecordEnvelope.Open(sealedRecord.Envelope.Span, patient);
        Console.WriteLine($"{opened.ContentType}: {Encoding.UTF8.GetString(opened.Plaintext.Span)}");
        #endregion
        Assert.Equal(record, opened.Plaintext.ToArray());
        Assert.Equal(sealedRecord.Commitment.ToBytes(), RecordEnvelope.Open(sealedRecord.Envelope.Span, doctor).Commitment.ToBytes());
    }

    [Fact]
    public void Share_and_revoke_without_re_encrypting()
    {
        using var patient = Secp256k1PrivateKey.Generate();
        using var specialist = Secp256k1PrivateKey.Generate();
        var envelope = RecordEnvelope.Seal("x-ray report"u8, "text/plain", [patient.PublicKey]).Envelope.ToArray();
        #region Snippet:CryptoShareAndRevoke
        // The patient re-wraps the data key for the specialist; the payload bytes stay identical.
        byte[] shared = RecordEnvelope.AddRecipients(envelope, patient, [specialist.PublicKey]);
        byte[] revoked = RecordEnvelope.RemoveRecipients(shared, patient, [specialist.PublicKey]);
        #endregion
        Assert.Equal("x-ray report"u8.ToArray(), RecordEnvelope.Open(shared, specialist).Plaintext.ToArray());
        Assert.Throws<AccessDeniedException>(() => RecordEnvelope.Open(revoked, specialist));
    }

    [Fact]
    public void Seal_for_X25519_encryption_keys()
    {
        using var patient = Secp256k1PrivateKey.Generate();
        using var doctorKey = X25519PrivateKey.Generate();
        X25519PublicKey doctor = doctorKey.PublicKey;
        byte[] record = "blood panel"u8.ToArray();
        #region Snippet:CryptoX25519
        // The account's X25519 key is derived from its secp256k1 key: the keystore and guardian shares cover it.
        using X25519PrivateKey encryptionKey = X25519PrivateKey.DeriveFrom(patient);
        X25519PublicKey published = encryptionKey.PublicKey; // 32 bytes; senders seal to this

        SealedEnvelope sealedRecord = RecordEnvelope.Seal(record, "application/fhir+json", [published, doctor]);
        OpenedEnvelope opened = RecordEnvelope.Open(sealedRecord.Envelope.Span, patient); // the account key opens it too
        #endregion
        Assert.Equal(record, opened.Plaintext.ToArray());
        Assert.Equal(KeyWrapSuite.EciesX25519, RecordEnvelope.ReadHeader(sealedRecord.Envelope.Span).KeyWrapSuite);
        Assert.Equal(record, RecordEnvelope.Open(sealedRecord.Envelope.Span, doctorKey).Plaintext.ToArray());
    }

    [Fact]
    public void Stream_a_large_file()
    {
        using var patient = Secp256k1PrivateKey.Generate();
        using var scan = new MemoryStream(new byte[300_000]);
        using var envelopeFile = new MemoryStream();
        #region Snippet:CryptoStream
        // Constant memory (a few 256 KiB segments) whatever the size of the file.
        SealStreamResult result = RecordEnvelope.Seal(scan, envelopeFile, "application/dicom", [patient.PublicKey]);
        #endregion
        Assert.Equal(300_000, result.PlaintextLength);
    }

    [Fact]
    public void Sign_typed_data_and_personal_messages()
    {
        using var key = Secp256k1PrivateKey.Import(Keccak256.Hash("cow"u8));
        var typedDataJson = """
            {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"chainId","type":"uint256"}],
             "Consent":[{"name":"grantee","type":"address"},{"name":"purpose","type":"string"}]},
             "primaryType":"Consent","domain":{"name":"MediBloc","chainId":31337},
             "message":{"grantee":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","purpose":"TREAT"}}
            """;
        #region Snippet:CryptoSign
        EcdsaSignature consent = Eip712.Sign(typedDataJson, key);         // eth_signTypedData_v4
        bool valid = Eip712.Verify(typedDataJson, consent, key.Address);
        string rsv = consent.ToString();                                   // 0x… r ‖ s ‖ v, 65 bytes

        EcdsaSignature login = PersonalMessage.Sign("Log in to MediBloc"u8, key); // personal_sign (EIP-191)
        EvmAddress signer = PersonalMessage.RecoverSigner("Log in to MediBloc"u8, login);
        #endregion
        Assert.True(valid);
        Assert.Equal(132, rsv.Length);
        Assert.Equal(key.Address, signer);
    }

    [Fact]
    public void Keystore_and_guardians()
    {
        using var patient = Secp256k1PrivateKey.Generate();
        using var mother = Secp256k1PrivateKey.Generate();
        using var sister = Secp256k1PrivateKey.Generate();
        using var friend = Secp256k1PrivateKey.Generate();
        var password = "correct horse battery staple";
        var options = new KeyStoreOptions { ScryptN = 1024 };
        #region Snippet:CryptoKeyStoreAndGuardians
        string keystoreJson = Web3KeyStore.Encrypt(patient, password, options); // geth / MetaMask compatible
        using Secp256k1PrivateKey unlocked = Web3KeyStore.Decrypt(keystoreJson, password);

        // 2-of-3 recovery: each guardian receives a share sealed to their own key.
        IReadOnlyList<byte[]> sealedShares = GuardianShares.SplitAndSeal(patient, 2, [mother.PublicKey, sister.PublicKey, friend.PublicKey]);
        using KeyShare fromMother = GuardianShares.Open(sealedShares[0], mother);
        using KeyShare fromFriend = GuardianShares.Open(sealedShares[2], friend);
        using Secp256k1PrivateKey recovered = GuardianShares.Combine([fromMother, fromFriend]);
        #endregion
        Assert.Equal(patient.Address, unlocked.Address);
        Assert.Equal(patient.Address, recovered.Address);
    }

    [Fact]
    public void Catch_errors()
    {
        using var key = Secp256k1PrivateKey.Generate();
        var envelope = RecordEnvelope.Seal("note"u8, "text/plain", [Secp256k1PrivateKey.Generate().PublicKey]).Envelope.ToArray();
        string? outcome = null;
        #region Snippet:CryptoErrors
        try
        {
            RecordEnvelope.Open(envelope, key);
        }
        catch (AccessDeniedException ex) when (ex.Code == MediBlocErrorCode.NotARecipient)
        {
            outcome = "not shared with this key: ask the owner to add you";
        }
        catch (IntegrityException ex)
        {
            outcome = $"altered or corrupt ({ex.Check}): fetch another copy";
        }
        #endregion
        Assert.Equal("not shared with this key: ask the owner to add you", outcome);
    }
}
