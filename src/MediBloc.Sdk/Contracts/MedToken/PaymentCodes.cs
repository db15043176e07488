namespace MediBloc.Sdk.Contracts.MedToken;

/// <summary>The <see cref="MediBlocException.Code"/> values of <see cref="InsufficientFundsException"/>.</summary>
public static class PaymentCodes
{
    /// <summary>The account holds less MED than the purchase costs: top it up.</summary>
    public static MediBlocErrorCode InsufficientMed { get; } = new("InsufficientMed");

    /// <summary>The account allowed the contract to take less MED than the purchase costs: approve more, or let the SDK approve.</summary>
    public static MediBlocErrorCode InsufficientAllowance { get; } = new("InsufficientAllowance");

    /// <summary>Fewer MediPoints are convertible now than asked for: points convert only 3 months after minting, and not while held as a deposit.</summary>
    public static MediBlocErrorCode InsufficientConvertiblePoints { get; } = new("InsufficientConvertiblePoints");
}
