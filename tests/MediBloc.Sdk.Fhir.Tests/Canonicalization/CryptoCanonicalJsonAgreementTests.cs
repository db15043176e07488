namespace MediBloc.Sdk.Fhir.Tests.Canonicalization;

/// <summary>The strict mode goes through the core package's <c>CanonicalJson</c> with FHIR's options; both entry points must agree.</summary>
public sealed class CryptoCanonicalJsonAgreementTests
{
    public static TheoryData<string> Files() => TestFiles.Data(TestFiles.Bundles().Concat(TestFiles.SingleResources()));

    [Theory]
    [MemberData(nameof(Files))]
    public void Strict_rfc8785_output_equals_the_core_CanonicalJson_for_every_fhir_file(string file)
    {
        var input = TestFiles.Read(file);

        Assert.Equal(MediBloc.Sdk.Crypto.CanonicalJson.Canonicalize(input), FhirCanonicalJson.Canonicalize(input, CanonicalNumberFormat.Rfc8785));
    }
}
