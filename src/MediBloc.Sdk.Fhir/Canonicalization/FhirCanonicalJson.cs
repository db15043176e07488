using System.Security.Cryptography;
using System.Text.Json;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// The canonical form of FHIR JSON (RFC 8785, JSON Canonicalization Scheme) and its SHA-256: equal for two
/// documents that differ only in whitespace or property order, different as soon as a value differs.
/// </summary>
/// <remarks>
/// The canonical form is for equality and hashing only; records always store the exact bytes received.
/// Numbers are by default kept as received (<see cref="CanonicalNumberFormat.AsReceived"/>): a FHIR decimal's
/// precision is significant (<c>1.50</c> is not <c>1.5</c>) and values such as <c>1.000000000000000000E-245</c>
/// exceed what a double holds, so the ES6 number form of RFC 8785 would merge distinct FHIR values. Pass
/// <see cref="CanonicalNumberFormat.Rfc8785"/> for the strict scheme. The writing is
/// <see cref="CanonicalJson"/>'s (MediBloc.Sdk.Crypto); this class adds FHIR's number default and FHIR errors.
/// </remarks>
public static class FhirCanonicalJson
{
    private const int MaxDepth = 256;
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };
    private static readonly CanonicalJsonOptions AsReceived = new() { Numbers = CanonicalJsonNumberFormat.AsReceived, MaxDepth = MaxDepth };
    private static readonly CanonicalJsonOptions Strict = new() { Numbers = CanonicalJsonNumberFormat.Rfc8785, MaxDepth = MaxDepth };

    /// <summary>Returns the canonical UTF-8 form of a JSON document.</summary>
    /// <param name="json">The JSON document, UTF-8.</param>
    /// <param name="numbers">How numbers are written.</param>
    /// <returns>The canonical UTF-8 bytes.</returns>
    /// <exception cref="FhirFormatException">
    /// The input is not JSON, holds a property name twice in one object, or (with <see cref="CanonicalNumberFormat.Rfc8785"/>) a
    /// number outside the range of a double. <see cref="FhirFormatException.JsonPath"/> names where.
    /// </exception>
    public static byte[] Canonicalize(ReadOnlyMemory<byte> json, CanonicalNumberFormat numbers = CanonicalNumberFormat.AsReceived)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new FhirFormatException($"$: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", "$", ex);
        }

        using (document)
        {
            try
            {
                return CanonicalJson.Canonicalize(document.RootElement, numbers == CanonicalNumberFormat.Rfc8785 ? Strict : AsReceived);
            }
            catch (CanonicalJsonException ex)
            {
                throw new FhirFormatException($"{ex.JsonPath}: {ex.Message}", ex.JsonPath, ex);
            }
        }
    }

    /// <summary>Returns the SHA-256 of the canonical form of a JSON document.</summary>
    /// <param name="json">The JSON document, UTF-8.</param>
    /// <param name="numbers">How numbers are written.</param>
    /// <returns>The 32-byte hash.</returns>
    /// <exception cref="FhirFormatException">The input cannot be canonicalized; see <see cref="Canonicalize"/>.</exception>
    public static byte[] ComputeHash(ReadOnlyMemory<byte> json, CanonicalNumberFormat numbers = CanonicalNumberFormat.AsReceived) =>
        SHA256.HashData(Canonicalize(json, numbers));

    /// <summary>Whether two JSON documents have the same canonical form.</summary>
    /// <param name="left">A JSON document, UTF-8.</param>
    /// <param name="right">Another JSON document, UTF-8.</param>
    /// <param name="numbers">How numbers are compared.</param>
    /// <returns><see langword="true"/> when the canonical forms are byte-equal.</returns>
    /// <exception cref="FhirFormatException">Either input cannot be canonicalized; see <see cref="Canonicalize"/>.</exception>
    public static bool AreEqual(ReadOnlyMemory<byte> left, ReadOnlyMemory<byte> right, CanonicalNumberFormat numbers = CanonicalNumberFormat.AsReceived) =>
        Canonicalize(left, numbers).AsSpan().SequenceEqual(Canonicalize(right, numbers));
}
