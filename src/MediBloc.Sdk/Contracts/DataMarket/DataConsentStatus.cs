namespace MediBloc.Sdk.Contracts.DataMarket;

/// <summary>Where a consent to a data request stands (<c>DataMarket</c>'s status constants).</summary>
public enum DataConsentStatus
{
    /// <summary>No consent.</summary>
    None = 0,

    /// <summary>A place is reserved; the researcher may reject it within the review window, after which silence is acceptance.</summary>
    Pending = 1,

    /// <summary>The researcher accepted it: the entry key may release the record key, which pays the price.</summary>
    Accepted = 2,

    /// <summary>The record key was released and the payee paid (final).</summary>
    Released = 3,

    /// <summary>The researcher rejected it in the review window (final).</summary>
    Rejected = 4,

    /// <summary>The entry key withdrew it before releasing (final).</summary>
    Withdrawn = 5,
}
