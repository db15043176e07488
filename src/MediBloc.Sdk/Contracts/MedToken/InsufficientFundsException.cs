using System.Numerics;

namespace MediBloc.Sdk.Contracts.MedToken;

/// <summary>
/// A payment or conversion asks for more than the account has: too little MED (<see cref="PaymentCodes.InsufficientMed"/>),
/// too small an allowance (<see cref="PaymentCodes.InsufficientAllowance"/>), or too few convertible MediPoints
/// (<see cref="PaymentCodes.InsufficientConvertiblePoints"/>). Nothing was bought or converted.
/// </summary>
public class InsufficientFundsException : MediBlocException
{
    /// <summary>Creates the exception with a default message.</summary>
    public InsufficientFundsException() : this("The account has too little MED for this payment.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    public InsufficientFundsException(string message) : this(message, PaymentCodes.InsufficientMed) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public InsufficientFundsException(string message, Exception? innerException) : this(message, PaymentCodes.InsufficientMed, innerException) { }

    /// <summary>Creates the exception with a code.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="code">The machine-readable code (see <see cref="PaymentCodes"/>).</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public InsufficientFundsException(string message, MediBlocErrorCode code, Exception? innerException = null) : base(message, code, innerException) { }

    /// <summary>What the operation needs: MED in its smallest unit, or points.</summary>
    public BigInteger Needed { get; init; }

    /// <summary>What the account has of it (balance, allowance or convertible points).</summary>
    public BigInteger Available { get; init; }

    /// <summary>For <see cref="PaymentCodes.InsufficientConvertiblePoints"/>: when the next locked lot becomes convertible, if one waits.</summary>
    public DateTimeOffset? AvailableFrom { get; init; }
}
