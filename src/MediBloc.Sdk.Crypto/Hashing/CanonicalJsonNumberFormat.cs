namespace MediBloc.Sdk.Crypto;

/// <summary>How <see cref="CanonicalJson"/> writes JSON numbers.</summary>
public enum CanonicalJsonNumberFormat
{
    /// <summary>
    /// RFC 8785: every number is read as an IEEE 754 double and written in ECMAScript shortest form (<c>1.50</c> becomes
    /// <c>1.5</c>, <c>1E-22</c> becomes <c>1e-22</c>); numbers outside the range of a double are rejected. The default.
    /// </summary>
    Rfc8785 = 0,

    /// <summary>
    /// Each number's literal exactly as received (<c>1.50</c> stays <c>1.50</c>). For formats whose decimals carry
    /// their precision or exceed a double (FHIR), so two different values never share a canonical form. For numbers
    /// already in ECMAScript shortest form (all integers below 2^53 and every number an RFC 8785 producer writes) the
    /// output equals RFC 8785.
    /// </summary>
    AsReceived = 1,
}
