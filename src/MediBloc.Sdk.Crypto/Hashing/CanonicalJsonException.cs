namespace MediBloc.Sdk.Crypto;

/// <summary>
/// JSON has no canonical form: it is not JSON, or not I-JSON (a duplicate member name, a number outside the range of
/// a double, a lone surrogate) or it is nested too deeply. <see cref="JsonPath"/> names where; the message never
/// contains a name or value from the document.
/// </summary>
public class CanonicalJsonException : InvalidFormatException
{
    /// <summary>Creates the exception with a default message.</summary>
    public CanonicalJsonException() : this("The JSON has no canonical form.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    public CanonicalJsonException(string message) : this(message, "$") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public CanonicalJsonException(string message, Exception? innerException) : this(message, "$", innerException) { }

    /// <summary>Creates the exception for an element.</summary>
    /// <param name="message">What failed and what the caller can do about it.</param>
    /// <param name="jsonPath">The path of the offending element, for example <c>entry[3].resource</c>.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public CanonicalJsonException(string message, string jsonPath, Exception? innerException = null)
        : base(message, MediBlocErrorCode.InvalidFormat, innerException)
    {
        JsonPath = string.IsNullOrEmpty(jsonPath) ? "$" : jsonPath;
    }

    /// <summary>
    /// The path of the offending element: member names joined by dots, array indexes in brackets
    /// (<c>entry[3].resource.id</c>), <c>$</c> for the document itself.
    /// </summary>
    /// <remarks>The path holds member names from the document; log it only where those names are not sensitive.</remarks>
    public string JsonPath { get; }
}
