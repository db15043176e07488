namespace MediBloc.Sdk.Fhir;

/// <summary>How <see cref="FhirCanonicalJson"/> writes JSON numbers in the canonical form: <see cref="MediBloc.Sdk.Crypto.CanonicalJsonNumberFormat"/> with FHIR's default (as received) first.</summary>
public enum CanonicalNumberFormat
{
    /// <summary>
    /// The number's literal exactly as received (<c>1.50</c> stays <c>1.50</c>, <c>1.000000000000000000E-245</c> stays as
    /// written). FHIR decimals carry their precision and may exceed the range and precision of a double, so two
    /// different FHIR values never share a canonical form. For numbers already in ECMAScript shortest form (all
    /// integers below 2^53 and every number an RFC 8785 producer writes) the output equals RFC 8785. The default.
    /// </summary>
    AsReceived = 0,

    /// <summary>
    /// Strict RFC 8785: every number is read as an IEEE 754 double and written in ECMAScript (ES6) shortest form
    /// (<c>1.50</c> becomes <c>1.5</c>, <c>1E-22</c> becomes <c>1e-22</c>). Digits beyond double precision are lost,
    /// so distinct FHIR decimals can share a canonical form; use it only to interoperate with other RFC 8785 tools.
    /// </summary>
    Rfc8785 = 1,
}
