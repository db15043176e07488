using System.Text;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.KeyEscrow;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Tests.KeyEscrow;

public sealed class KeyEscrowFormatTests
{
    private const string TxHash = "0x1111111111111111111111111111111111111111111111111111111111111111";
    private static readonly RecordId Profile = RecordId.Parse("0x" + new string('2', 64));

    [Fact]
    public void A_release_share_opens_only_with_its_service_key_and_carries_its_patient_and_record()
    {
        using var escrow = Secp256k1PrivateKey.Generate();
        using var service = Secp256k1PrivateKey.Generate();
        using var other = Secp256k1PrivateKey.Generate();
        var patient = Secp256k1PrivateKey.Generate().Address;
        var shares = GuardianShares.Split(escrow, 2, 3);

        var sealedShare = ReleaseShares.Seal(shares[0], patient, Profile, service.PublicKey);
        using var opened = ReleaseShares.Open(sealedShare, service);
        var wrongKey = Assert.Throws<AccessDeniedException>(() => ReleaseShares.Open(sealedShare, other));
        sealedShare[^1] ^= 1;
        Assert.ThrowsAny<MediBlocException>(() => ReleaseShares.Open(sealedShare, service));

        Assert.Equal((patient, Profile, 1, escrow.Address), (opened.Patient, opened.Profile, opened.Share.Index, opened.Share.Address));
        Assert.Equal(MediBlocErrorCode.NotARecipient, wrongKey.Code);
    }

    [Fact]
    public void A_guardian_share_envelope_is_not_accepted_as_a_release_share()
    {
        using var escrow = Secp256k1PrivateKey.Generate();
        using var service = Secp256k1PrivateKey.Generate();
        var guardianShare = GuardianShares.SplitAndSeal(escrow, 2, [service.PublicKey, service.PublicKey])[0];

        Assert.Throws<InvalidFormatException>(() => ReleaseShares.Open(guardianShare, service));
    }

    [Fact]
    public void A_request_round_trips_through_json_and_recovers_its_signer_and_a_changed_field_recovers_another()
    {
        using var provider = Secp256k1PrivateKey.Generate();
        var patient = Secp256k1PrivateKey.Generate().Address;
        var request = KeyReleaseRequest.Create(patient, TxHash.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal), 42, new byte[] { 1, 2, 3 }, provider);

        var parsed = KeyReleaseRequest.Parse(request.ToJson());
        var tampered = KeyReleaseRequest.Parse(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(request.ToJson()).Replace("\"blockNumber\":42", "\"blockNumber\":43", StringComparison.Ordinal)));

        Assert.Equal((patient, TxHash, 42L), (parsed.Patient, parsed.TransactionHash, parsed.BlockNumber));
        Assert.Equal(provider.PublicKey, parsed.RecoverRequester());
        Assert.NotEqual(provider.Address, tampered.RecoverRequester().Address);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"patient\":\"0x12\",\"transactionHash\":\"0x1111111111111111111111111111111111111111111111111111111111111111\",\"blockNumber\":1,\"sealedShare\":\"AQ==\",\"signature\":\"0x00\"}")]
    [InlineData("{\"patient\":\"0x1111111111111111111111111111111111111111\",\"transactionHash\":\"0x11\",\"blockNumber\":1,\"sealedShare\":\"AQ==\",\"signature\":\"0x00\"}")]
    [InlineData("{\"patient\":\"0x1111111111111111111111111111111111111111\",\"transactionHash\":\"0x1111111111111111111111111111111111111111111111111111111111111111\",\"blockNumber\":-1,\"sealedShare\":\"AQ==\",\"signature\":\"0x00\"}")]
    [InlineData("{\"patient\":\"0x1111111111111111111111111111111111111111\",\"transactionHash\":\"0x1111111111111111111111111111111111111111111111111111111111111111\",\"blockNumber\":1,\"sealedShare\":\"AQ==\",\"signature\":\"0x00\"}")]
    public void A_malformed_request_is_refused_with_InvalidFormat(string json)
    {
        Assert.Throws<InvalidFormatException>(() => KeyReleaseRequest.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void An_oversized_request_is_refused_before_parsing()
    {
        Assert.Throws<InvalidFormatException>(() => KeyReleaseRequest.Parse(new byte[KeyReleaseRequest.MaxBytes + 1]));
    }

    [Fact]
    public void A_manifest_round_trips_and_a_malformed_one_names_the_field()
    {
        using var a = Secp256k1PrivateKey.Generate();
        using var b = Secp256k1PrivateKey.Generate();
        var cid = ContentId.Parse("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
        var manifest = new ReleaseManifest(a.Address, Profile, cid, b.Address, 2,
        [
            new(new KeyReleaseService(new Uri("http://127.0.0.1:1/"), a.PublicKey), [1]),
            new(new KeyReleaseService(new Uri("https://release.example/"), b.PublicKey), [2]),
        ]);

        var parsed = ReleaseManifest.Parse(manifest.ToJson());
        var text = Encoding.UTF8.GetString(manifest.ToJson());
        var badThreshold = Assert.Throws<InvalidFormatException>(() => ReleaseManifest.Parse(Encoding.UTF8.GetBytes(text.Replace("\"threshold\":2", "\"threshold\":3", StringComparison.Ordinal))));
        var badEndpoint = Assert.Throws<InvalidFormatException>(() => ReleaseManifest.Parse(Encoding.UTF8.GetBytes(text.Replace("https://release.example/", "file:///etc/passwd", StringComparison.Ordinal))));

        Assert.Equal((a.Address, Profile, cid, b.Address, 2), (parsed.Patient, parsed.Profile, parsed.ProfileCid, parsed.Escrow, parsed.Threshold));
        Assert.Equal([a.PublicKey, b.PublicKey], parsed.Services.Select(s => s.Service.PublicKey));
        Assert.Contains("'threshold'", badThreshold.Message, StringComparison.Ordinal);
        Assert.Contains("'services[1].endpoint'", badEndpoint.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Release_options_need_two_to_sixteen_distinct_services_and_a_threshold_of_at_least_two()
    {
        using var a = Secp256k1PrivateKey.Generate();
        using var b = Secp256k1PrivateKey.Generate();
        var one = new EmergencyReleaseOptions { Services = { new(new Uri("http://a/"), a.PublicKey) } };
        var same = new EmergencyReleaseOptions { Services = { new(new Uri("http://a/"), a.PublicKey), new(new Uri("http://b/"), a.PublicKey) } };
        var thresholdOne = new EmergencyReleaseOptions { Threshold = 1, Services = { new(new Uri("http://a/"), a.PublicKey), new(new Uri("http://b/"), b.PublicKey) } };
        var good = new EmergencyReleaseOptions { Services = { new(new Uri("http://a/"), a.PublicKey), new(new Uri("http://b/"), b.PublicKey) } };

        Assert.Throws<ArgumentException>(one.Validate);
        Assert.Throws<ArgumentException>(same.Validate);
        Assert.Throws<ArgumentException>(thresholdOne.Validate);
        good.Validate();
    }
}
