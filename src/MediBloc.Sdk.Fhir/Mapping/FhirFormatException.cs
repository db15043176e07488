namespace MediBloc.Sdk.Fhir;

/// <summary>
/// FHIR input is malformed: invalid JSON, an unknown <c>resourceType</c>, an entry without a resource, a resource
/// without the patient it requires, or a reference that points nowhere. <see cref="JsonPath"/> names the offending
/// element (for example <c>entry[3].resource.subject</c>); the message never contains the element's value.
/// </summary>
public class FhirFormatException : InvalidFormatException
{
    /// <summary>Creates the exception with a default message.</summary>
    public FhirFormatException() : this("The FHIR input is malformed.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, starting with the JSON path, and what the caller can do about it.</param>
    public FhirFormatException(string message) : this(message, "$") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">What failed, starting with the JSON path, and what the caller can do about it.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public FhirFormatException(string message, Exception? innerException) : this(message, "$", innerException) { }

    /// <summary>Creates the exception for an element.</summary>
    /// <param name="message">What failed, starting with the JSON path, and what the caller can do about it.</param>
    /// <param name="jsonPath">The path of the offending element, for example <c>entry[3].resource.subject</c>.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public FhirFormatException(string message, string jsonPath, Exception? innerException = null)
        : base(message, MediBlocErrorCode.InvalidFormat, innerException)
    {
        JsonPath = string.IsNullOrEmpty(jsonPath) ? "$" : jsonPath;
    }

    /// <summary>The path of the offending element (<c>$</c> for the document itself).</summary>
    public string JsonPath { get; }
}
