using MediBloc.Sdk.Crypto;
using Hl7.Fhir.Model;

namespace MediBloc.Sdk.Fhir.Tests.Docs;

/// <summary>The code shown in src/MediBloc.Sdk.Fhir/README.md, compiled and run.</summary>
[Collection(ValidatorCollection.Name)]
public sealed class ReadmeSnippets(ValidatorFixture fixture)
{
    private static readonly string BundlePath = Path.Combine(TestFiles.Root, TestFiles.PatientBundles().First());

    [Fact]
    public void Split_and_assemble()
    {
        var path = BundlePath;
        #region Snippet:FhirSplitBundle
        byte[] bundleJson = File.ReadAllBytes(path);
        SplitBundle split = FhirBundleSplitter.Split(bundleJson);     // FhirFormatException names the bad element
        foreach (FhirResourceRecord record in split.Resources)
        {
            // record.Json: the resource's exact received bytes, to publish as one record
            // record.Metadata: ResourceType, Id, FullUrl, Subject, Codes, Dates, References, Profiles
        }
        byte[] layoutJson = split.Layout.ToJson();                    // publish it too, to rebuild the bundle

        // Later, with the records opened again:
        FhirBundleLayout layout = FhirBundleLayout.FromJson(layoutJson);
        byte[] rebuilt = FhirBundleAssembler.Assemble(layout, split.Resources.Select(r => r.Json));
        bool same = rebuilt.AsSpan().SequenceEqual(bundleJson);       // true: byte for byte
        #endregion
        Assert.True(same);
    }

    [Fact]
    public void Canonical_hash()
    {
        var a = "{\"valueQuantity\": {\"value\": 1.50, \"unit\": \"mg\"}}"u8.ToArray();
        var b = "{\"valueQuantity\":{\"unit\":\"mg\",\"value\":1.50}}"u8.ToArray();
        #region Snippet:FhirCanonicalHash
        byte[] hash = FhirCanonicalJson.ComputeHash(a);               // same for any whitespace or property order
        bool equal = FhirCanonicalJson.AreEqual(a, b);                // 1.50 ≠ 1.5 unless CanonicalNumberFormat.Rfc8785
        #endregion
        Assert.True(equal);
        Assert.Equal(FhirCanonicalJson.ComputeHash(b), hash);
    }

    [Fact]
    public void Emergency_profile_and_validation()
    {
        var records = FhirBundleSplitter.Split(File.ReadAllBytes(BundlePath)).Resources;
        var validator = fixture.Validator;
        #region Snippet:FhirEmergencyProfile
        Bundle profile = EmergencyProfileBuilder.Build(records);      // document Bundle, IPS-style Composition
        FhirValidationResult result = validator.Validate(profile);    // validator = new FhirResourceValidator(), shared
        #endregion
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Provenance()
    {
        var anchor = new RecordAnchor(31337, "0x" + new string('a', 64), Commitment.Parse("0x" + new string('c', 64)), "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", EvmAddress.Parse("0x90F8bf6A479f320ead074411a4B0e7944Ea8c9C1"), DateTimeOffset.UnixEpoch);
        #region Snippet:FhirProvenance
        // anchor = RecordAnchor.From(publishedRecord, chainId)
        Hl7.Fhir.Model.Provenance provenance = AnchorProvenance.Create(anchor, target: "Observation/123", author: "Patient/example");
        RecordAnchor? back = AnchorProvenance.ReadAnchor(provenance);
        #endregion
        Assert.Equal(anchor, back);
    }

    [Fact]
    public void Device_readings()
    {
        var csv = "time,type,value,unit\n2026-11-20T07:00:00+01:00,heart_rate,62,bpm\n2026-11-20T07:05:00+01:00,blood_pressure,118/76,mmHg\n";
        #region Snippet:FhirDeviceReadings
        IReadOnlyList<DeviceReading> readings = DeviceReadingImporter.ReadCsv(csv);   // or ReadJson(bytes)
        IReadOnlyList<Observation> observations = DeviceObservationMapper.ToObservations(readings, "Patient/example");
        #endregion
        Assert.Equal(2, observations.Count);
    }
}
