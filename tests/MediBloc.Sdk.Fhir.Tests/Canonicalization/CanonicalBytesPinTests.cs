using System.Security.Cryptography;

namespace MediBloc.Sdk.Fhir.Tests.Canonicalization;

/// <summary>
/// Pins the SHA-256 of the canonical bytes of every FHIR file and RFC 8785 vector in the test data, in both number
/// modes. Hashes recorded in commitments depend on these bytes, so they must never change; the golden file was
/// written once from the original implementation and is not regenerated.
/// </summary>
public sealed class CanonicalBytesPinTests
{
    private static readonly string GoldenPath = Path.Combine(TestFiles.Root, "golden", "canonical-sha256.tsv");

    public static TheoryData<string, string, string> Golden()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(GoldenPath).Where(l => l.Length > 0 && l[0] != '#'))
        {
            var cells = line.Split('\t');
            data.Add(cells[0], cells[1], cells[2]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void Canonical_bytes_of_the_test_data_hash_to_their_pinned_sha256(string mode, string file, string sha256)
    {
        var numbers = Enum.Parse<CanonicalNumberFormat>(mode);

        var canonical = FhirCanonicalJson.Canonicalize(TestFiles.Read(file), numbers);

        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(canonical)));
        Assert.Equal(sha256, Convert.ToHexStringLower(FhirCanonicalJson.ComputeHash(TestFiles.Read(file), numbers)));
    }

    [Fact]
    public void Every_fhir_file_and_rfc8785_vector_is_pinned_in_both_modes()
    {
        var pinned = Golden().Select(row => $"{row[0]}\t{row[1]}").ToHashSet(StringComparer.Ordinal);
        var expected = Files().SelectMany(f => new[] { $"AsReceived\t{f}", $"Rfc8785\t{f}" });

        Assert.All(expected, key => Assert.Contains(key, pinned));
    }

    internal static IEnumerable<string> Files() =>
        TestFiles.Bundles()
            .Concat(TestFiles.SingleResources())
            .Concat(Directory.EnumerateFiles(Path.Combine(TestFiles.Root, "jcs", "input")).Select(f => Path.GetRelativePath(TestFiles.Root, f)))
            .Select(f => f.Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
}
