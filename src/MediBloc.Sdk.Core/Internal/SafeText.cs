using System.Text;

namespace MediBloc.Sdk.Internal;

/// <summary>
/// Makes text that came from outside (a node's answer, a chain event, a file) safe to put in an exception message or a
/// log line: at most <see cref="DefaultMaxLength"/> characters, an ellipsis where it was cut, and control characters
/// (line breaks included, so no one forges a log line) shown as <c>?</c>. Linked as source (from MediBloc.Sdk.Core/Internal) into each package that needs it.
/// </summary>
internal static class SafeText
{
    /// <summary>The longest text kept by default, in characters.</summary>
    public const int DefaultMaxLength = 200;

    /// <summary>The text, cleaned and cut to <paramref name="maxLength"/> characters (plus an ellipsis when cut).</summary>
    /// <param name="text">The untrusted text; null gives an empty string.</param>
    /// <param name="maxLength">The most characters kept.</param>
    public static string Truncate(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var cut = text.Length > maxLength;
        var length = cut ? maxLength : text.Length;
        if (cut && length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--; // never split a surrogate pair
        }

        var clean = true;
        for (var i = 0; i < length && clean; i++)
        {
            clean = !char.IsControl(text[i]);
        }

        if (clean && !cut)
        {
            return text;
        }

        var builder = new StringBuilder(length + 1);
        for (var i = 0; i < length; i++)
        {
            builder.Append(char.IsControl(text[i]) ? '?' : text[i]);
        }

        return cut ? builder.Append('…').ToString() : builder.ToString();
    }

    /// <summary>UTF-8 bytes from outside decoded leniently, then <see cref="Truncate(string?, int)"/>.</summary>
    /// <param name="utf8">The untrusted bytes.</param>
    /// <param name="maxLength">The most characters kept.</param>
    public static string Truncate(ReadOnlySpan<byte> utf8, int maxLength = DefaultMaxLength)
    {
        // Decode a little more than needed: enough to know whether it was cut.
        var take = Math.Min(utf8.Length, (maxLength + 1) * 4);
        return Truncate(Encoding.UTF8.GetString(utf8[..take]), maxLength);
    }
}
