using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// The JSON Canonicalization Scheme of RFC 8785: object members sorted by the UTF-16 code units of their names, no
/// insignificant whitespace, strings with the minimal escapes, numbers written as ECMAScript writes an IEEE-754
/// double. Equal JSON values give identical bytes, so the result can be hashed or signed.
/// </summary>
/// <remarks>Input must be I-JSON (RFC 7493): duplicate member names, numbers that are not finite doubles and
/// strings with lone surrogates are rejected. Nesting is limited to <see cref="MaxDepth"/> levels unless
/// <see cref="CanonicalJsonOptions.MaxDepth"/> says otherwise. Integers beyond 2^53 lose precision as they do in every
/// RFC 8785 implementation; send such values as strings, or keep number literals as received with
/// <see cref="CanonicalJsonNumberFormat.AsReceived"/> (which departs from RFC 8785 for numbers not in shortest
/// form).</remarks>
public static class CanonicalJson
{
    /// <summary>The deepest nesting of arrays and objects accepted by default.</summary>
    public const int MaxDepth = 64;

    /// <summary>Canonicalizes UTF-8 JSON.</summary>
    /// <param name="utf8Json">The JSON text.</param>
    /// <returns>The canonical form as UTF-8 bytes.</returns>
    /// <exception cref="CanonicalJsonException">The input is not JSON, or not I-JSON (see remarks).</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json) => Canonicalize(utf8Json, null);

    /// <summary>Canonicalizes UTF-8 JSON with options.</summary>
    /// <param name="utf8Json">The JSON text.</param>
    /// <param name="options">How numbers are written and how deep the input may nest; null for strict RFC 8785.</param>
    /// <returns>The canonical form as UTF-8 bytes.</returns>
    /// <exception cref="CanonicalJsonException">The input is not JSON, or not I-JSON (see remarks).</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json, CanonicalJsonOptions? options)
    {
        options ??= CanonicalJsonOptions.Default;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = options.MaxDepth });
        }
        catch (JsonException ex)
        {
            throw new CanonicalJsonException(
                $"The input is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); canonical JSON needs a single well-formed JSON value.", ex);
        }

        using (document)
        {
            return Canonicalize(document.RootElement, options, utf8Json.Length);
        }
    }

    /// <summary>Canonicalizes JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The canonical form.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="CanonicalJsonException">The input is not JSON, or not I-JSON (see remarks).</exception>
    public static string Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Encoding.UTF8.GetString(Canonicalize(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>Canonicalizes a parsed JSON value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The canonical form as UTF-8 bytes.</returns>
    /// <exception cref="CanonicalJsonException">The value is not I-JSON (see remarks).</exception>
    public static byte[] Canonicalize(JsonElement value) => Canonicalize(value, null);

    /// <summary>Canonicalizes a parsed JSON value with options.</summary>
    /// <param name="value">The value.</param>
    /// <param name="options">How numbers are written and how deep the value may nest; null for strict RFC 8785.</param>
    /// <returns>The canonical form as UTF-8 bytes.</returns>
    /// <exception cref="CanonicalJsonException">The value is not I-JSON (see remarks).</exception>
    public static byte[] Canonicalize(JsonElement value, CanonicalJsonOptions? options) =>
        Canonicalize(value, options ?? CanonicalJsonOptions.Default, 256);

    /// <summary>Writes the canonical form of a parsed JSON value to a buffer.</summary>
    /// <param name="value">The value.</param>
    /// <param name="output">Where the canonical UTF-8 bytes go.</param>
    /// <param name="options">How numbers are written and how deep the value may nest; null for strict RFC 8785.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    /// <exception cref="CanonicalJsonException">The value is not I-JSON (see remarks); part of the output may have been written.</exception>
    public static void Write(JsonElement value, IBufferWriter<byte> output, CanonicalJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        new CanonicalJsonWriter(output, options ?? CanonicalJsonOptions.Default).Write(value);
    }

    /// <summary>SHA-256 of the canonical form, for content hashes of JSON documents.</summary>
    /// <param name="utf8Json">The JSON text.</param>
    /// <returns>The 32-byte digest.</returns>
    /// <exception cref="CanonicalJsonException">The input is not JSON, or not I-JSON (see remarks).</exception>
    public static byte[] Sha256(ReadOnlySpan<byte> utf8Json) => Sha256Hash.Hash(Canonicalize(utf8Json));

    /// <summary>SHA-256 of the canonical form with options.</summary>
    /// <param name="utf8Json">The JSON text.</param>
    /// <param name="options">How numbers are written and how deep the input may nest; null for strict RFC 8785.</param>
    /// <returns>The 32-byte digest.</returns>
    /// <exception cref="CanonicalJsonException">The input is not JSON, or not I-JSON (see remarks).</exception>
    public static byte[] Sha256(ReadOnlySpan<byte> utf8Json, CanonicalJsonOptions? options) => Sha256Hash.Hash(Canonicalize(utf8Json, options));

    /// <summary>Writes a double as ECMAScript's Number.prototype.toString does (ECMA-262 §6.1.6.1.20).</summary>
    internal static string FormatNumber(double value) => CanonicalJsonWriter.FormatNumber(value);

    private static byte[] Canonicalize(JsonElement value, CanonicalJsonOptions options, int sizeHint)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, sizeHint));
        new CanonicalJsonWriter(buffer, options).Write(value);
        return buffer.WrittenSpan.ToArray();
    }
}
