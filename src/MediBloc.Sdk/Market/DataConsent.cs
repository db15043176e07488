namespace MediBloc.Sdk.Market;

/// <summary>A patient's consent to share one record with a data-market request.</summary>
/// <param name="Patient">The consenting patient (the record's owner).</param>
/// <param name="Delivered">Whether the researcher confirmed delivery (and the patient was paid).</param>
public sealed record DataConsent(string Patient, bool Delivered);
