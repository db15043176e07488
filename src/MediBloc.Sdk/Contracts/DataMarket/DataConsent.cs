using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.DataMarket;

/// <summary>A consent to a data request, as the chain holds it: it names a search-index entry's handle and a payee, never a patient or a record.</summary>
/// <param name="Handle">The consenting entry's handle (0x-hex).</param>
/// <param name="Status">Pending, accepted, released (paid), rejected or withdrawn.</param>
/// <param name="ReservedAt">When the place was reserved (chain time).</param>
/// <param name="Payee">Where the price goes when the key is released.</param>
public sealed record DataConsent(string Handle, DataConsentStatus Status, DateTimeOffset ReservedAt, EvmAddress Payee);
