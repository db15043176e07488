namespace MediBloc.Cli;

/// <summary>The tool's exit codes, stable for scripts (the README lists them with the errors that map to each).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The operation failed: unreadable or malformed input, an I/O error, anything not listed below.</summary>
    public const int Failed = 1;

    /// <summary>
    /// The command line is wrong: unknown option, missing argument, unset password variable, an <c>--out</c> file
    /// that exists (add <c>--force</c> to replace it), or an <c>--out</c> that is the same file as an input
    /// (after making paths absolute and following symbolic links), an unknown key name, no identity where one is
    /// needed. Nothing is written.
    /// </summary>
    public const int Usage = 2;

    /// <summary>Refused: the password is wrong, the key is not a recipient of the envelope, no grant (or a revoked or
    /// expired one) covers the read, a role is not certified (<c>AccessDeniedException</c>, codes <c>WrongPassword</c>,
    /// <c>NotARecipient</c>, <c>AccessDenied</c>).</summary>
    public const int AccessDenied = 3;

    /// <summary>The envelope or record was altered, truncated or forged, or does not match its on-chain commitment (<c>IntegrityException</c>).</summary>
    public const int IntegrityFailure = 4;

    /// <summary>A record, grant, request or backup does not exist (<c>NotFoundException</c>).</summary>
    public const int NotFound = 5;

    /// <summary>The chain refused or failed: a reverted transaction, no funds for gas, a node error (<c>ChainException</c>).</summary>
    public const int ChainFailure = 6;

    /// <summary>The content store failed or is unreachable (<c>StorageException</c>, code <c>NodeUnavailable</c>).</summary>
    public const int StorageFailure = 7;

    /// <summary>A storage quota would be exceeded (<c>QuotaExceededException</c>).</summary>
    public const int QuotaExceeded = 8;

    /// <summary>The state folder's chain journal is corrupted, was written with other settings, or another process is
    /// writing it (codes <c>JournalCorrupted</c>, <c>JournalMismatch</c>, <c>JournalConflict</c>).</summary>
    public const int StateFailure = 9;

    /// <summary>Cancelled with Ctrl-C: nothing half-written; a publish in progress resumes from the outbox on the next run.</summary>
    public const int Cancelled = 130;
}
