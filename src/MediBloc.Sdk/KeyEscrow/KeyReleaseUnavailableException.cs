namespace MediBloc.Sdk.KeyEscrow;

/// <summary>
/// Fewer key-release services answered with their share than the profile's threshold needs (services down, slow, or
/// failing), while none refused the access. The break-the-glass is already recorded on chain; retrying within the
/// services' release window asks them again without a new break-the-glass.
/// </summary>
public class KeyReleaseUnavailableException : MediBlocException
{
    /// <summary>Creates the exception with a default message.</summary>
    public KeyReleaseUnavailableException() : this("Too few key-release services answered.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    public KeyReleaseUnavailableException(string message) : this(message, null) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public KeyReleaseUnavailableException(string message, Exception? innerException) : base(message, KeyReleaseCodes.ServicesUnavailable, innerException) { }

    /// <summary>How many shares were needed.</summary>
    public int Threshold { get; init; }

    /// <summary>How many services released their share.</summary>
    public int Released { get; init; }

    /// <summary>How many services the profile names.</summary>
    public int ServiceCount { get; init; }

    /// <summary>The block of the break-the-glass transaction (<see cref="MediBlocException.TransactionHash"/>), to retry the release with.</summary>
    public long? BlockNumber { get; init; }
}
